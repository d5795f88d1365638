#!/usr/bin/env bash
# Installs into a DESTDIR and checks what landed where and that the installed kiosk finds its own
# fonts and default content. Builds the three .debs (kiosk for the boards, kiosk-feed for staff,
# kiosk-data with the fonts and default content both read) and checks each one's files and Depends;
# that kiosk-feed and kiosk-data alone start a source folder; that every file and link the shipped
# docs name is in the packages and the copyright file is machine-readable; and, as root, that dpkg
# installs all three in one root, removes and purges them, purge leaving no enable links or state.
# Usage: check_package.sh <build dir> <scratch dir> <source dir>
set -euo pipefail
build=$1 scratch=$2 src=$3
rm -rf "$scratch" && mkdir -p "$scratch"

fail() { echo "FAIL: $*"; exit 1; }

# DESTDIR install with the prefix the package uses.
DESTDIR="$scratch/root" cmake --install "$build" --prefix /usr > "$scratch/install.log"
root=$scratch/root
for f in usr/bin/kiosk usr/bin/kiosk-sync usr/bin/kiosk-feed usr/share/kiosk/fonts/NotoSans-Regular.ttf usr/share/kiosk/fonts/OFL.txt \
         usr/share/kiosk/fonts/NotoSansArabic-Regular.ttf usr/share/kiosk/fonts/NotoNaskhArabic-Bold.ttf \
         usr/share/kiosk/content/default-feed.json usr/lib/systemd/system/kiosk.service \
         usr/lib/systemd/system/kiosk-sync.service usr/lib/systemd/system/kiosk-sync.timer \
         usr/lib/sysusers.d/kiosk.conf usr/lib/udev/rules.d/70-kiosk-backlight.rules etc/kiosk/kiosk.toml \
         usr/share/doc/kiosk/README.md usr/share/doc/kiosk/copyright usr/share/doc/kiosk/examples/kiosk.toml \
         usr/share/doc/kiosk/sync.md usr/share/doc/kiosk-feed/README.md usr/share/doc/kiosk-feed/staff-guide.md \
         usr/share/doc/kiosk-data/copyright; do
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

# The .debs, one per package, named as Debian names them.
(cd "$build" && cpack -G DEB -B "$scratch/deb" > "$scratch/cpack.log") || { cat "$scratch/cpack.log"; fail "cpack"; }
one_deb() { local d; d=$(ls "$scratch"/deb/"$1"_*.deb 2> /dev/null | head -1); [ -n "$d" ] || fail "cpack made no $1 .deb" >&2; echo "$d"; }
deb=$(one_deb kiosk) feed_deb=$(one_deb kiosk-feed) data_deb=$(one_deb kiosk-data)
[ "$(ls "$scratch"/deb/*.deb | wc -l)" -eq 3 ] || fail "cpack made other packages: $(ls "$scratch"/deb)"
version=$(dpkg-deb -f "$deb" Version)
# has <deb> <path>...: the .deb holds each path; lacks <deb> <path>...: it holds none of them.
has() { local d=$1 listed; shift; listed=$(dpkg-deb -c "$d" | awk '{ print $6 }')
  for f; do grep -qx "\.$f" <<< "$listed" || fail "$(basename "$d") lacks $f"; done; }
lacks() { local d=$1 listed; shift; listed=$(dpkg-deb -c "$d" | awk '{ print $6 }')
  for f; do grep -qx "\.$f/\?" <<< "$listed" && fail "$(basename "$d") holds $f"; done; true; }
has "$deb" /usr/bin/kiosk /usr/bin/kiosk-sync /usr/lib/systemd/system/kiosk.service /usr/lib/sysusers.d/kiosk.conf \
  /usr/lib/udev/rules.d/70-kiosk-backlight.rules /etc/kiosk/kiosk.toml /usr/share/doc/kiosk/copyright
lacks "$deb" /usr/bin/kiosk-feed /usr/share/kiosk/fonts/NotoSans-Bold.ttf /usr/share/kiosk/content/default-feed.json
has "$feed_deb" /usr/bin/kiosk-feed /usr/share/doc/kiosk-feed/README.md /usr/share/doc/kiosk-feed/staff-guide.md \
  /usr/share/doc/kiosk-feed/copyright
lacks "$feed_deb" /usr/bin/kiosk /usr/bin/kiosk-sync /etc/kiosk/kiosk.toml /usr/lib/systemd/system/kiosk.service \
  /usr/share/kiosk/fonts/NotoSans-Bold.ttf
has "$data_deb" /usr/share/kiosk/fonts/NotoSans-Bold.ttf /usr/share/kiosk/fonts/OFL.txt \
  /usr/share/kiosk/content/default-feed.json /usr/share/doc/kiosk-data/copyright
lacks "$data_deb" /usr/bin/kiosk /usr/bin/kiosk-feed /usr/share/kiosk/map

# depends_on <deb> <package>...: Depends names each; every name but kiosk-data is a real Debian
# package (this machine, which built the programs, has them all).
depends_on() {
  local d=$1 depends; shift
  depends=$(dpkg-deb -f "$d" Depends)
  for p; do echo "$depends" | grep -qE "(^|, )$p( |,|\$)" || fail "$(basename "$d"): Depends lacks $p: $depends"; done
  echo "$depends" | grep -q "kiosk-data (= $version)" || fail "$(basename "$d"): Depends lacks kiosk-data (= $version): $depends"
  for p in $(echo "$depends" | tr ',' '\n' | sed 's/(.*//; s/ //g'); do
    [ "$p" = kiosk-data ] && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || fail "$(basename "$d"): Depends names $p, which is not an installed Debian package here"
  done
}
depends_on "$deb" libsdl2-2.0-0 libsdl2-ttf-2.0-0 libfribidi0 libicu72 libsdl2-image-2.0-0 libsqlite3-0 libcurl4 libsodium23 libtomlplusplus3 libqrencode4 libsystemd0 systemd tzdata
# Line breaking moved to ICU: libunibreak is not multi-arch in Debian, and the kiosk no longer links it.
dpkg-deb -f "$deb" Depends | grep -q "libunibreak" && fail "Depends still names libunibreak"
depends_on "$feed_deb" libsdl2-2.0-0 libsdl2-ttf-2.0-0 libfribidi0 libicu72 libsdl2-image-2.0-0 libsqlite3-0 libcurl4 libsodium23 libtomlplusplus3 libqrencode4 tzdata
# Neither package of the staff's PC runs a service: kiosk-feed has no systemd nor maintainer scripts.
dpkg-deb -f "$feed_deb" Depends | grep -qE "systemd|v4l-utils" && fail "kiosk-feed depends on the kiosk's services: $(dpkg-deb -f "$feed_deb" Depends)"
[ "$(dpkg-deb -f "$feed_deb" Suggests)" = "rsync" ] || fail "kiosk-feed does not suggest rsync"
[ -z "$(dpkg-deb -f "$data_deb" Depends)" ] || fail "kiosk-data has Depends: $(dpkg-deb -f "$data_deb" Depends)"
[ "$(dpkg-deb -f "$deb" Recommends)" = "v4l-utils" ] || fail "Recommends is not v4l-utils"
dpkg-deb -I "$deb" conffiles | grep -qx "/etc/kiosk/kiosk.toml" || fail "/etc/kiosk/kiosk.toml is not a conffile"
for script in postinst prerm postrm; do
  dpkg-deb -I "$deb" "$script" > /dev/null 2>&1 || fail "the .deb has no $script"
  for other in "$feed_deb" "$data_deb"; do
    dpkg-deb -I "$other" "$script" > /dev/null 2>&1 && fail "$(basename "$other") has a $script"
  done
done
echo "deb:" $(cd "$scratch/deb" && ls *.deb)": files, conffile, maintainer scripts and Depends as expected"

# kiosk-feed as staff install it, without the kiosk package: it starts a source folder from
# kiosk-data's default content.
staff=$scratch/staff-root
dpkg-deb -x "$feed_deb" "$staff" && dpkg-deb -x "$data_deb" "$staff"
"$staff/usr/bin/kiosk-feed" init "$scratch/staff-source" > "$scratch/staff-init.log" 2>&1 || { cat "$scratch/staff-init.log"; fail "kiosk-feed from its package could not init"; }
[ -s "$scratch/staff-source/content.toml" ] || fail "kiosk-feed from its package wrote no content.toml"
echo "deb: kiosk-feed and kiosk-data alone start a source folder"

# What the shipped docs, units and kiosk.toml point at is in the packages: each relative Markdown
# link and file:// URL, and each path in the packages' own places (/usr/share/doc/kiosk, /etc/kiosk ...).
# The repository's docs/ folder does not exist on a board, so a path "docs/..." is a dangling one.
tree=$scratch/deb-tree
for d in "$deb" "$feed_deb" "$data_deb"; do dpkg-deb -x "$d" "$tree"; done
# What postinst makes rather than ships (the install into a dpkg root below checks that it does).
made_by_postinst=" /etc/kiosk/report-password "
in_deb() { [ -e "$tree$1" ] || [ -L "$tree$1" ] || [[ "$made_by_postinst" == *" $1 "* ]]; }
shipped_texts=$(cd "$tree" && find usr/share/doc/kiosk usr/share/doc/kiosk-feed etc/kiosk usr/lib/systemd/system -type f | sort)
bad=()
for f in $shipped_texts; do
  dir=/$(dirname "$f")
  while IFS= read -r target; do
    case "$target" in http://*|https://*|mailto:*|'#'*|'') continue ;; esac
    target=${target%%#*}
    path=$(realpath -m "$dir/$target")
    in_deb "$path" || bad+=("/$f links to $target ($path), which the package does not ship")
  done < <(grep -oE '\]\([^) ]*\)' "$tree/$f" | sed 's/^](//; s/)$//')
  while IFS= read -r path; do
    path=${path%.}; path=${path%,}
    in_deb "$path" || bad+=("/$f names $path, which the package does not ship")
  done < <(grep -oE '/(usr/share/doc/kiosk|usr/share/kiosk|etc/kiosk|usr/bin/kiosk|usr/lib/systemd/system/kiosk|usr/lib/sysusers\.d/kiosk|usr/lib/udev/rules\.d/70-kiosk)[A-Za-z0-9._/-]*' "$tree/$f" | sort -u)
  while IFS= read -r path; do
    bad+=("/$f names the source tree's ${path#?}; in the package the docs lie side by side")
  done < <(grep -oE '(^|[ (`"])docs/[A-Za-z0-9._/-]+' "$tree/$f" | sort -u)
done
[ ${#bad[@]} -eq 0 ] || { printf '%s\n' "${bad[@]}"; fail "the shipped docs point at files the package does not ship"; }
echo "docs: every link and path in $(echo "$shipped_texts" | wc -l) shipped texts is in the packages"
for package in kiosk-feed kiosk-data; do
  cmp -s "$tree/usr/share/doc/kiosk/copyright" "$tree/usr/share/doc/$package/copyright" || fail "$package's copyright is not kiosk's"
done

# /usr/share/doc/kiosk/copyright in Debian's machine-readable format, read by Debian's own parser
# (python3-debian): every licence named has its text, and every folder of the source's assets/
# that carries a licence file (bundled third-party files) has a paragraph of its own.
/usr/bin/python3 - "$tree/usr/share/doc/kiosk/copyright" "$src" <<'PY' || fail "usr/share/doc/kiosk/copyright"
import pathlib, sys
from debian.copyright import Copyright
copyright = Copyright(open(sys.argv[1], encoding="utf-8"), strict=True)
src = pathlib.Path(sys.argv[2])
texts = {p.license.synopsis for p in copyright.all_license_paragraphs()}
problems = []
def names(licence):
    return licence.synopsis.replace(" or ", " and ").split(" and ") if licence else []
for name in names(copyright.header.license):
    if name not in texts:
        problems.append(f"the package's licence {name} has no text")
for para in copyright.all_files_paragraphs():
    if not para.copyright:
        problems.append(f"Files: {' '.join(para.files)} has no Copyright")
    if not para.license.text and any(name not in texts for name in names(para.license)):
        problems.append(f"Files: {' '.join(para.files)}: licence {para.license.synopsis} has no text")
default = copyright.find_files_paragraph("no/such/file")
for licence in sorted(src.glob("assets/**/*")):
    if licence.name.split(".")[0].upper() not in ("OFL", "LICENSE", "LICENCE", "COPYING"):
        continue
    for f in sorted(licence.parent.iterdir()):
        rel = f.relative_to(src).as_posix()
        if copyright.find_files_paragraph(rel) is default:
            problems.append(f"{rel} is a bundled third-party file (its folder has {licence.name}) with no Files: paragraph")
print("\n".join(problems) if problems else "copyright: machine-readable, " +
      ", ".join(sorted(texts)) + " with their texts, bundled files covered")
sys.exit(1 if problems else 0)
PY

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
# All three in one root: dpkg refuses a package holding a path another one holds.
dpkg_in -i "$data_deb" "$deb" "$feed_deb" > "$scratch/dpkg-install.log" 2>&1 || { cat "$scratch/dpkg-install.log"; fail "dpkg -i"; }
for p in kiosk-data kiosk-feed; do
  dpkg --root="$droot" -s $p | grep -qx 'Status: install ok installed' || fail "dpkg does not list $p as installed"
done
dpkg --root="$droot" -s kiosk | grep -qx 'Status: install ok installed' || fail "dpkg does not list kiosk as installed"
grep -q '^kiosk:' "$droot/etc/passwd" || fail "postinst did not create the kiosk user"
[ -x "$droot/usr/bin/kiosk" ] || fail "dpkg did not install /usr/bin/kiosk"
# kiosk-sync's unit loads the report password as a credential, which needs the file: empty, root's only.
[ -f "$droot/etc/kiosk/report-password" ] && [ ! -s "$droot/etc/kiosk/report-password" ] \
  || fail "postinst did not make an empty /etc/kiosk/report-password"
[ "$(stat -c %a "$droot/etc/kiosk/report-password")" = 600 ] || fail "/etc/kiosk/report-password is not mode 600"
echo 'area = "gellerupparken-toveshoej"' > "$droot/etc/kiosk/kiosk.toml"
echo 'staff-secret' > "$droot/etc/kiosk/report-password"
dpkg_in -i "$deb" > "$scratch/dpkg-reinstall.log" 2>&1 || { cat "$scratch/dpkg-reinstall.log"; fail "dpkg -i again"; }
grep -q gellerupparken "$droot/etc/kiosk/kiosk.toml" || fail "reinstalling replaced staff's kiosk.toml"
grep -qx staff-secret "$droot/etc/kiosk/report-password" || fail "reinstalling replaced staff's report password"
systemctl --root="$droot" enable kiosk.service kiosk-sync.timer > "$scratch/enable.log" 2>&1 || { cat "$scratch/enable.log"; fail "systemctl enable"; }
links=$(cd "$droot" && find etc/systemd/system -type l | sort)
[ "$(echo "$links" | grep -c .)" -ge 2 ] || fail "systemctl enable made no links: $links"
mkdir -p "$droot/var/lib/kiosk" && echo cache > "$droot/var/lib/kiosk/content.db"
dpkg_in -i "$deb" > "$scratch/dpkg-upgrade.log" 2>&1 || { cat "$scratch/dpkg-upgrade.log"; fail "dpkg -i over the enabled units"; }
[ "$(cd "$droot" && find etc/systemd/system -type l | sort)" = "$links" ] || fail "reinstalling changed the enable links"
dpkg_in -r kiosk > "$scratch/dpkg-remove.log" 2>&1 || { cat "$scratch/dpkg-remove.log"; fail "dpkg -r"; }
[ ! -e "$droot/usr/bin/kiosk" ] || fail "dpkg -r left /usr/bin/kiosk"
[ -x "$droot/usr/bin/kiosk-feed" ] && [ -s "$droot/usr/share/kiosk/content/default-feed.json" ] \
  || fail "dpkg -r kiosk took kiosk-feed's files"
grep -q gellerupparken "$droot/etc/kiosk/kiosk.toml" || fail "dpkg -r removed staff's kiosk.toml"
[ -s "$droot/var/lib/kiosk/content.db" ] || fail "dpkg -r removed the content cache"
[ "$(cd "$droot" && find etc/systemd/system -type l | sort)" = "$links" ] || fail "dpkg -r changed the enable links"
dpkg_in -P kiosk > "$scratch/dpkg-purge.log" 2>&1 || { cat "$scratch/dpkg-purge.log"; fail "dpkg -P"; }
[ ! -e "$droot/etc/kiosk/kiosk.toml" ] || fail "dpkg -P left /etc/kiosk/kiosk.toml"
[ ! -e "$droot/etc/kiosk/report-password" ] || fail "dpkg -P left /etc/kiosk/report-password"
[ ! -e "$droot/var/lib/kiosk" ] || fail "dpkg -P left /var/lib/kiosk"
left=$(cd "$droot" && find etc/systemd var/lib/systemd -type l 2>/dev/null || true)
[ -z "$left" ] || fail "dpkg -P left unit links: $left"
grep -q '^kiosk:' "$droot/etc/passwd" || fail "dpkg -P removed the kiosk user, which Debian leaves"
dpkg_in -P kiosk-feed kiosk-data > "$scratch/dpkg-purge-feed.log" 2>&1 || { cat "$scratch/dpkg-purge-feed.log"; fail "dpkg -P kiosk-feed kiosk-data"; }
[ ! -e "$droot/usr/bin/kiosk-feed" ] && [ ! -e "$droot/usr/share/kiosk" ] || fail "dpkg -P left kiosk-feed's or kiosk-data's files"
echo "dpkg: installed the three packages in one root, kiosk enabled, reinstalled keeping the edited conffile and the links, removed keeping"
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
