#!/usr/bin/env bash
# Builds the .deb and installs into a DESTDIR, then checks what landed where and that the installed
# kiosk finds its own fonts and default content; and, as root, that dpkg installs, removes and
# purges it in a root of its own, purge leaving no enable links or state behind.
# Usage: check_package.sh <build dir> <scratch dir> <source dir>
set -euo pipefail
build=$1 scratch=$2 src=$3
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
for script in postinst prerm postrm; do
  dpkg-deb -I "$deb" "$script" > /dev/null 2>&1 || fail "the .deb has no $script"
done
echo "deb: $(basename "$deb"), $(wc -l < "$scratch/contents.txt") entries, conffile, maintainer scripts and Depends as expected"

# dpkg itself installs, upgrades, removes and purges the .deb, in a root of its own (DPKG_ROOT):
# the maintainer script creates the kiosk user there, and staff's edits of the conffile survive a
# reinstall and a removal. The installer enables the units as the guide says (systemctl enable) and
# the kiosk fills /var/lib/kiosk: removal keeps both, for a reinstall; purge leaves neither, and no
# link that points nowhere. The kiosk user stays (Debian leaves system users; README).
# dpkg needs root for the files' ownership.
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
systemctl --root="$droot" enable kiosk.service kiosk-sync.timer > "$scratch/enable.log" 2>&1 || { cat "$scratch/enable.log"; fail "systemctl enable"; }
links=$(cd "$droot" && find etc/systemd/system -type l | sort)
[ "$(echo "$links" | grep -c .)" -ge 2 ] || fail "systemctl enable made no links: $links"
mkdir -p "$droot/var/lib/kiosk" && echo cache > "$droot/var/lib/kiosk/content.db"
dpkg_in -i "$deb" > "$scratch/dpkg-upgrade.log" 2>&1 || { cat "$scratch/dpkg-upgrade.log"; fail "dpkg -i over the enabled units"; }
[ "$(cd "$droot" && find etc/systemd/system -type l | sort)" = "$links" ] || fail "reinstalling changed the enable links"
dpkg_in -r kiosk > "$scratch/dpkg-remove.log" 2>&1 || { cat "$scratch/dpkg-remove.log"; fail "dpkg -r"; }
[ ! -e "$droot/usr/bin/kiosk" ] || fail "dpkg -r left /usr/bin/kiosk"
grep -q gellerupparken "$droot/etc/kiosk/kiosk.toml" || fail "dpkg -r removed staff's kiosk.toml"
[ -s "$droot/var/lib/kiosk/content.db" ] || fail "dpkg -r removed the content cache"
[ "$(cd "$droot" && find etc/systemd/system -type l | sort)" = "$links" ] || fail "dpkg -r changed the enable links"
dpkg_in -P kiosk > "$scratch/dpkg-purge.log" 2>&1 || { cat "$scratch/dpkg-purge.log"; fail "dpkg -P"; }
[ ! -e "$droot/etc/kiosk/kiosk.toml" ] || fail "dpkg -P left /etc/kiosk/kiosk.toml"
[ ! -e "$droot/var/lib/kiosk" ] || fail "dpkg -P left /var/lib/kiosk"
left=$(cd "$droot" && find etc/systemd var/lib/systemd -type l 2>/dev/null || true)
[ -z "$left" ] || fail "dpkg -P left unit links: $left"
grep -q '^kiosk:' "$droot/etc/passwd" || fail "dpkg -P removed the kiosk user, which Debian leaves"
echo "dpkg: installed, enabled, reinstalled keeping the edited conffile and the links, removed keeping"
echo "      the cache and the links, purged leaving no links nor /var/lib/kiosk, in $droot"

# The purge without Debian's deb-systemd-helper (postrm then asks systemctl), and with neither:
# the installed postrm, run as dpkg runs it in another root, with a PATH holding only the tools named.
dpkg-deb -e "$deb" "$scratch/control"
for tools in "systemctl rm" "rm"; do
  froot=$scratch/fallback-root bin=$scratch/fallback-bin
  rm -rf "$froot" "$bin" && mkdir -p "$froot/usr/lib/systemd/system" "$froot/var/lib/kiosk" "$bin"
  for t in $tools; do ln -s "$(command -v "$t")" "$bin/$t"; done
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$froot" ./usr/lib/systemd/system
  systemctl --root="$froot" enable kiosk.service kiosk-sync.timer > /dev/null 2>&1 || fail "systemctl enable in $froot"
  rm -rf "$froot/usr/lib/systemd/system"   # removed: the units are gone, the links remain
  echo cache > "$froot/var/lib/kiosk/content.db"
  env -i PATH="$bin" DPKG_ROOT="$froot" DPKG_MAINTSCRIPT_PACKAGE=kiosk /bin/sh "$scratch/control/postrm" purge \
    > "$scratch/fallback.log" 2>&1 || { cat "$scratch/fallback.log"; fail "postrm purge with only: $tools"; }
  [ ! -e "$froot/var/lib/kiosk" ] || fail "postrm purge with only $tools left /var/lib/kiosk"
  left=$(cd "$froot" && find etc -type l 2>/dev/null || true)
  case "$tools" in
    systemctl*) [ -z "$left" ] || fail "postrm purge with systemctl but no deb-systemd-helper left links: $left" ;;
  esac
done
echo "dpkg: postrm purges without deb-systemd-helper (systemctl disables) and without systemctl"
