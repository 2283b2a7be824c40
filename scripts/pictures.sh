#!/usr/bin/env bash
# Renders the README's pictures from the examples, with huskurage's own
# PNG output (build --format png): no PDF viewer or poppler needed. The
# web page's picture is Chromium's screenshot, taken by its test.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/huskurage" ./cmd/huskurage
h="$tmp/huskurage"

# The poster of one entrance and the leaflet's two pages.
"$h" build -q examples/ale-storgatan.yaml -o "$tmp/one" --format png --dpi 50
mv "$tmp/one/ale-storgatan-7-poster-7a-sv-1.png" docs/poster.png
mv "$tmp/one/ale-storgatan-7-leaflet-sv-1.png" docs/leaflet-1.png
mv "$tmp/one/ale-storgatan-7-leaflet-sv-2.png" docs/leaflet-2.png

# Two languages: a bilingual A3 poster and a leaflet with a language on
# each side.
"$h" build -q examples/ale-storgatan.yaml -o "$tmp/two" --poster-langs sv,ar --only poster --format png --dpi 30
mv "$tmp/two/ale-storgatan-7-poster-7a-sv-ar-1.png" docs/poster-sv-ar.png
"$h" build -q examples/ale-storgatan.yaml -o "$tmp/two" --leaflet-langs sv,so --only leaflet --format png --dpi 40
mv "$tmp/two/ale-storgatan-7-leaflet-sv-so-1.png" docs/leaflet-sv-so-1.png
mv "$tmp/two/ale-storgatan-7-leaflet-sv-so-2.png" docs/leaflet-sv-so-2.png

# A contact sheet: the leaflet's front in every language.
mkdir -p docs/languages
rm -f docs/languages/*.png
for code in $("$h" languages | awk 'NR>1 {print $1}'); do
  "$h" build -q --lang "$code" --only leaflet examples/goteborg-brf-kastanjen.yaml -o "$tmp/$code" --format png --dpi 30
  mv "$tmp/$code/brf-kastanjen-leaflet-$code-1.png" "docs/languages/$code.png"
done

# The web page (build --format html) at a phone's width, 360 pixels, as
# Chromium shows it: the screenshot render/html's browser test takes.
mkdir -p "$tmp/web"
go test ./render/html -run 'TestBrowser/^sv$' -count=1 -args -pictures "$tmp/web" >/dev/null
mv "$tmp/web/ale-storgatan-7-leaflet-sv-360.png" docs/web-page.png

# huskurage serve: the form with a problem beside its field, and the form
# with its live preview, as Chromium shows them (the browser test's
# screenshots).
mkdir -p "$tmp/serve"
go test ./web -run '^TestBrowserLandlord$' -count=1 -args -pictures "$tmp/serve" >/dev/null
mv "$tmp/serve/serve-problem.png" "$tmp/serve/serve-form.png" docs/
