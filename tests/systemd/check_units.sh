#!/usr/bin/env bash
# Checks the systemd units as systemd itself reads them: `systemd-analyze verify` must be clean, and
# `systemd-analyze security --offline` must score kiosk-sync.service <= 2.0 and kiosk.service <= 3.5.
# Usage: check_units.sh <units dir> <kiosk binary> <kiosk-sync binary> <scratch dir>
set -euo pipefail
units=$1 kiosk=$2 sync=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch"
# verify wants the ExecStart= binaries to exist: point the copies at the ones just built.
sed "s#^ExecStart=/usr/bin/kiosk\$#ExecStart=$kiosk#" "$units/kiosk.service" > "$scratch/kiosk.service"
sed "s#^ExecStart=/usr/bin/kiosk-sync\$#ExecStart=$sync#" "$units/kiosk-sync.service" > "$scratch/kiosk-sync.service"
cp "$units/kiosk-sync.timer" "$scratch/"
cd "$scratch"
out=$(systemd-analyze verify kiosk.service kiosk-sync.service kiosk-sync.timer 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "systemd-analyze verify is not clean:"; echo "$out"; exit 1; fi
echo "verify: clean"
for pair in kiosk-sync.service:20 kiosk.service:35; do
  unit=${pair%%:*} threshold=${pair##*:}
  systemd-analyze security --offline=yes --threshold="$threshold" "$unit" | tail -1
  systemd-analyze security --offline=yes --threshold="$threshold" "$unit" > /dev/null
done
