#!/usr/bin/env bash
# `make run`: the demo. Starts the consulate server with a demo day (about 300 appointments, staff
# log-ins, a kiosk token) on http://127.0.0.1:8080, with the staff console and the waiting-room
# display in a browser, a virtual receipt printer on 127.0.0.1:9100 that writes each ticket as a
# PNG, and the kiosk in a window. It checks one applicant in over the kiosk API and prints that
# ticket. Without a display, the kiosk draws its screens offscreen.
set -euo pipefail
build=${1:-build}
out=${MIKHAK_DEMO_OUT:-out/demo}
port=${MIKHAK_DEMO_PORT:-8080}
printer_port=${MIKHAK_DEMO_PRINTER_PORT:-9100}
mkdir -p "$out"
rm -f "$out"/server.db "$out"/server.db-* "$out"/server.db.key.pem*
rm -rf "$out/tickets"

"$build/server/mikhak-server" --db "$out/server.db" --listen "127.0.0.1:$port" --demo \
  >"$out/server.log" 2>&1 &
server=$!
"$build/ctl/mikhakctl" virtual-printer --listen "127.0.0.1:$printer_port" --out "$out/tickets" \
  >"$out/printer.log" 2>&1 &
printer=$!
trap 'kill $server $printer 2>/dev/null; wait $server $printer 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
sed -n '/^demo:/,/^mikhak-server/p' "$out/server.log" | grep -v '^mikhak-server' | grep -v 'QR:'
echo "demo: staff console  http://127.0.0.1:$port/"
echo "demo: hall display   http://127.0.0.1:$port/display.html"

# One check-in over the kiosk API, with the first code whose window is open now.
token=$(sed -n 's/^demo: kiosk token: //p' "$out/server.log")
code=$(awk '/\(open now\)/ {print $1; exit}' "$out/server.log")
if [ -n "$code" ]; then
  echo "demo: checking in $code as the kiosk would:"
  curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"request_id\":\"demo-1\",\"code\":\"$code\"}" "http://127.0.0.1:$port/api/v1/check-ins" |
    tee "$out/check-in.json" | head -c 400
  echo
  # The ticket as the kiosk prints it: the check-in's answer and the consulate's names.
  curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/services" \
    >"$out/services.json"
  node -e '
    const fs = require("fs");
    const [checkIn, services] = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f)));
    const c = services.consulate;
    console.log(JSON.stringify({
      consulate_fa: c.name_fa, consulate_en: c.name_en, time_zone: c.time_zone,
      letter: checkIn.ticket.letter, letter_fa: checkIn.ticket.letter_fa,
      number: checkIn.ticket.number, service_fa: checkIn.service.name_fa,
      service_en: checkIn.service.name_en, issued_at: Math.floor(Date.now() / 1000),
      people_ahead: checkIn.people_ahead, estimated_wait_minutes: checkIn.estimated_wait_minutes,
      ticket_ref: `MKT1.${c.id}.${checkIn.ticket.day}.${checkIn.ticket.id}`,
      originals: checkIn.originals.map((o) => ({ fa: o.fa, en: o.en })),
    }));' "$out/check-in.json" "$out/services.json" >"$out/ticket.json"
  echo "demo: printing the ticket on the virtual printer (tcp://127.0.0.1:$printer_port):"
  "$build/ctl/mikhakctl" print-test "tcp://127.0.0.1:$printer_port" --json "$out/ticket.json" || true
  sleep 0.3
  sed 's/^/demo: printer: /' "$out/printer.log"
else
  echo "demo: no appointment's check-in window is open at this hour (the demo day runs 08:30-16:45)"
fi

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: starting the kiosk in a window (close it to stop the demo)"
  "$build/kiosk/mikhak-kiosk" "${@:2}"
  exit 0
fi

echo "demo: no display here; drawing the kiosk offscreen"
SDL_VIDEODRIVER=offscreen "$build/kiosk/mikhak-kiosk" --screenshot "$out/idle.png"
SDL_VIDEODRIVER=offscreen "$build/kiosk/mikhak-kiosk" --width 1920 --height 1080 \
  --screenshot "$out/idle-1080p.png"
"$build/ctl/mikhakctl" render-text --width 600 --out "$out/text-sample.png" \
  "کد رهگیری: ⁦4821-0093-17⁩ (۳ مدرک) — اصل شناسنامه، کارت ملی و گذرنامه معتبر را همراه داشته باشید."
echo "demo: today is $("$build/ctl/mikhakctl" date "$(date +%F)") / $("$build/ctl/mikhakctl" date --lang en "$(date +%F)")"
echo "demo: pictures and the server's log in $out/"
if [ -t 0 ]; then
  echo "demo: the server keeps running for the console and display; press Enter to stop it"
  read -r _
fi
