#!/usr/bin/env bash
# Times `huskurage batch` as a user runs it: N generated properties, each
# with its own QR link (as a municipality's ?hus=ID links are), leaflets
# only, on JOBS cores, into a new folder; RUNS times, with the median.
# For each run it prints leaflets/s (wall time), CPU-ms per leaflet (user
# + system of the process, from /usr/bin/time: steadier than wall time on
# a shared machine) and the peak resident memory, and the load average
# before it.
#
#   scripts/bench-batch.sh [N [RUNS [JOBS]]]      defaults: 10000 3 2
#   PROFILE=1 scripts/bench-batch.sh 10000 1      also the CLI's CPU profile's top costs
#   PROFILE=1 KEEP=cpu.prof ...                   and keep the profile for go tool pprof
#
# Every run gets a fresh TMPDIR of its own, and the runs' files are
# removed only at the end: where /tmp is ext4 without a journal, making a
# file near thousands just removed costs several times more system time
# (see pipeline/batch_bench_test.go), so a run must not follow the
# clean-up of another. (10,000 leaflets take 400 MB of disk.)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-3}
jobs=${3:-2}

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/huskurage" ./cmd/huskurage
h="$work/huskurage"

# The properties differ the way a municipality's do (address, landlord,
# entrances, contacts) and each has its own link: the same as
# BenchmarkBatchLeaflets' own-link case.
mkdir "$work/in"
awk -v n="$n" -v dir="$work/in" 'BEGIN {
  for (i = 0; i < n; i++) {
    f = sprintf("%s/p%05d.yaml", dir, i)
    printf("id: prop-%05d\n", i) > f
    printf("landlord:\n  name: Bostadsbolaget %d\n  phone: 0303-70 %02d %02d\n", i % 37, i % 100, int(i / 100) % 100) > f
    printf("property:\n  address: Storgatan %d\n  postal_code: \"449 %02d\"\n  city: Nödinge\n", 1 + i % 200, i % 100) > f
    printf("  entrances: [%dA, %dB]\n", 1 + i % 9, 1 + i % 9) > f
    printf("contacts:\n  - name: Socialtjänsten, kontaktcenter\n    phone: 0303-70 30 00\n    hours: vardagar 8–16\n") > f
    printf("  - name: Fastighetsjouren\n    phone: 031-390 06 %02d\n", i % 100) > f
    printf("support_lines: [kvinnofridslinjen, bris]\nqr:\n  url: https://example.org/huskurage?hus=%05d\n", i) > f
    close(f)
  }
}'

results=()
for r in $(seq "$runs"); do
  tmp="$work/run$r"
  mkdir "$tmp"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  TMPDIR="$tmp" /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
    "$h" batch -q --only leaflet -j "$jobs" "$work/in" -o "$tmp/out"
  read -r wall user sys rss <"$tmp/time"
  files=$(find "$tmp/out" -name '*-leaflet-*.pdf' | wc -l)
  if [ "$files" != "$n" ]; then
    echo "run $r: $files leaflets, expected $n" >&2
    exit 1
  fi
  line=$(awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v l="$load" \
    'BEGIN { printf("%.0f leaflets/s  %.3f cpu-ms/leaflet  %.0f MB peak  (%.2f s wall, %.2f s user, %.2f s sys; load %s)", n / w, (u + s) * 1000 / n, m / 1024, w, u, s, l) }')
  echo "run $r: $line"
  results+=("$line")
done
printf '%s\n' "${results[@]}" | sort -n | awk -v k=$(((runs + 1) / 2)) 'NR == k { print "median by leaflets/s: " $0 }'
printf '%s\n' "${results[@]}" | sort -k3,3n | awk -v k=$(((runs + 1) / 2)) 'NR == k { print "median by cpu-ms/leaflet: " $0 }'

if [ "${PROFILE:-}" != "" ]; then
  # The command's own CPU profile (the hidden --cpuprofile flag), read
  # with pprof: the top costs by self time, then by cumulative time.
  tmp="$work/prof"
  mkdir "$tmp"
  TMPDIR="$tmp" "$h" batch -q --only leaflet -j "$jobs" "$work/in" -o "$tmp/out" \
    --cpuprofile "$work/cpu.prof" >/dev/null
  echo "top costs (self time, pprof):"
  go tool pprof -top -nodecount="${TOP:-10}" "$h" "$work/cpu.prof" 2>/dev/null | sed -n '/flat%/,$p'
  echo "top costs (cumulative):"
  go tool pprof -top -cum -nodecount="${TOP:-25}" "$h" "$work/cpu.prof" 2>/dev/null | sed -n '/flat%/,$p'
  if [ "${KEEP:-}" != "" ]; then
    cp "$work/cpu.prof" "$KEEP"
  fi
fi
