#!/usr/bin/env bash
# `make bench`: polling throughput of metergate's ModbusClient against the raw libmodbus
# baseline (bench/raw_poll.c), both talking to the emulator (meter-sim) on loopback.
#
#   1. TCP: 10 SDM630 meters behind one port; raw C, the per-request async API and a
#      per-meter `perform` batch take turns (so they share the machine's noise); medians,
#      and Swift/raw as the median of each run's own ratio (goal >= 0.9), are printed.
#   2. RTU over a socat pty pair with the emulator pacing replies like a 9600 baud line:
#      the Swift client's rate against the wire limit (goal >= 0.9), then the emulator's
#      count of gaps shorter than 3.5 characters (must be 0). The raw C loop runs the same
#      line for contrast: libmodbus alone leaves no silence between frames.
#   3. The store (bench/store.sh, also `make bench-store`): MeterStore.commit against raw
#      sqlite3 (bench/raw_sqlite_ingest.c), a poll cycle on a 60-day store, per-meter queries.
#      BENCH_STORE=0 skips it.
#   4. The collector (bench/collector.sh, also `make bench-collector`): CollectorService's
#      read-decode-store cycles against a raw libmodbus loop (bench/raw_poll_meters.c), and
#      the resident memory of `metergate run` with 1000 meters. BENCH_COLLECTOR=0 skips it.
#   5. The interval engine (bench/intervals.sh, also `make bench-intervals`): a day of 1000
#      meters x 4 channels through IntervalEngine against the plain derivation in C
#      (bench/raw_intervals.c). BENCH_INTERVALS=0 skips it.
#   6. The warehouse (bench/warehouse.sh, also `make bench-warehouse`): WarehouseLoader.load
#      into a throwaway PostgreSQL against COPY + INSERT by psql. BENCH_WAREHOUSE=0 skips it.
#   7. Billing documents (bench/billing.sh, also `make bench-billing`): documents/s as the
#      billing destinations send them against the same text by snprintf (bench/raw_billing.c).
#      BENCH_BILLING=0 skips it.
#   8. The backlog drain (bench/drain.sh, also `make bench-drain`): 60 days of 1000 meters x 4
#      channels from a store through Outbox + WarehouseDestination into PostgreSQL, against
#      psql COPY of the same rows. BENCH_DRAIN=0 skips it (the longest part by far).
#   9. The API (bench/api.sh, also `make bench-api`): a one-day interval query of one meter
#      through the HTTP API against plain SQLite, 60 days of 1000 meters. BENCH_API=0 skips it.
#
# The emulator runs on CPU 0 and the clients on CPU 1 (BENCH_PIN=0 turns this off): on a
# 2-core machine the scheduler otherwise puts client and server on the same core in some
# runs and not in others, and the rate jumps by 2x between the two (see docs/performance.md).
# BENCH_SCRATCH_PATH builds into another directory than .build (used while developing).
# Only loopback and ptys are used; every process started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
TCP_RUNS=${TCP_RUNS:-5} TCP_SECONDS=${TCP_SECONDS:-3}
RTU_RUNS=${RTU_RUNS:-3} RTU_SECONDS=${RTU_SECONDS:-5}
UNITS_FIRST=1 UNITS_LAST=10 ADDRESS=0 COUNT=4  # SDM630 voltages L1, L2 (input registers)
started_at=$SECONDS

pids=()
workdir=$(mktemp -d "${TMPDIR:-/tmp}/metergate-bench.XXXXXX")
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$workdir"
}
trap cleanup EXIT
trap "exit 130" INT TERM  # so that the EXIT trap runs when interrupted, too

fail() { echo "bench: $*" >&2; exit 1; }

sim_cpu=() client_cpu=()
if [ "${BENCH_PIN:-1}" != 0 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  sim_cpu=(taskset -c 0) client_cpu=(taskset -c 1)
fi

# --- build -----------------------------------------------------------------------------
scratch=()
[ -n "${BENCH_SCRATCH_PATH:-}" ] && scratch=(--scratch-path "$BENCH_SCRATCH_PATH")
echo "== building release products"
for product in meter-sim metergate-bench store-bench; do
  # A failed build must stop here, not leave an older binary to be measured.
  "$SWIFT" build -c release "${scratch[@]}" --product "$product" >"$workdir/build.log" 2>&1 ||
    { cat "$workdir/build.log" >&2; fail "release build of $product failed"; }
  grep -E '^Build' "$workdir/build.log" || true
done
bin=$("$SWIFT" build -c release "${scratch[@]}" --show-bin-path)
[ -x "$bin/meter-sim" ] && [ -x "$bin/metergate-bench" ] || fail "release build failed"
mkdir -p bench/out
# shellcheck disable=SC2046  # pkg-config's flags are meant to split
cc -O2 -Wall -o bench/out/raw_poll bench/raw_poll.c $(pkg-config --cflags --libs libmodbus)
raw=bench/out/raw_poll swiftbench="$bin/metergate-bench"
built_at=$SECONDS

# --- helpers ---------------------------------------------------------------------------
# Starts meter-sim with the given arguments, logging to $1; waits for its ready line $2.
start_sim() {
  local log=$1 ready=$2; shift 2
  "${sim_cpu[@]}" "$bin/meter-sim" "$@" --units "$UNITS_FIRST-$UNITS_LAST" --profile sdm630 >"$log" 2>&1 &
  sim_pid=$!
  pids+=("$sim_pid")
  for _ in $(seq 100); do
    grep -q "$ready" "$log" && return 0
    kill -0 "$sim_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Stops the emulator with SIGTERM and waits for it (not in a subshell: it is this shell's child).
stop_sim() {
  local pid rest=()
  kill -TERM "$sim_pid"
  wait "$sim_pid" || true
  for pid in "${pids[@]}"; do [ "$pid" = "$sim_pid" ] || rest+=("$pid"); done
  pids=("${rest[@]}")
}

# The emulator's closing statistics line from its log $1.
sim_stats() { grep -m1 'stopped' "$1" || echo "(meter-sim printed no statistics)"; }

# The value of key $1 in a `key=value ...` line on stdin.
field() { sed -En "s/(^|.* )$1=([0-9.]+).*/\2/p" | head -1; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
goal() { awk -v r="$1" 'BEGIN { print (r >= 0.9) ? "goal >= 0.9 met" : "BELOW goal 0.9" }'; }

# Runs one client ($1 = label, rest = command), prints its line and keeps it in
# $workdir/$label.lines and its rate in $workdir/$label.
run_client() {
  local label=$1 line; shift
  line=$("${client_cpu[@]}" "$@") || fail "$label failed: $line"
  printf '  %-7s %s\n' "$label" "$line"
  echo "$line" >>"$workdir/$label.lines"
  echo "$line" | field rate >>"$workdir/$label"
}

# --- TCP -------------------------------------------------------------------------------
echo "== TCP: units $UNITS_FIRST-$UNITS_LAST in turn, $COUNT input registers, $TCP_RUNS runs x ${TCP_SECONDS}s each"
port=""
for _ in 1 2 3 4 5; do
  try=$((20000 + RANDOM % 40000))
  if start_sim "$workdir/sim-tcp.log" "listening on tcp" --tcp "127.0.0.1:$try"; then port=$try; break; fi
done
[ -n "$port" ] || fail "meter-sim did not start on loopback: $(cat "$workdir/sim-tcp.log")"
tcp_args=(tcp 127.0.0.1 "$port" "$UNITS_FIRST" "$UNITS_LAST" "$ADDRESS" "$COUNT" "$TCP_SECONDS")
for run in $(seq "$TCP_RUNS"); do
  echo " run $run"
  run_client raw "$raw" "${tcp_args[@]}"
  run_client async "$swiftbench" "${tcp_args[@]}" --api async
  run_client batch "$swiftbench" "${tcp_args[@]}" --api batch --batch 10
done
run_client hop "$swiftbench" "${tcp_args[@]:0:7}" 2 --api hop
stop_sim

raw_m=$(median <"$workdir/raw") async_m=$(median <"$workdir/async") batch_m=$(median <"$workdir/batch")
async_r=$(ratio "$async_m" "$raw_m") batch_r=$(ratio "$batch_m" "$raw_m")
# Each run's Swift rate against the raw rate of the same run: this host switches between a
# fast and a slow state for seconds at a time, and medians taken apart can mix the two.
per_run() { paste -d' ' "$workdir/$1" "$workdir/raw" | awk '{ printf "%.6f\n", $1 / $2 }' | median | xargs printf '%.3f'; }
async_p=$(per_run async) batch_p=$(per_run batch)
echo " medians (polls/s): raw $raw_m, async $async_m, batch $batch_m; Swift/raw of the medians: async $async_r, batch $batch_r"
echo " Swift/raw, median of the $TCP_RUNS runs' own ratios: per-request async $async_p ($(goal "$async_p")), per-meter batch of 10 $batch_p ($(goal "$batch_p"))"
echo " bare hop (perform with an empty body, no I/O): $(cat "$workdir/hop") hops/s"

# --- RTU -------------------------------------------------------------------------------
echo "== RTU: socat pty pair, meter-sim --wire-baud 9600 (8E1), $COUNT registers, $RTU_RUNS runs x ${RTU_SECONDS}s"
socat "pty,raw,echo=0,link=$workdir/gateway" "pty,raw,echo=0,link=$workdir/meters" &
pids+=($!)
for _ in $(seq 50); do [ -e "$workdir/gateway" ] && [ -e "$workdir/meters" ] && break; sleep 0.1; done
[ -e "$workdir/gateway" ] || fail "socat made no pty pair"
rtu_sim=(--rtu "$workdir/meters" --baud 9600 --wire-baud 9600)
# Polls units $3..$4 over the pty with client $2 (more options after), as run_client label $1.
run_rtu() {
  local label=$1 client=$2 first=$3 last=$4; shift 4
  run_client "$label" "$client" rtu "$workdir/gateway" 9600 "$first" "$last" "$ADDRESS" "$COUNT" "$RTU_SECONDS" "$@"
}

start_sim "$workdir/sim-rtu.log" "serving rtu" "${rtu_sim[@]}" || fail "meter-sim rtu: $(cat "$workdir/sim-rtu.log")"
for run in $(seq "$RTU_RUNS"); do
  echo " run $run"
  run_rtu rtu1 "$swiftbench" "$UNITS_FIRST" "$UNITS_FIRST"
  run_rtu rtu10 "$swiftbench" "$UNITS_FIRST" "$UNITS_LAST"
  run_rtu rtu10p0 "$swiftbench" "$UNITS_FIRST" "$UNITS_LAST" --unit-switch-pause-ms 0
done
stop_sim
swift_stats=$(sim_stats "$workdir/sim-rtu.log")
swift_violations=$(sed -n 's/.*gap violations \([0-9]*\).*/\1/p' <<<"$swift_stats")
limit=$(field limit <"$workdir/rtu1.lines") paused=$(field limit_with_switch_pause <"$workdir/rtu10.lines")
rtu1_m=$(median <"$workdir/rtu1") rtu10_m=$(median <"$workdir/rtu10") rtu10p0_m=$(median <"$workdir/rtu10p0")
rtu1_r=$(ratio "$rtu1_m" "$limit") rtu10_r=$(ratio "$rtu10_m" "$limit") rtu10_pr=$(ratio "$rtu10_m" "$paused") rtu10p0_r=$(ratio "$rtu10p0_m" "$limit")
echo " wire limit for $COUNT registers at 9600 8E1: $limit polls/s; with a unit switch every poll: $paused"
echo " one unit: median $rtu1_m polls/s = $rtu1_r of the wire limit ($(goal "$rtu1_r"))"
echo " 10 units in turn: median $rtu10_m polls/s = $rtu10_r of the wire limit, $rtu10_pr of the limit with the client's unit-switch pause ($(goal "$rtu10_pr"))"
echo " 10 units in turn, unit-switch pause 0: median $rtu10p0_m polls/s = $rtu10p0_r of the wire limit"
echo " Swift client, emulator's view: $swift_stats"

start_sim "$workdir/sim-rtu-raw.log" "serving rtu" "${rtu_sim[@]}" || fail "meter-sim rtu: $(cat "$workdir/sim-rtu-raw.log")"
echo " raw libmodbus for reference (it enforces no silence between frames):"
run_rtu rawrtu "$raw" "$UNITS_FIRST" "$UNITS_LAST"
stop_sim
echo " raw C client, emulator's view: $(sim_stats "$workdir/sim-rtu-raw.log")"

# --- store -----------------------------------------------------------------------------
[ "${BENCH_STORE:-1}" = 0 ] || bench/store.sh

# --- collector -------------------------------------------------------------------------
[ "${BENCH_COLLECTOR:-1}" = 0 ] || bench/collector.sh

# --- intervals -------------------------------------------------------------------------
[ "${BENCH_INTERVALS:-1}" = 0 ] || bench/intervals.sh

# --- warehouse -------------------------------------------------------------------------
[ "${BENCH_WAREHOUSE:-1}" = 0 ] || bench/warehouse.sh
[ "${BENCH_API:-1}" = 0 ] || bench/api.sh

# --- billing documents -----------------------------------------------------------------
[ "${BENCH_BILLING:-1}" = 0 ] || bench/billing.sh

# --- backlog drain ---------------------------------------------------------------------
[ "${BENCH_DRAIN:-1}" = 0 ] || bench/drain.sh

echo "== done in $((SECONDS - started_at)) s (build $((built_at - started_at)) s, measurements $((SECONDS - built_at)) s)"
[ "${swift_violations:-missing}" = 0 ] || fail "the Swift client left $swift_violations gaps shorter than 3.5 characters"
