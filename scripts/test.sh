#!/usr/bin/env bash
# Runs every test. On a fresh machine it first installs the PDF tools the
# tests check our files with (poppler-utils, qpdf, zbar-tools) and
# pango-view (pango1.0-tools), which renders text with HarfBuzz to compare
# ours with, and hb-shape (libharfbuzz-bin), which shapes our texts with
# HarfBuzz to compare go-text's shaping with, xicclu (argyll), which reads
# the print profile's tables to compare ours with, and Ghostscript, which
# checks the print-shop files, and MuPDF's mutool, which reads our text as
# another extractor than poppler does, and Chromium, in which the web
# pages are tested (render/html, with chromedp and axe-core); a test that
# needs one of them fails, never skips, when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pair in pdftotext:poppler-utils pdffonts:poppler-utils pdfinfo:poppler-utils \
            pdftoppm:poppler-utils qpdf:qpdf zbarimg:zbar-tools \
            pango-view:pango1.0-tools hb-shape:libharfbuzz-bin \
            xicclu:argyll gs:ghostscript mutool:mupdf-tools node:nodejs \
            chromium:chromium; do
  tool=${pair%%:*} pkg=${pair#*:}
  if ! command -v "$tool" >/dev/null 2>&1; then
    missing+=("$pkg")
  fi
done
# The web page's screenshots show Arabic and Ethiopic in Noto, as a
# phone does; without it Chromium here has no Ethiopic font at all.
if [ ! -e /usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf ]; then
  missing+=(fonts-noto-core)
fi
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  echo "installing $pkgs" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $pkgs >/dev/null
fi

# Wine runs the Windows build (release/windows_test.go). Debian 12's Wine
# lacks a DLL that Go programs load, which that test makes with the
# MinGW-w64 binutils. Without recommends, Wine is 105 MB to download
# instead of 163 MB (700 MB on disk); the two took 15 s to install here.
bare=()
if ! command -v wine64 >/dev/null 2>&1 && [ ! -x /usr/lib/wine/wine64 ]; then
  bare+=(wine64)
fi
if ! command -v x86_64-w64-mingw32-dlltool >/dev/null 2>&1; then
  bare+=(binutils-mingw-w64-x86-64)
fi
if [ ${#bare[@]} -gt 0 ]; then
  echo "installing ${bare[*]}" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${bare[@]}" >/dev/null
fi

# pdfcpu validates the print-shop files (pipeline/pdfx_test.go), as FACTS.md
# says; Go fetches it from the module proxy.
if ! command -v pdfcpu >/dev/null 2>&1 && [ ! -x "$(go env GOPATH)/bin/pdfcpu" ]; then
  echo "installing pdfcpu" >&2
  go install github.com/pdfcpu/pdfcpu/cmd/pdfcpu@v0.15.0
fi

# PDF.js reads our tagged PDFs' structure as a browser does
# (pipeline/tagged_test.go): the version in pipeline/testdata/pdfjs's lock
# file, installed there with npm, so that the tests need no network.
if [ ! -d pipeline/testdata/pdfjs/node_modules/pdfjs-dist ]; then
  echo "installing pdfjs-dist" >&2
  (cd pipeline/testdata/pdfjs && npm ci --no-audit --no-fund --loglevel=error)
fi

# axe-core checks our web pages in Chromium (internal/browser), from the
# version in its lock file, installed there with npm.
if [ ! -f internal/browser/testdata/axe/node_modules/axe-core/axe.min.js ]; then
  echo "installing axe-core" >&2
  (cd internal/browser/testdata/axe && npm ci --no-audit --no-fund --loglevel=error)
fi

go vet ./...
# What runs builders on several goroutines is run again under the race
# detector: the batch (its tests are named TestBatch…) and the
# renderers. Those two runs go at the same time as the main one, each
# into a file of its own that is printed when it ends: the main run
# keeps the machine only half busy while its tests wait for the PDF
# tools, and one after another the three took 2m20s here against 1m40s.
races=$(mktemp -d "${TMPDIR:-/tmp}/huskurage-race.XXXXXX")
trap 'rm -rf "$races"' EXIT
go test -race -run '^TestBatch' ./pipeline "$@" >"$races/pipeline" 2>&1 &
race1=$!
go test -race ./render/... "$@" >"$races/render" 2>&1 &
race2=$!
status=0
go test ./... "$@" || status=$?
for job in "$race1:pipeline" "$race2:render"; do
  pid=${job%%:*} name=${job#*:}
  wait "$pid" || status=$?
  echo "-- under the race detector ($name):"
  cat "$races/$name"
done
exit "$status"
