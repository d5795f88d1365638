#!/usr/bin/env bash
# The signed apt repository (systemd/debian/make-apt-repo) as a kiosk sees it: built from the .debs
# (kiosk, kiosk-feed, kiosk-data) with a throwaway key, served by nginx on 127.0.0.1, read by apt-get with a state, cache and
# sources of its own (nothing of the machine's apt state is read or changed). apt verifies and
# downloads the newest version and the previous one byte for byte, and refuses the repository when
# the keyring is missing or another key's, when InRelease or Release is changed by a byte, and a
# .deb changed in the pool. A 32-bit kiosk (armhf) gets the armhf build. A new version moves the
# newest to `previous`; an older or changed one is refused.
# Usage: check_apt_repo.sh <build dir> <scratch dir> <source dir>
set -euo pipefail
build=$1 scratch=$2 src=$3
rm -rf "$scratch" && mkdir -p "$scratch"
scratch=$(realpath "$scratch")
make_repo=$src/systemd/debian/make-apt-repo

nginx_pid=
cleanup() {
  [ -z "$nginx_pid" ] || kill "$nginx_pid" 2> /dev/null || true
  for home in "$scratch"/gnupg-*; do GNUPGHOME=$home gpgconf --kill gpg-agent 2> /dev/null || true; done
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The .deb, and copies of it one and two versions newer (only the control file's Version differs),
# another file under the first of them (a line added to the control file), and a stand-in for the
# armhf build (only the control file's Architecture differs).
(cd "$build" && cpack -G DEB -B "$scratch/deb" > "$scratch/cpack.log") || { cat "$scratch/cpack.log"; fail "cpack"; }
built=("$scratch"/deb/kiosk_*.deb)
deb=${built[0]}
feed_deb=$(ls "$scratch"/deb/kiosk-feed_*.deb) data_deb=$(ls "$scratch"/deb/kiosk-data_*.deb)
version=$(dpkg-deb -f "$deb" Version)
# repacked <.deb made> <sed script>...: the .deb with each script applied to its control file.
repacked() {
  local made=$1 tree=$scratch/repack script
  shift
  dpkg-deb -R "$deb" "$tree"
  for script in "$@"; do sed -i "$script" "$tree/DEBIAN/control"; done
  dpkg-deb -Zgzip -z1 -b "$tree" "$made" > /dev/null
  rm -rf "$tree"
}
with_version() {
  local scripts=("s/^Version: .*/Version: $1/")
  [ $# -lt 2 ] || scripts+=("/^Version: /a X-Rebuilt: yes")
  repacked "$scratch/deb/kiosk_$1${2:-}.deb" "${scripts[@]}"
}
with_version "$version+1"
with_version "$version+2"
with_version "$version+1" -changed
newer=$scratch/deb/kiosk_$version+1.deb
armhf_deb=$scratch/deb/kiosk_${version}_armhf.deb
repacked "$armhf_deb" "s/^Architecture: .*/Architecture: armhf/"

# The archive key, and another one that did not sign the repository.
new_key() {
  local home=$scratch/gnupg-$1
  mkdir -m 700 "$home"
  GNUPGHOME=$home gpg --batch --quiet --passphrase '' --quick-gen-key "Kiosk $1 key <kiosk@localhost>" ed25519 sign 1d 2> /dev/null
  GNUPGHOME=$home gpg --batch --export > "$scratch/$1-keyring.gpg"
  GNUPGHOME=$home gpg --batch --with-colons --list-secret-keys 2> /dev/null | awk -F: '$1 == "fpr" { print $10; exit }'
}
key=$(new_key archive)
new_key other > /dev/null

repo=$scratch/repo
add() { GNUPGHOME=$scratch/gnupg-archive "$make_repo" "$repo" "$key" "$@" >> "$scratch/make-apt-repo.log" 2>&1; }
add "$deb" "$feed_deb" "$data_deb" || { cat "$scratch/make-apt-repo.log"; fail "make-apt-repo"; }
add "$newer" || { cat "$scratch/make-apt-repo.log"; fail "make-apt-repo with a newer version"; }
add "$newer" || fail "make-apt-repo refused the same .deb again"
add "$deb" && fail "make-apt-repo took $version back after $version+1"
grep -q "is older than $version+1" "$scratch/make-apt-repo.log" || fail "make-apt-repo refused $version without saying it is older"
add "$scratch/deb/kiosk_$version+1-changed.deb" && fail "make-apt-repo replaced $version+1 by another file"
grep -q "already in the repository as a different file" "$scratch/make-apt-repo.log" \
  || fail "make-apt-repo refused a changed $version+1 without saying why"
cmp -s "$repo/kiosk-archive-keyring.gpg" "$scratch/archive-keyring.gpg" || fail "kiosk-archive-keyring.gpg is not the archive key"
echo "repository: $version+1 in main, $version in previous; an older version and a changed $version+1 refused"

# nginx serves the repository on a free port of 127.0.0.1.
www=$scratch/nginx
mkdir -p "$www/temp"
for attempt in $(seq 5); do
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat > "$www/nginx.conf" <<EOF
daemon off;
master_process off;
user root;
pid $www/nginx.pid;
error_log $www/error.log;
events {}
http {
  access_log $www/access.log;
  client_body_temp_path $www/temp;
  proxy_temp_path $www/temp;
  fastcgi_temp_path $www/temp;
  uwsgi_temp_path $www/temp;
  scgi_temp_path $www/temp;
  server { listen 127.0.0.1:$port; root $repo/public; }
}
EOF
  /usr/sbin/nginx -e "$www/error.log" -p "$www" -c "$www/nginx.conf" &
  nginx_pid=$!
  for _ in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/dists/bookworm/Release" && break 2
    kill -0 "$nginx_pid" 2> /dev/null || break
    sleep 0.1
  done
  kill "$nginx_pid" 2> /dev/null || true
  nginx_pid=
done
[ -n "$nginx_pid" ] || { cat "$www/error.log"; fail "nginx did not start in $attempt attempts"; }

# apt-get as a kiosk with its own everything: the sources line, an empty dpkg status, no trusted
# keys but the signed-by one, and no proxy. Its architectures are $architectures, the first its own:
# an amd64 PC that also takes arm64 packages, unless the caller says otherwise.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY no_proxy
kiosk_apt() {
  local dir=$scratch/apt-$1 own_and_foreign=(${architectures:-amd64 arm64}) arch architecture_options=()
  shift
  for arch in "${own_and_foreign[@]}"; do architecture_options+=(-o "APT::Architectures::=$arch"); done
  mkdir -p "$dir/state/lists/partial" "$dir/cache/archives/partial" "$dir/trusted.gpg.d" "$dir/download"
  touch "$dir/status"
  (cd "$dir/download" && apt-get -q -o Dir::State="$dir/state" -o Dir::State::status="$dir/status" \
    -o Dir::Cache="$dir/cache" -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null \
    -o Dir::Etc::Trusted="$dir/trusted.gpg" -o Dir::Etc::TrustedParts="$dir/trusted.gpg.d" \
    -o Debug::NoLocking=1 -o APT::Sandbox::User=root -o Acquire::Languages=none -o Acquire::http::Proxy=DIRECT \
    -o APT::Architecture="${own_and_foreign[0]}" "${architecture_options[@]}" "$@")
}
# A kiosk named $1 with the sources line options $2 runs `apt-get update`; its output is in apt-$1/update.log.
update() {
  mkdir -p "$scratch/apt-$1"
  echo "deb [$2] http://127.0.0.1:$port/ bookworm main previous" > "$scratch/apt-$1/sources.list"
  kiosk_apt "$1" update > "$scratch/apt-$1/update.log" 2>&1
}
# A kiosk named $1 with the sources line options $2 gets an error from `apt-get update` naming $4
# and cannot download the kiosk; $3 says why, for the messages.
refused() {
  local name=$1 options=$2 why=$3
  update "$name" "$options" && fail "apt-get update took the repository $why: $(cat "$scratch/apt-$name/update.log")"
  grep -q "$4" "$scratch/apt-$name/update.log" || fail "apt-get update $why did not say '$4': $(cat "$scratch/apt-$name/update.log")"
  kiosk_apt "$name" download kiosk > /dev/null 2>&1 && fail "apt-get downloaded kiosk from the repository $why"
  echo "apt: refused $why"
}
signed_by="signed-by=$repo/kiosk-archive-keyring.gpg"

update kiosk "$signed_by" || { cat "$scratch/apt-kiosk/update.log"; fail "apt-get update"; }
grep -qE '^(W|E):' "$scratch/apt-kiosk/update.log" && { cat "$scratch/apt-kiosk/update.log"; fail "apt-get update warned"; }
kiosk_apt kiosk download kiosk > "$scratch/apt-kiosk/download.log" 2>&1 || { cat "$scratch/apt-kiosk/download.log"; fail "apt-get download kiosk"; }
kiosk_apt kiosk download "kiosk=$version" >> "$scratch/apt-kiosk/download.log" 2>&1 \
  || { cat "$scratch/apt-kiosk/download.log"; fail "apt-get download kiosk=$version"; }
kiosk_apt kiosk download kiosk:arm64 > /dev/null 2>&1 && fail "apt-get found an arm64 kiosk that was never added"
got=("$scratch"/apt-kiosk/download/*.deb)
[ ${#got[@]} -eq 2 ] || fail "apt-get downloaded ${got[*]}"
for f in "${got[@]}"; do
  case $(dpkg-deb -f "$f" Version) in
    "$version+1") cmp -s "$f" "$newer" || fail "the downloaded newest kiosk is not $newer" ;;
    "$version") cmp -s "$f" "$deb" || fail "the downloaded kiosk=$version is not $deb" ;;
    *) fail "apt-get downloaded $f" ;;
  esac
done
[ "$(dpkg-deb -f "${got[0]}" Version)" != "$(dpkg-deb -f "${got[1]}" Version)" ] || fail "apt-get downloaded one version twice"
echo "apt: verified the signature and downloaded $version+1 (the newest) and $version (previous), each byte for byte"
# Staff's PCs get kiosk-feed and the kiosk-data it depends on from the same repository.
kiosk_apt kiosk download kiosk-feed kiosk-data > "$scratch/apt-kiosk/download-feed.log" 2>&1 \
  || { cat "$scratch/apt-kiosk/download-feed.log"; fail "apt-get download kiosk-feed kiosk-data"; }
cmp -s "$scratch/apt-kiosk/download/$(basename "$feed_deb")" "$feed_deb" || fail "the downloaded kiosk-feed is not $feed_deb"
cmp -s "$scratch/apt-kiosk/download/$(basename "$data_deb")" "$data_deb" || fail "the downloaded kiosk-data is not $data_deb"
rm "$scratch/apt-kiosk/download/$(basename "$feed_deb")" "$scratch/apt-kiosk/download/$(basename "$data_deb")"
echo "apt: downloaded kiosk-feed and kiosk-data, each byte for byte"

refused no-keyring "" "without the keyring" "NO_PUBKEY"
refused other-key "signed-by=$scratch/other-keyring.gpg" "with another key's keyring" "NO_PUBKEY"

# One byte of the served index changed: the signed text no longer matches its signature.
release=$repo/public/dists/bookworm
tamper() { python3 -c 'import sys; p = sys.argv[1]; b = bytearray(open(p, "rb").read()); i = b.index(b"Label: kiosk") + 7; b[i] ^= 0x20; open(p, "wb").write(b)' "$1"; }
cp "$release/InRelease" "$scratch/InRelease.good"
tamper "$release/InRelease"
refused inrelease-tampered "$signed_by" "with a byte of InRelease changed" "BADSIG"
# Without InRelease apt reads Release and its detached signature Release.gpg: first as served ...
mv "$release/InRelease" "$scratch/InRelease.tampered"
update release-only "$signed_by" || { cat "$scratch/apt-release-only/update.log"; fail "apt-get update from Release and Release.gpg"; }
# ... then with a byte of Release changed.
cp "$release/Release" "$scratch/Release.good"
tamper "$release/Release"
refused release-tampered "$signed_by" "with a byte of Release changed" "BADSIG"
cp "$scratch/Release.good" "$release/Release"
cp "$scratch/InRelease.good" "$release/InRelease"

# A byte of a .deb changed in the pool: its hashes in the signed index no longer match.
pool_deb=$(ls "$repo"/public/pool/main/k/kiosk/*.deb)
cp "$pool_deb" "$scratch/pool.good"
python3 -c 'import sys; p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[-1] ^= 1; open(p, "wb").write(b)' "$pool_deb"
update pool-tampered "$signed_by" || fail "apt-get update with a changed pool .deb"
kiosk_apt pool-tampered download kiosk > "$scratch/apt-pool-tampered/download.log" 2>&1 \
  && fail "apt-get downloaded a kiosk .deb changed in the pool"
grep -qi "hash sum mismatch" "$scratch/apt-pool-tampered/download.log" \
  || fail "apt-get download of a changed .deb did not say why: $(cat "$scratch/apt-pool-tampered/download.log")"
cp "$scratch/pool.good" "$pool_deb"
echo "apt: refused a kiosk .deb changed in the pool"

# A kiosk on 32-bit Raspberry Pi OS (armhf) finds and downloads the armhf build, and an amd64 one
# still only its own.
add "$armhf_deb" || { cat "$scratch/make-apt-repo.log"; fail "make-apt-repo with an armhf .deb"; }
architectures=armhf update armhf "$signed_by" || { cat "$scratch/apt-armhf/update.log"; fail "apt-get update on armhf"; }
architectures=armhf kiosk_apt armhf download kiosk > "$scratch/apt-armhf/download.log" 2>&1 \
  || { cat "$scratch/apt-armhf/download.log"; fail "apt-get download kiosk on armhf"; }
cmp -s "$scratch/apt-armhf/download/$(basename "$armhf_deb")" "$armhf_deb" || fail "the armhf kiosk did not download $armhf_deb"
rm -rf "$scratch/apt-kiosk/download" && update kiosk "$signed_by" && kiosk_apt kiosk download kiosk > /dev/null 2>&1 \
  || fail "apt-get download kiosk on amd64 beside an armhf kiosk"
[ "$(dpkg-deb -f "$scratch"/apt-kiosk/download/kiosk_*.deb Architecture)" = amd64 ] || fail "the amd64 kiosk downloaded another architecture"
echo "apt: an armhf kiosk downloaded the armhf build byte for byte, an amd64 one the amd64 build"

# The next version moves $version+1 to previous and drops $version; a new file under a version
# already there is refused.
add "$scratch/deb/kiosk_$version+2.deb" || { cat "$scratch/make-apt-repo.log"; fail "make-apt-repo with a third version"; }
listed=$(reprepro -b "$repo" --outdir "+b/public" -A amd64 list bookworm kiosk)
[ "$listed" = "bookworm|main|amd64: kiosk $version+2
bookworm|previous|amd64: kiosk $version+1" ] || fail "after $version+2 the repository lists: $listed"
[ ! -e "$repo/public/pool/previous/k/kiosk/$(basename "$deb")" ] || fail "$version stayed in the pool"
echo "repository: $version+2 moved $version+1 to previous and dropped $version"
