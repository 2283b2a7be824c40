#!/usr/bin/env bash
# The load benchmark of huskurage serve (issue 12), on loopback only and
# bounded in time and count: it builds huskurage, starts `huskurage serve`
# on a free loopback port, runs scripts/serveload against it, and reports
# requests/s, latency percentiles, the answers that were not 200 (only
# the designed 503s should be), and the server's peak memory (VmHWM).
#
#   scripts/bench-serve.sh                 # 50 clients, previews and downloads, 30 s
#   CLIENTS=10 THINK=500ms DOWNLOAD=0 scripts/bench-serve.sh   # 10 people typing
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-50} DURATION=${DURATION:-30s} DOWNLOAD=${DOWNLOAD:-5} THINK=${THINK:-0s} MAX=${MAX:-100000}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/huskurage" ./cmd/huskurage
go build -o "$work/serveload" ./scripts/serveload
"$work/huskurage" serve --addr 127.0.0.1:0 >"$work/out" 2>"$work/log" &
pid=$!
for _ in $(seq 100); do grep -q http "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^/]*' "$work/out")
echo "server $url (pid $pid), $(nproc) CPUs; load: $CLIENTS clients, $DURATION, a download every $DOWNLOAD requests, think $THINK"
"$work/serveload" -url "$url" -clients "$CLIENTS" -duration "$DURATION" -download "$DOWNLOAD" -think "$THINK" -max "$MAX"
echo "server peak memory: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
