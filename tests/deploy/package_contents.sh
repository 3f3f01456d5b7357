#!/usr/bin/env bash
# The Debian packages hold what a kiosk and a server need, and nothing of the build machine's:
# `dpkg-deb -c` of each against the files expected, the control fields (Depends, conffiles,
# maintainer scripts), and no path that names the source or build tree.
# Usage: package_contents.sh PACKAGE_DIR
set -euo pipefail
dir=$1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
deb() { ls "$dir"/"$1"_*.deb 2>/dev/null | head -n 1; }

expect_files() {
  local package=$1
  shift
  local file listing
  file=$(deb "$package")
  [ -n "$file" ] || { fail "no $package package in $dir"; return; }
  listing=$(dpkg-deb -c "$file" | awk '{print $6}' | sed 's|^\./|/|')
  for path in "$@"; do
    grep -qxF "$path" <<<"$listing" || fail "$package lacks $path"
  done
  if grep -E '^/usr/local|^/home|^/work|^/tmp' <<<"$listing"; then fail "$package: paths outside Debian's layout"; fi
  # Executables and nothing else marked so, owned by root.
  dpkg-deb -c "$file" | awk '$2 != "root/root" {print "FAIL: not root-owned: " $6; exit 1}' ||
    failures=$((failures + 1))
}

expect_files mikhak-common \
  /usr/share/mikhak/fonts/Vazirmatn-Regular.ttf /usr/share/mikhak/fonts/Vazirmatn-Medium.ttf \
  /usr/share/mikhak/fonts/Vazirmatn-Bold.ttf /usr/share/mikhak/fonts/Vazirmatn-OFL.txt \
  /usr/share/mikhak/catalogue/services.toml /usr/share/mikhak/translations/kiosk.toml \
  /usr/share/mikhak/translations/ticket.toml
expect_files mikhak-kiosk \
  /usr/bin/mikhak-kiosk /usr/bin/mikhakctl /etc/mikhak/kiosk.toml \
  /usr/lib/systemd/system/mikhak-kiosk.service /usr/lib/systemd/system/mikhak-display.service \
  /usr/lib/sysusers.d/mikhak-kiosk.conf /usr/lib/tmpfiles.d/mikhak-kiosk.conf \
  /usr/lib/udev/rules.d/70-mikhak.rules
expect_files mikhak-server \
  /usr/bin/mikhak-server /etc/mikhak/server.toml /usr/lib/systemd/system/mikhak-server.service \
  /usr/lib/sysusers.d/mikhak-server.conf /usr/lib/tmpfiles.d/mikhak-server.conf \
  /usr/share/mikhak/web/index.html /usr/share/mikhak/web/display.html

# Files in two packages could not be installed together.
duplicates=$(for p in mikhak-common mikhak-kiosk mikhak-server; do
  dpkg-deb -c "$(deb $p)" | awk '$1 !~ /^d/ {print $6}'; done | sort | uniq -d)
[ -z "$duplicates" ] || fail "in more than one package: $duplicates"

control() { dpkg-deb -f "$(deb "$1")" "$2"; }
grep -q "cage" <<<"$(control mikhak-kiosk Depends)" || fail "mikhak-kiosk does not depend on cage"
for p in mikhak-kiosk mikhak-server; do
  depends=$(control $p Depends)
  for needed in "mikhak-common (= " libc6 libsystemd0 libsqlite3-0; do
    grep -qF "$needed" <<<"$depends" || fail "$p: Depends lacks $needed: $depends"
  done
  info=$(mktemp -d)
  dpkg-deb -e "$(deb $p)" "$info"
  for script in postinst prerm postrm; do
    [ -x "$info/$script" ] || fail "$p has no executable $script"
    sh -n "$info/$script" || fail "$p: $script is not valid sh"
  done
  grep -qx "/etc/mikhak/${p#mikhak-}.toml" "$info/conffiles" || fail "$p: its configuration is no conffile"
  rm -rf "$info"
done
grep -qF "libsdl2" <<<"$(control mikhak-kiosk Depends)" || fail "mikhak-kiosk: no shlibdeps (libsdl2)"
[ "$(control mikhak-common Architecture)" = all ] || fail "mikhak-common is not Architecture: all"

# The binaries are stripped (the packages would be ten times the size otherwise).
for p in mikhak-kiosk mikhak-server; do
  extract=$(mktemp -d)
  dpkg-deb -x "$(deb $p)" "$extract"
  for binary in "$extract"/usr/bin/*; do
    if readelf -S "$binary" | grep -q '\.debug_line'; then fail "$(basename "$binary") is not stripped"; fi
  done
  rm -rf "$extract"
done

[ "$failures" -eq 0 ] || exit 1
for p in mikhak-common mikhak-kiosk mikhak-server; do
  echo "$(basename "$(deb $p)"): $(dpkg-deb -c "$(deb $p)" | grep -vc '^d') files, Installed-Size $(control $p Installed-Size) KiB"
done
