#!/usr/bin/env bash
# Builds a snapshot release into dist/ with GoReleaser, from
# .goreleaser.yaml: zip and tar.gz archives for Windows, macOS and Linux on
# amd64 and arm64. Then it
#   - checks the archives (release/dist_test.go: targets, contents, dates,
#     checksums, and each binary read as its system would),
#   - builds them a second time and checks that the checksums are the same
#     (reproducible archives), and
#   - unpacks the archive for this machine and runs its binary on
#     examples/ale-storgatan.yaml, as the README's Install section says,
#     checking that the PDFs appear and that pdfinfo reads them.
#
# GoReleaser is a Go module, run at a fixed version: the first run fetches
# and compiles it (6 minutes on 2 cores), later ones take it from Go's
# build cache. Measured here: about 11 minutes cold, 45 s warm. So
# scripts/test.sh does not run it; release/windows_test.go builds the
# Windows binary with the config's flags in every test run.
#
# Usage: scripts/release.sh [--once]   (--once: build only once)
set -euo pipefail
cd "$(dirname "$0")/.."

GORELEASER=github.com/goreleaser/goreleaser/v2@v2.15.1
goreleaser() { go run "$GORELEASER" "$@"; }

twice=true
case "${1:-}" in
  --once) twice=false ;;
  "") ;;
  *) echo "usage: $0 [--once]" >&2; exit 2 ;;
esac

# GoReleaser reads the commit and its date from git only when the
# repository has a remote; without one (a local clone, a worktree) it
# stamps the snapshot "none" and dates the files when they are built,
# which makes every build differ. Name the repository as its own remote,
# for GoReleaser's git commands alone.
if ! git ls-remote --get-url >/dev/null 2>&1; then
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=remote.origin.url GIT_CONFIG_VALUE_0="$PWD"
fi

goreleaser check
goreleaser release --snapshot --clean
go test ./release -run '^TestDist$' -count=1 -args -dist "$PWD/dist"

if $twice; then
  first=$(mktemp)
  trap 'rm -f "$first"' EXIT
  cp dist/checksums.txt "$first"
  goreleaser release --snapshot --clean
  if ! diff -u "$first" dist/checksums.txt; then
    echo "release.sh: two builds of one commit made different archives" >&2
    exit 1
  fi
  echo "release.sh: a second build made the same archives"
fi

# Run the binary for this machine from its archive, in the unpacked folder.
version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' dist/metadata.json)
os=$(go env GOHOSTOS) arch=$(go env GOHOSTARCH)
case $os in
  linux) system=linux ;;
  darwin) system=macos ;;
  *) echo "release.sh: runs the binary on Linux or macOS only, not $os" >&2; exit 1 ;;
esac
name=huskurage_${version}_${system}_${arch}
archive=dist/$name.tar.gz
if [ ! -f "$archive" ]; then
  echo "release.sh: no archive for this machine ($archive)" >&2
  exit 1
fi
if ! command -v pdfinfo >/dev/null 2>&1; then
  echo "release.sh: pdfinfo is missing: install poppler-utils (scripts/test.sh does)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work" "${first:-}"' EXIT
tar -xzf "$archive" -C "$work"
(
  cd "$work/$name"
  ./huskurage build examples/ale-storgatan.yaml -o out
)
expected="ale-storgatan-7-leaflet-sv.pdf ale-storgatan-7-poster-7a-sv.pdf ale-storgatan-7-poster-7b-sv.pdf"
written=$(cd "$work/$name/out" && LC_ALL=C ls | tr '\n' ' ' | sed 's/ $//')
if [ "$written" != "$expected" ]; then
  echo "release.sh: the $system $arch binary wrote '$written', want '$expected'" >&2
  exit 1
fi
for pdf in $expected; do
  pdfinfo "$work/$name/out/$pdf" >/dev/null
done
echo "release.sh: $archive builds examples/ale-storgatan.yaml: $expected"
