#!/usr/bin/env bash
# check_outline_regenerates.sh <assets/map> <scratch dir>: runs make-denmark-outline into the scratch
# dir and compares its output byte for byte with the committed denmark-outline.txt.
set -euo pipefail
map="$1"
scratch="$2"
rm -rf "$scratch"
mkdir -p "$scratch"
"$map/make-denmark-outline" "$scratch/denmark-outline.txt"
if ! cmp "$map/denmark-outline.txt" "$scratch/denmark-outline.txt"; then
  diff -u "$map/denmark-outline.txt" "$scratch/denmark-outline.txt" | head -40
  echo "check_outline_regenerates: the committed outline is not what make-denmark-outline writes" >&2
  exit 1
fi
echo "check_outline_regenerates: the committed outline is what make-denmark-outline writes"
