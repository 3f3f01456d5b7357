#!/usr/bin/env bash
# systemd-analyze verify on every unit in systemd/: a copy of each with /usr/bin/mikhak-* pointed
# at the build's binaries (verify wants every command to exist; cage and systemd-tmpfiles are the
# system's). Any output is a failure: verify exits 0 even on unknown keys and bad values. First a
# unit with a misspelt key must be caught, or this check would prove nothing here.
# Usage: units_verify.sh SYSTEMD_DIR KIOSK_BINARY SERVER_BINARY
set -euo pipefail
units=$1 kiosk=$2 server=$3
command -v systemd-analyze >/dev/null || { echo "systemd-analyze missing: apt-get install systemd"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '[Service]\nExecStart=/bin/true\nRestartt=always\n' >"$work/mikhak-selfcheck.service"
if [ -z "$(systemd-analyze verify "$work/mikhak-selfcheck.service" 2>&1)" ]; then
  echo "systemd-analyze verify did not report a misspelt key: this check cannot work here"
  exit 1
fi
rm "$work/mikhak-selfcheck.service"

for unit in "$units"/*.service; do
  sed -e "s|/usr/bin/mikhak-kiosk|$kiosk|g" -e "s|/usr/bin/mikhak-server|$server|g" \
    "$unit" >"$work/$(basename "$unit")"
done
cd "$work"
status=0
output=$(systemd-analyze verify ./*.service 2>&1) || status=$?
if [ "$status" -ne 0 ] || [ -n "$output" ]; then
  echo "$output"
  echo "systemd-analyze verify: exit $status"
  exit 1
fi
echo "verified: $(echo *.service)"
