#!/usr/bin/env bash
# The three packages installed with dpkg into a throw-away root, as on a kiosk, then purged:
#  - dpkg --root --force-script-chrootless runs the real maintainer scripts with DPKG_ROOT set
#    (the root has no shell or libraries to chroot into; the scripts and the tools they call,
#    systemd-sysusers, systemd-tmpfiles, deb-systemd-helper, all honour DPKG_ROOT). Depends are
#    not installed into the root (--force-depends): the system's libraries serve.
#  - the users and groups made, the state folder's owner and mode, the units enabled (the kiosk
#    and the server; the display is left for the technician), the configuration as conffiles;
#  - the installed binaries run, and in a private mount namespace where the source tree's assets
#    and web pages are hidden (the whole tree, since the binaries look for those paths) and /usr/share/mikhak is the package's, the kiosk draws its screens
#    and the server serves its console, display page and fonts: nothing depends on the build tree;
#  - purge removes the configuration and the state, and disables the units.
# Usage: package_install.sh PACKAGE_DIR SOURCE_DIR
set -euo pipefail
packages=$1 source=$2
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (users, owners and a private mount namespace)"
unshare -m true 2>/dev/null || skip "no private mount namespace here (unshare -m)"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

mkdir -p "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info" "$root/etc"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
dpkg=(dpkg --root="$root" --log=/dev/null --force-script-chrootless --force-depends)
# dpkg's complaints about the Depends it was told to ignore go to a log, shown on failure.
if ! "${dpkg[@]}" -i "$packages"/mikhak-common_*.deb "$packages"/mikhak-kiosk_*.deb \
  "$packages"/mikhak-server_*.deb >"$root/install.log" 2>&1; then
  cat "$root/install.log"
  exit 1
fi
for p in mikhak-common mikhak-kiosk mikhak-server; do
  [ "$(dpkg-query --root="$root" -W -f='${db:Status-Status}' $p)" = installed ] ||
    fail "$p is not installed"
done

# Users, groups, the state folder.
for user in mikhak-kiosk mikhak-server; do
  grep -q "^$user:x:[0-9]*:[0-9]*:[^:]*:/var/lib/mikhak:/usr/sbin/nologin$" "$root/etc/passwd" ||
    fail "no system user $user: $(grep "^$user:" "$root/etc/passwd" || true)"
done
grep -Eq '^mikhak:x:[0-9]+:(mikhak-kiosk,mikhak-server|mikhak-server,mikhak-kiosk)$' "$root/etc/group" ||
  fail "group mikhak: $(grep '^mikhak:' "$root/etc/group" || true)"
gid=$(awk -F: '$1 == "mikhak" {print $3}' "$root/etc/group")
[ "$(stat -c '%a %u %g' "$root/var/lib/mikhak")" = "1770 0 $gid" ] ||
  fail "/var/lib/mikhak is $(stat -c '%a %u %g' "$root/var/lib/mikhak"), not 1770 root mikhak"
kiosk_gid=$(awk -F: '$1 == "mikhak-kiosk" {print $3}' "$root/etc/group")
[ "$(stat -c '%a %g' "$root/etc/mikhak/kiosk.toml")" = "640 $kiosk_gid" ] ||
  fail "kiosk.toml is $(stat -c '%a %g' "$root/etc/mikhak/kiosk.toml"), not 640 mikhak-kiosk"

# Units enabled where they belong; the display not.
[ -L "$root/etc/systemd/system/graphical.target.wants/mikhak-kiosk.service" ] ||
  fail "mikhak-kiosk.service not enabled"
[ -L "$root/etc/systemd/system/multi-user.target.wants/mikhak-server.service" ] ||
  fail "mikhak-server.service not enabled"
[ ! -e "$root/etc/systemd/system/graphical.target.wants/mikhak-display.service" ] ||
  fail "mikhak-display.service enabled on install"
for p in kiosk server; do
  dpkg-query --root="$root" -W -f='${Conffiles}\n' mikhak-$p | grep -q "/etc/mikhak/$p.toml" ||
    fail "/etc/mikhak/$p.toml is not a conffile"
done

# The installed binaries, with the system's libraries.
"$root/usr/bin/mikhak-kiosk" --help | grep -q -- "--mode" || fail "mikhak-kiosk --help"
"$root/usr/bin/mikhak-server" --help | grep -q -- "--config" || fail "mikhak-server --help"
"$root/usr/bin/mikhakctl" --help >/dev/null || fail "mikhakctl --help"

# Only the package's assets: the source tree's hidden, /usr/share/mikhak the package's.
out=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cat >"$out/check.sh" <<CHECK
set -e
mount -t tmpfs none "$source"
mount -t overlay overlay -o lowerdir="$root/usr/share:/usr/share" /usr/share
SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$root/usr/bin/mikhak-kiosk" --config /dev/null \
  --gallery "$out/gallery" >"$out/gallery.log" 2>&1 || { cat "$out/gallery.log"; exit 1; }
"$root/usr/bin/mikhak-server" --db "$out/server.db" --listen 127.0.0.1:$port >"$out/server.log" 2>&1 &
server=\$!
trap 'kill \$server 2>/dev/null; wait \$server 2>/dev/null || true' EXIT
for i in \$(seq 1 250); do
  curl -sf -o /dev/null http://127.0.0.1:$port/api/v1/health && break
  sleep 0.02
done
for page in / /display.html /fonts/Vazirmatn-Regular.ttf; do
  curl -sf -o /dev/null http://127.0.0.1:$port\$page || { echo "server: no \$page"; cat "$out/server.log"; exit 1; }
done
CHECK
if ! unshare -m sh "$out/check.sh"; then fail "the installed binaries do not run on the package's assets"; fi
screens=$(ls "$out/gallery" 2>/dev/null | wc -l)
[ "$screens" -gt 0 ] || fail "the installed kiosk drew no screens"
rm -rf "$out"

# Purge: configuration, state and the enablement gone.
echo "state" >"$root/var/lib/mikhak/kiosk.db"
"${dpkg[@]}" --purge mikhak-kiosk mikhak-server mikhak-common >"$root/purge.log" 2>&1 ||
  { cat "$root/purge.log"; exit 1; }
[ ! -e "$root/etc/mikhak" ] || fail "/etc/mikhak left after purge: $(ls -A "$root/etc/mikhak")"
[ ! -e "$root/var/lib/mikhak" ] || fail "/var/lib/mikhak left after purge: $(ls -A "$root/var/lib/mikhak")"
[ ! -e "$root/etc/systemd/system/graphical.target.wants/mikhak-kiosk.service" ] ||
  fail "mikhak-kiosk.service still enabled after purge"

[ "$failures" -eq 0 ] || exit 1
echo "installed, checked ($screens screens drawn from the package's assets) and purged"
