#!/usr/bin/env bash
# Makes icc/FOGRA39-huskurage.icc, the output profile of huskurage's
# print-shop files, from Fogra's FOGRA39 characterisation data as Debian's
# icc-profiles-free ships it, with ArgyllCMS's colprof. See icc/README.md.
# The profile is committed; run this only to make it again (its bytes
# differ in the date of making).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v colprof >/dev/null 2>&1 || need+=(argyll)
[ -f /usr/share/color/icc/FOGRA39L.ti3 ] || need+=(icc-profiles-free)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
# -ql: low quality, a 9-point Lab grid (41 KB instead of 174 KB at -qm;
#      the tables still reproduce the data within ΔE 1.9 at worst);
# -nc: leave the 127 KB of measurements out of the profile;
# -kr: black generation that ramps K in from white to black;
# -l300: 300 % total ink, the usual limit for coated offset;
# -s sRGB.icc: the perceptual table maps sRGB's gamut into the press's.
colprof -ql -nc -kr -l300 -s /usr/share/color/icc/sRGB.icc \
  -D "Coated FOGRA39 (huskurage, from FOGRA39L data)" \
  -C "From FOGRA39L.ti3 (Fogra; Debian icc-profiles-free, zlib licence). No warranty." \
  -O "$work/FOGRA39-huskurage.icc" "$work/FOGRA39L" >/dev/null
cp "$work/FOGRA39-huskurage.icc" icc/
ls -l icc/FOGRA39-huskurage.icc
