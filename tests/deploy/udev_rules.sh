#!/usr/bin/env bash
# The udev rules parsed by the system's udev. Debian 12's udevadm (252) has no `verify`, so the
# rules are loaded the way `udevadm test` loads them, which reports every line it cannot use (bad
# keys, operators, values, unknown groups). In a private mount namespace: the rules folder, an
# /etc/group that has the groups the packages create, and an empty /run, so the system is left
# as it was. The device tested is the loopback network interface (no device node to create);
# which devices the rules match needs the hardware and is not checked here. A rule with a bad key
# must be reported first, or this check would prove nothing.
# Usage: udev_rules.sh RULES_FILE
set -euo pipefail
rules=$1
skip() { echo "SKIP: $*"; exit 77; }
command -v udevadm >/dev/null || skip "no udevadm (apt-get install udev)"
[ "$(id -u)" -eq 0 ] || skip "needs root for a private mount namespace"
unshare -m true 2>/dev/null || skip "no private mount namespace here (unshare -m)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rules" "$work/run"
cp "$rules" "$work/rules/"
printf 'ACTION=="add", SUBSYSTEMM=="usb", GROUP="mikhak-kiosk"\n' >"$work/rules/71-mikhak-selfcheck.rules"
cp /etc/group "$work/group"
for g in mikhak mikhak-kiosk mikhak-server; do
  grep -q "^$g:" "$work/group" || echo "$g:x:$((990 + ${#g})):" >>"$work/group"
done
unshare -m sh -c "
  mount --bind '$work/rules' /etc/udev/rules.d &&
  mount --bind '$work/group' /etc/group &&
  mount --bind '$work/run' /run &&
  udevadm test --action=add /sys/class/net/lo" >"$work/log" 2>&1 || true
name=$(basename "$rules")
if ! grep -q "71-mikhak-selfcheck.rules:1" "$work/log"; then
  cat "$work/log"
  echo "udevadm did not report the self-check's bad key: this check cannot work here"
  exit 1
fi
grep -q "Reading rules file: /etc/udev/rules.d/$name" "$work/log" || {
  cat "$work/log"; echo "udevadm did not read $name"; exit 1; }
if grep "$name:" "$work/log"; then
  echo "udevadm reports problems in $name"
  exit 1
fi
echo "$name: every line parsed, groups known"
