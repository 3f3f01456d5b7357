#!/usr/bin/env bash
# `make run`: the demo. Starts the kiosk in a window where there is a display; on a machine without
# one, draws the kiosk's screens with SDL's offscreen driver and says where the pictures are.
# The server with demo data and the virtual printer join it as their issues land.
set -euo pipefail
build=${1:-build}
out=${MIKHAK_DEMO_OUT:-out/demo}
mkdir -p "$out"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: starting the kiosk in a window (close it to stop; --fullscreen fills the screen)"
  exec "$build/kiosk/mikhak-kiosk" "${@:2}"
fi

echo "demo: no display here; drawing the kiosk offscreen"
SDL_VIDEODRIVER=offscreen "$build/kiosk/mikhak-kiosk" --screenshot "$out/idle.png"
SDL_VIDEODRIVER=offscreen "$build/kiosk/mikhak-kiosk" --width 1920 --height 1080 \
  --screenshot "$out/idle-1080p.png"
"$build/ctl/mikhakctl" render-text --width 600 --out "$out/text-sample.png" \
  "کد رهگیری: ⁦4821-0093-17⁩ (۳ مدرک) — اصل شناسنامه، کارت ملی و گذرنامه معتبر را همراه داشته باشید."
echo "demo: today is $("$build/ctl/mikhakctl" date "$(date +%F)") / $("$build/ctl/mikhakctl" date --lang en "$(date +%F)")"
echo "demo: pictures in $out/"
