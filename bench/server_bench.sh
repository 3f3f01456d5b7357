#!/usr/bin/env bash
# Load test of mikhak-server on loopback, in one command:
#
#   bench/server_bench.sh            # builds what it needs, seeds, runs, prints a table
#
# It seeds a fresh database (mikhak-bench-seed: enough appointments for every run, all at this
# very second, the worst case for counting people ahead) in a temporary folder on disk (fsync has
# to mean something: synchronous=FULL), starts the server on a free 127.0.0.1 port, and
# measures, each on the same database in turn:
#   wrk (as fast as the server answers): check-in lookups (a kiosk's retried request, answered from
#     the stored ticket), the same with a signed QR payload, check-ins recorded (a new ticket each),
#     and call-next round-robin over the counters;
#   mikhak-bench-load at a fixed rate (wrk cannot hold one): lookups, check-ins and call-next, with
#     latency counted from when each request was due.
# Before call-next it checks in a batch, so the counters have tickets to call.
# The server is stopped on exit, whatever happens. Settings, from the environment:
#   BUILD (build dir), DURATION (s per wrk run), WRK_THREADS, CONNECTIONS, RATE (fixed-rate
#   runs, /s), LOAD_SECONDS, LOAD_THREADS, APPOINTMENTS, CALLNEXT_WAITING (tickets to have waiting
#   before call-next), TMPDIR (where the database goes; default /var/tmp), KEEP=1 (keep the folder).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
duration=${DURATION:-10}
wrk_threads=${WRK_THREADS:-2}
connections=${CONNECTIONS:-32}
rate=${RATE:-500}
load_seconds=${LOAD_SECONDS:-10}
load_threads=${LOAD_THREADS:-8}
appointments=${APPOINTMENTS:-0}  # 0: enough for the runs (below)
callnext_waiting=${CALLNEXT_WAITING:-12000}
# Targets (from the issue).
target_lookups=5000
target_recorded=1000
target_callnext=1000
target_p99_ms=10

say() { printf '== %s\n' "$*" >&2; }

# The codes file, shared out: line 0 for lookups; then wrk's check-ins, the fixed-rate
# check-ins, and the rest for the batch before call-next.
# wrk's share is what 5,000 check-ins a second would use, so that it never runs out of codes.
wrk_from=1
wrk_to=$((wrk_from + 5000 * duration))
load_from=$wrk_to
load_to=$((load_from + rate * load_seconds + 2000))
batch_from=$load_to
if [ "$appointments" = 0 ]; then appointments=$((batch_from + callnext_waiting)); fi
if [ "$appointments" -le "$batch_from" ]; then
  say "APPOINTMENTS=$appointments leaves no codes for the batch before call-next: use > $batch_from"
  exit 1
fi

# --- tools and build ------------------------------------------------------------------------
command -v wrk >/dev/null 2>&1 || "$top/.ci/setup"
[ -f "$build/build.ninja" ] || cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
ninja -C "$build" mikhak-server mikhak-bench-seed mikhak-bench-load >&2
commit=$(git -C "$top" describe --always --dirty 2>/dev/null || echo unknown)  # what was built
server_bin=$build/server/mikhak-server
seed_bin=$build/bench/mikhak-bench-seed
load_bin=$build/bench/mikhak-bench-load
export MIKHAK_WRK_DIR=$top/bench/wrk

# --- a database on disk, and the server ----------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/var/tmp}/mikhak-bench.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fstype=$(findmnt -n -o FSTYPE -T "$work" 2>/dev/null | head -n 1 || stat -f -c %T "$work")
if [ "$fstype" = tmpfs ]; then
  say "warning: $work is on tmpfs, where fsync costs nothing; set TMPDIR to a disk folder"
fi

# The disk's commit latency, which bounds fsynced writes per second: 200 synchronous 4 KiB writes.
fsync_us=$(LC_ALL=C dd if=/dev/zero of="$work/fsync-probe" bs=4k count=200 oflag=dsync 2>&1 |
  awk '/copied/ { for (i = 1; i <= NF; ++i) if ($i == "s,") printf "%d", $(i - 1) * 1e6 / 200 }')
rm -f "$work/fsync-probe"

# UTC, unless the run could cross midnight there: then a zone where it is morning, since every
# appointment is today's and check-in refuses another day's.
zone=UTC
hour=$((10#$(date -u +%H)))
if [ "$hour" -ge 22 ] || [ "$hour" -lt 1 ]; then zone=Etc/GMT-8; fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "seeding $appointments appointments in $work ($zone)"
"$seed_bin" --db "$work/bench.db" --out "$work/seed" --appointments "$appointments" \
  --consulate-id BEN --time-zone "$zone" >&2
# shellcheck source=/dev/null
. "$work/seed/seed.env"

# A port nobody listens on (a refused connection), then the server on it.
for _ in $(seq 20); do
  port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
"$server_bin" --db "$work/bench.db" --listen "127.0.0.1:$port" --time-zone "$TIME_ZONE" \
  --consulate-id "$CONSULATE_ID" >"$work/server.log" 2>&1 &
server_pid=$!
if ! "$load_bin" --port "$port" --mode health --seconds 15 >/dev/null; then
  cat "$work/server.log" >&2
  exit 1
fi
say "server $commit, pid $server_pid, on 127.0.0.1:$port"

url=http://127.0.0.1:$port
token=$work/seed/kiosk-token.txt
codes=$work/seed/codes.txt
payloads=$work/seed/payloads.txt
"$load_bin" --port "$port" --mode login --login "$(cat "$work/seed/staff-login.txt")" \
  --password-file "$work/seed/staff-password.txt" >"$work/cookie.txt"
cookie=$(cat "$work/cookie.txt")
waiting() { "$load_bin" --port "$port" --mode status --cookie "$cookie" | sed 's/.*waiting=\([0-9]*\).*/\1/'; }

results=$work/results.txt
: >"$results"
# record LABEL TOOL TARGET-KIND QUEUE RESULT-LINE
record() { printf '%s|%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" "$5" >>"$results"; }

run_wrk() {  # LABEL TARGET-KIND SCRIPT ARGS...
  local label=$1 kind=$2 script=$3
  shift 3
  local queue
  queue=$(waiting)
  say "wrk: $label ($queue waiting)"
  wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --latency --timeout 10s \
    -s "$MIKHAK_WRK_DIR/$script" "$url" -- "$@" | tee "$work/wrk-$script-$label.txt" >&2
  record "$label" wrk "$kind" "$queue" "$(grep '^WRK_RESULT' "$work/wrk-$script-$label.txt")"
}

run_load() {  # LABEL MODE ARGS...
  local label=$1 mode=$2
  shift 2
  local queue
  queue=$(waiting)
  say "mikhak-bench-load: $label at $rate/s for ${load_seconds}s ($queue waiting)"
  "$load_bin" --port "$port" --mode "$mode" --rate "$rate" --seconds "$load_seconds" \
    --threads "$load_threads" "$@" | tee "$work/load-$mode.txt" >&2
  record "$label" "load $rate/s" fixed "$queue" "$(grep '^RESULT' "$work/load-$mode.txt")"
}

# The lookup's ticket: checked in once with the request id that every lookup retries.
"$load_bin" --port "$port" --mode lookup --rate 0 --count 1 --threads 1 --token-file "$token" \
  --codes-file "$codes" >/dev/null

run_wrk lookup lookups lookup.lua "$token" "$codes"
run_wrk lookup-qr lookups lookup.lua "$token" "$payloads"
run_wrk checkin recorded checkin.lua "$token" "$codes" "$wrk_from" "$wrk_to" "$wrk_threads"
run_load lookup lookup --token-file "$token" --codes-file "$codes"
run_load checkin checkin --token-file "$token" --codes-file "$codes" \
  --codes-from "$load_from" --codes-to "$load_to"

# Enough tickets waiting for both call-next runs: a batch of check-ins, as fast as they go.
queue=$(waiting)
if [ "$queue" -lt "$callnext_waiting" ]; then
  batch=$((callnext_waiting - queue))
  say "checking in a batch of $batch so that $callnext_waiting tickets wait"
  "$load_bin" --port "$port" --mode checkin --rate 0 --seconds 300 --count "$batch" \
    --threads "$load_threads" --token-file "$token" --codes-file "$codes" \
    --codes-from "$batch_from" | grep '^RESULT' >&2
fi
run_wrk call-next callnext callnext.lua "$work/cookie.txt" "$COUNTERS"
run_load call-next call-next --cookie "$cookie" --counters "$COUNTERS"

# --- the table -----------------------------------------------------------------------------
echo
echo "mikhak-server $commit, $(nproc) cores; wrk -t$wrk_threads -c$connections -d${duration}s;" \
  "fixed rate $rate/s for ${load_seconds}s over $load_threads connections; database on $fstype" \
  "(a synchronous 4 KiB write: ${fsync_us} us);" \
  "load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg) (other work skews figures)"
awk -F'|' -v lookups="$target_lookups" -v recorded="$target_recorded" \
  -v callnext="$target_callnext" -v p99max="$target_p99_ms" -v rate="$rate" '
  function field(line, name,    m) {
    if (match(line, " " name "=[^ ]*")) return substr(line, RSTART + length(name) + 2, RLENGTH - length(name) - 2)
    return ""
  }
  BEGIN {
    printf "%-10s %-9s %8s %9s %9s %9s  %-25s %-4s %s\n", "mode", "tool", "waiting", "good/s",
      "p50 ms", "p99 ms", "target", "met", "answers (status:count)"
  }
  {
    good = field($5, "good_rate"); p50 = field($5, "p50_ms"); p99 = field($5, "p99_ms")
    if ($3 == "lookups") { target = ">= " lookups "/s"; met = (good + 0 >= lookups) }
    else if ($3 == "recorded") { target = ">= " recorded " recorded/s"; met = (good + 0 >= recorded) }
    else if ($3 == "callnext") { target = ">= " callnext " called/s"; met = (good + 0 >= callnext) }
    else { target = "p99 < " p99max " ms at " rate "/s"; met = (p99 + 0 < p99max && good + 0 >= 0.98 * rate) }
    printf "%-10s %-9s %8s %9s %9s %9s  %-25s %-4s %s\n", $1, $2, $4, good, p50, p99, target,
      met ? "yes" : "NO", field($5, "statuses")
  }' "$results"
