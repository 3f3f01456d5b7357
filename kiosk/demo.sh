#!/usr/bin/env bash
# `make run`: the demo. Starts the consulate server with a demo day (about 300 appointments, staff
# log-ins, a kiosk token) on http://127.0.0.1:8080, with the staff console and the waiting-room
# display in a browser, a virtual receipt printer on 127.0.0.1:9100 that writes each ticket as a
# PNG, and the kiosk in a window (`make run ARGS=--fullscreen` for the whole screen). It draws the
# appointment notices of a few applicants whose check-in is open, to scan or type.
#
# On a machine without a display the kiosk runs with SDL's offscreen driver: it reads one notice
# through the scanner pipeline, checks that applicant in, prints the ticket, and writes every
# screen it showed as PNG; then every screen of the kiosk in both languages and the waiting-room
# display after a counter calls the ticket.
#
# The demo day's appointments run 08:30-16:45; so that some are open at any hour, the demo gives
# the consulate a clock that reads about 10:00 now (a fixed-offset time zone, "GMT-07:47" say).
set -euo pipefail
build=${1:-build}
out=${MIKHAK_DEMO_OUT:-out/demo}
port=${MIKHAK_DEMO_PORT:-8080}
printer_port=${MIKHAK_DEMO_PRINTER_PORT:-9100}
kiosk=$build/kiosk/mikhak-kiosk
ctl=$build/ctl/mikhakctl
mkdir -p "$out"
rm -rf "$out"/server.db* "$out/tickets" "$out/notices" "$out/screens" "$out/gallery" \
  "$out/kiosk-state"

zone=$(python3 -c '
import datetime
now = datetime.datetime.now(datetime.timezone.utc)
offset = 10 * 60 - (now.hour * 60 + now.minute)
sign = "+" if offset >= 0 else "-"
print(f"GMT{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}")')

"$build/server/mikhak-server" --db "$out/server.db" --listen "127.0.0.1:$port" --demo \
  --time-zone "$zone" >"$out/server.log" 2>&1 &
server=$!
"$ctl" virtual-printer --listen "127.0.0.1:$printer_port" --out "$out/tickets" \
  >"$out/printer.log" 2>&1 &
printer=$!
trap 'kill $server $printer 2>/dev/null; wait $server $printer 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
sed -n '/^demo:/,/^mikhak-server/p' "$out/server.log" | grep -v '^mikhak-server' | grep -v 'QR:'
echo "demo: the consulate's clock runs in $zone, so that some check-ins are open now"
echo "demo: staff console  http://127.0.0.1:$port/"
echo "demo: hall display   http://127.0.0.1:$port/display.html"

# The kiosk's configuration: this server, its token and public key, the virtual printer, and a
# staff PIN (2468) for staff mode.
sed -n 's/^demo: kiosk token: //p' "$out/server.log" >"$out/kiosk.token"
pin_hash=$(echo 2468 | "$ctl" pin-hash)
cat >"$out/kiosk.toml" <<EOF
[server]
url = "http://127.0.0.1:$port"
token_file = "$out/kiosk.token"
public_key = "$out/server.db.key.pem.pub"

[kiosk]
name = "demo"
state_dir = "$out/kiosk-state"
staff_pin_hash = "$pin_hash"

[printer]
uri = "tcp://127.0.0.1:$printer_port"

[scanner]
sources = []   # a keyboard-wedge scanner types into the kiosk's window

[screen]
fullscreen = false
EOF

# Notices for the applicants whose check-in is open now.
mkdir -p "$out/notices"
codes=$(awk '/\(open now\)/ {print $1}' "$out/server.log")
for code in $codes; do
  "$ctl" notice --db "$out/server.db" --code "$code" --out "$out/notices/notice-$code.png" >/dev/null
done
echo "demo: notices of applicants to check in: $out/notices/ (codes: $(echo $codes | tr '\n' ' '))"
echo "demo: tickets print to $out/tickets/ as PNG"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: the kiosk is in a window: tap «کد را خودم وارد می‌کنم» and type a code, or type"
  echo "      one fast and press Enter as a scanner would. Staff mode: hold the top-left corner"
  echo "      3 s, then tap the top-right corner (or Ctrl+Alt+M); PIN 2468. Close it to stop."
  "$kiosk" --config "$out/kiosk.toml" "${@:2}"
  exit 0
fi

echo "demo: no display here; the kiosk runs offscreen and reads the first notice"
first=$(echo "$codes" | head -n 1)
if [ -n "$first" ]; then
  SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$kiosk" --config "$out/kiosk.toml" \
    --width 1280 --height 800 --scanner "images:$out/notices/notice-$first.png" \
    --screenshots "$out/screens" --exit-when-synced --exit-after-check-ins 1 --max-seconds 60 \
    2>"$out/kiosk.log" | sed 's/^mikhak-kiosk: wrote /demo: kiosk screen /'
  sleep 0.3
  sed 's/^/demo: printer: /' "$out/printer.log"
fi
SDL_VIDEODRIVER=offscreen "$kiosk" --config "$out/kiosk.toml" --gallery "$out/gallery" |
  sed 's/^mikhak-kiosk: /demo: /'

# A counter calls the ticket; the waiting-room display shows it.
password=$(awk '$1 == "counter1" {print $3}' "$out/server.log")
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"login\":\"counter1\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/v1/staff/login" | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | tr -d '\r')
for counter in 1 2 3 4 5 6; do  # the first counter that serves someone waiting calls them
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" \
    -H 'Content-Type: application/json' -d '{}' \
    "http://127.0.0.1:$port/api/v1/counters/$counter/call-next")
  [ "$status" = 200 ] && break
done
SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$kiosk" --config "$out/kiosk.toml" \
  --mode display --token "$(cat "$out/kiosk.token")" --no-speech --width 1920 --height 1080 --screenshot "$out/display.png" \
  --screenshot-wait 5 2>>"$out/kiosk.log" | sed 's/^mikhak-kiosk: /demo: /' || true
echo "demo: the hall display: $out/display.png"
echo "demo: logs in $out/ (server.log, printer.log, kiosk.log)"
if [ -t 0 ]; then
  echo "demo: the server keeps running for the console and display; press Enter to stop it"
  read -r _
fi
