#!/usr/bin/env bash
# Checks the systemd units as systemd itself reads them: `systemd-analyze verify` must be clean, and
# `systemd-analyze security --offline` must score kiosk-sync.service <= 2.0 and kiosk.service <= 3.5.
# The scores the README states ("kiosk-sync, now 1.2") must be the scores measured here, so the
# README cannot drift from what systemd says.
# Usage: check_units.sh <units dir> <kiosk binary> <kiosk-sync binary> <scratch dir> <README.md>
set -euo pipefail
units=$1 kiosk=$2 sync=$3 scratch=$4 readme=$5
rm -rf "$scratch" && mkdir -p "$scratch"
# verify wants the ExecStart= binaries to exist: point the copies at the ones just built.
sed "s#^ExecStart=/usr/bin/kiosk\$#ExecStart=$kiosk#" "$units/kiosk.service" > "$scratch/kiosk.service"
sed "s#^ExecStart=/usr/bin/kiosk-sync\$#ExecStart=$sync#" "$units/kiosk-sync.service" > "$scratch/kiosk-sync.service"
cp "$units/kiosk-sync.timer" "$scratch/"
cd "$scratch"
out=$(systemd-analyze verify kiosk.service kiosk-sync.service kiosk-sync.timer 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "systemd-analyze verify is not clean:"; echo "$out"; exit 1; fi
echo "verify: clean"
# The README's sentence, joined onto one line: "... (kiosk-sync, now 1.2) and 3.5 (kiosk, now 1.0)."
stated=$(tr '\n' ' ' < "$readme" | tr -s ' ')
for pair in kiosk-sync.service:20 kiosk.service:35; do
  unit=${pair%%:*} threshold=${pair##*:}
  last=$(systemd-analyze security --offline=yes --threshold="$threshold" "$unit" | tail -1)
  echo "$last"
  systemd-analyze security --offline=yes --threshold="$threshold" "$unit" > /dev/null
  score=$(echo "$last" | grep -oE '[0-9]+\.[0-9]+' | head -1)
  claim=$(echo "$stated" | grep -oE "\(${unit%.service}, now [0-9]+\.[0-9]+\)" | grep -oE '[0-9]+\.[0-9]+' || true)
  [ -n "$claim" ] || { echo "FAIL: $readme does not state the score of $unit as \"(${unit%.service}, now N.N)\""; exit 1; }
  [ "$claim" = "$score" ] || { echo "FAIL: $readme says ${unit%.service} scores $claim; systemd-analyze says $score"; exit 1; }
done
echo "README: the stated scores are the measured ones"
