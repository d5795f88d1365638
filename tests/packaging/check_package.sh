#!/usr/bin/env bash
# Builds the .deb and installs into a DESTDIR, then checks what landed where and that the installed
# kiosk finds its own fonts and default content.
# Usage: check_package.sh <build dir> <scratch dir>
set -euo pipefail
build=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch"

fail() { echo "FAIL: $*"; exit 1; }

# DESTDIR install with the prefix the package uses.
DESTDIR="$scratch/root" cmake --install "$build" --prefix /usr > "$scratch/install.log"
root=$scratch/root
for f in usr/bin/kiosk usr/bin/kiosk-sync usr/share/kiosk/fonts/NotoSans-Regular.ttf usr/share/kiosk/fonts/OFL.txt \
         usr/share/kiosk/content/default-feed.json usr/lib/systemd/system/kiosk.service \
         usr/lib/systemd/system/kiosk-sync.service usr/lib/systemd/system/kiosk-sync.timer \
         usr/lib/sysusers.d/kiosk.conf etc/kiosk/kiosk.toml usr/share/doc/kiosk/sync.md; do
  [ -e "$root/$f" ] || fail "installed tree lacks /$f"
done
echo "install: all expected files present"
# The installed kiosk uses the installed assets (../share/kiosk beside its binary), not the source tree.
"$root/usr/bin/kiosk" --config "$root/etc/kiosk/kiosk.toml" --screenshot "$scratch/shots" --size 800x480 > "$scratch/shot.log" 2>&1 \
  || { cat "$scratch/shot.log"; fail "the installed kiosk could not render"; }
[ -s "$scratch/shots/01-status.png" ] || fail "no screenshot from the installed kiosk"
echo "install: the installed kiosk renders with its installed assets"

# The .deb.
(cd "$build" && cpack -G DEB -B "$scratch/deb" > "$scratch/cpack.log") || { cat "$scratch/cpack.log"; fail "cpack"; }
deb=$(ls "$scratch"/deb/kiosk_*.deb | head -1)
[ -n "$deb" ] || fail "no .deb"
dpkg-deb -c "$deb" > "$scratch/contents.txt"
for f in ./usr/bin/kiosk ./usr/bin/kiosk-sync ./usr/share/kiosk/fonts/NotoSans-Bold.ttf ./usr/lib/systemd/system/kiosk.service \
         ./usr/lib/sysusers.d/kiosk.conf ./etc/kiosk/kiosk.toml; do
  grep -q " $f\$" "$scratch/contents.txt" || fail "the .deb lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for p in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libsqlite3-0 libcurl4 libsodium23 libtomlplusplus3 libqrencode4; do
  echo "$depends" | grep -q "$p" || fail "Depends lacks $p: $depends"
done
dpkg-deb -I "$deb" conffiles | grep -qx "/etc/kiosk/kiosk.toml" || fail "/etc/kiosk/kiosk.toml is not a conffile"
echo "deb: $(basename "$deb"), $(wc -l < "$scratch/contents.txt") entries, conffile and Depends as expected"
