#!/usr/bin/env bash
# Renders the README's pictures from examples/ale-storgatan.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./cmd/huskurage build -q examples/ale-storgatan.yaml -o "$tmp"
pdftoppm -png -r 50 -f 1 -l 1 "$tmp/ale-storgatan-7-poster-7a-sv.pdf" docs/poster
pdftoppm -png -r 50 "$tmp/ale-storgatan-7-leaflet-sv.pdf" docs/leaflet
mv docs/poster-1.png docs/poster.png

# Two languages: a bilingual A3 poster and a leaflet with a language on
# each side.
go run ./cmd/huskurage build -q examples/ale-storgatan.yaml -o "$tmp/two" --poster-langs sv,ar --leaflet-langs sv,so
pdftoppm -png -r 30 -singlefile "$tmp/two/ale-storgatan-7-poster-7a-sv-ar.pdf" docs/poster-sv-ar
pdftoppm -png -r 40 "$tmp/two/ale-storgatan-7-leaflet-sv-so.pdf" docs/leaflet-sv-so

# A contact sheet: the leaflet's front in every language.
mkdir -p docs/languages
rm -f docs/languages/*.png
for code in $(go run ./cmd/huskurage languages | awk 'NR>1 {print $1}'); do
  go run ./cmd/huskurage build -q --lang "$code" examples/goteborg-brf-kastanjen.yaml -o "$tmp/$code"
  pdftoppm -png -r 30 -f 1 -l 1 -singlefile "$tmp/$code/brf-kastanjen-leaflet-$code.pdf" "docs/languages/$code"
done
