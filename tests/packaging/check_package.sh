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
for f in usr/bin/kiosk usr/bin/kiosk-sync usr/bin/kiosk-feed usr/share/kiosk/fonts/NotoSans-Regular.ttf usr/share/kiosk/fonts/OFL.txt \
         usr/share/kiosk/content/default-feed.json usr/lib/systemd/system/kiosk.service \
         usr/lib/systemd/system/kiosk-sync.service usr/lib/systemd/system/kiosk-sync.timer \
         usr/lib/sysusers.d/kiosk.conf usr/lib/udev/rules.d/70-kiosk-backlight.rules etc/kiosk/kiosk.toml \
         usr/share/doc/kiosk/sync.md; do
  [ -e "$root/$f" ] || fail "installed tree lacks /$f"
done
echo "install: all expected files present"
# The installed kiosk uses the installed assets (../share/kiosk beside its binary), not the source tree.
"$root/usr/bin/kiosk" --config "$root/etc/kiosk/kiosk.toml" --screenshot "$scratch/shots" --size 800x480 > "$scratch/shot.log" 2>&1 \
  || { cat "$scratch/shot.log"; fail "the installed kiosk could not render"; }
[ -s "$scratch/shots/01-status.png" ] || fail "no screenshot from the installed kiosk"
echo "install: the installed kiosk renders with its installed assets"
"$root/usr/bin/kiosk-feed" init "$scratch/feed-source" > "$scratch/feed-init.log" 2>&1 || { cat "$scratch/feed-init.log"; fail "the installed kiosk-feed could not init"; }
[ -s "$scratch/feed-source/content.toml" ] || fail "the installed kiosk-feed wrote no content.toml"
echo "install: the installed kiosk-feed starts a source folder from the installed default content"

# The .deb.
(cd "$build" && cpack -G DEB -B "$scratch/deb" > "$scratch/cpack.log") || { cat "$scratch/cpack.log"; fail "cpack"; }
deb=$(ls "$scratch"/deb/kiosk_*.deb | head -1)
[ -n "$deb" ] || fail "no .deb"
dpkg-deb -c "$deb" > "$scratch/contents.txt"
for f in ./usr/bin/kiosk ./usr/bin/kiosk-sync ./usr/bin/kiosk-feed ./usr/share/kiosk/fonts/NotoSans-Bold.ttf ./usr/lib/systemd/system/kiosk.service \
         ./usr/lib/sysusers.d/kiosk.conf ./usr/lib/udev/rules.d/70-kiosk-backlight.rules ./etc/kiosk/kiosk.toml; do
  grep -q " $f\$" "$scratch/contents.txt" || fail "the .deb lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for p in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libsqlite3-0 libcurl4 libsodium23 libtomlplusplus3 libqrencode4; do
  echo "$depends" | grep -q "$p" || fail "Depends lacks $p: $depends"
done
# Each dependency is a real Debian package: this machine, which built the kiosk, has them all.
for p in $(echo "$depends" | tr ',' '\n' | sed 's/(.*//; s/ //g'); do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || fail "Depends names $p, which is not an installed Debian package here"
done
[ "$(dpkg-deb -f "$deb" Recommends)" = "v4l-utils" ] || fail "Recommends is not v4l-utils"
dpkg-deb -I "$deb" conffiles | grep -qx "/etc/kiosk/kiosk.toml" || fail "/etc/kiosk/kiosk.toml is not a conffile"
echo "deb: $(basename "$deb"), $(wc -l < "$scratch/contents.txt") entries, conffile and Depends as expected"

# dpkg itself installs, upgrades, removes and purges the .deb, in a root of its own (DPKG_ROOT):
# the maintainer script creates the kiosk user there, and staff's edits of the conffile survive a
# reinstall and a removal. dpkg needs root for the files' ownership.
if [ "$(id -u)" -ne 0 ]; then
  echo "dpkg: skipped the install into a separate root (needs root)"
  exit 0
fi
droot=$scratch/dpkg-root
mkdir -p "$droot/var/lib/dpkg/info" "$droot/var/lib/dpkg/updates" "$droot/etc"
touch "$droot/var/lib/dpkg/status" "$droot/var/lib/dpkg/available"
dpkg_in() { dpkg --root="$droot" --force-script-chrootless --force-depends --log=/dev/null "$@"; }
dpkg_in -i "$deb" > "$scratch/dpkg-install.log" 2>&1 || { cat "$scratch/dpkg-install.log"; fail "dpkg -i"; }
dpkg --root="$droot" -s kiosk | grep -qx 'Status: install ok installed' || fail "dpkg does not list kiosk as installed"
grep -q '^kiosk:' "$droot/etc/passwd" || fail "postinst did not create the kiosk user"
[ -x "$droot/usr/bin/kiosk" ] || fail "dpkg did not install /usr/bin/kiosk"
echo 'area = "gellerupparken-toveshoej"' > "$droot/etc/kiosk/kiosk.toml"
dpkg_in -i "$deb" > "$scratch/dpkg-reinstall.log" 2>&1 || { cat "$scratch/dpkg-reinstall.log"; fail "dpkg -i again"; }
grep -q gellerupparken "$droot/etc/kiosk/kiosk.toml" || fail "reinstalling replaced staff's kiosk.toml"
dpkg_in -r kiosk > "$scratch/dpkg-remove.log" 2>&1 || { cat "$scratch/dpkg-remove.log"; fail "dpkg -r"; }
[ ! -e "$droot/usr/bin/kiosk" ] || fail "dpkg -r left /usr/bin/kiosk"
grep -q gellerupparken "$droot/etc/kiosk/kiosk.toml" || fail "dpkg -r removed staff's kiosk.toml"
dpkg_in -P kiosk > "$scratch/dpkg-purge.log" 2>&1 || { cat "$scratch/dpkg-purge.log"; fail "dpkg -P"; }
[ ! -e "$droot/etc/kiosk/kiosk.toml" ] || fail "dpkg -P left /etc/kiosk/kiosk.toml"
echo "dpkg: installed, reinstalled keeping the edited conffile, removed and purged in $droot"
