#!/usr/bin/env bash
# `make bench-collector`, and the last part of `make bench`: the collector service end to end.
#
#   1. Poll throughput: CollectorService.runCyclesBackToBack (collector-bench) against a raw
#      libmodbus loop (bench/raw_poll_meters.c), both polling the same COLLECTOR_METERS sdm630
#      meters of one meter-sim on loopback, COLLECTOR_CYCLES cycles. The service reads the
#      configured channels (the profile's cumulative points by default), decodes them and
#      commits one store transaction per bus cycle into a new store; the C loop sends the same
#      requests (the block plan `collector-bench plan` prints, in the same order) and decodes
#      the floats, with no store. Both count their requests (the service in its bus_cycle
#      rows) and the counts must agree. They take turns, COLLECTOR_RUNS times; median polls/s
#      and the ratio service/raw are printed, and the median of the ratios of each back-to-back
#      pair (goal >= 0.75; this host switches between a fast and a slow mode for seconds at a
#      time, and a pair usually runs in one mode, where medians can mix them), with the service's time split
#      (live reads + decoding, and the store commit) and the CPU time a poll on both sides.
#   2. Resident memory: `metergate run` (the gateway as installed, `make gateway`) with
#      RSS_BUSES TCP buses of 100 sdm630 meters (one meter-sim each) on a copy of bench/store.sh's 60-day store,
#      on simulated time (`time_base`, meter-sim --speed RSS_SPEED, read_every 15m: a cycle
#      every 1.5 wall seconds at 600) for RSS_SECONDS. VmRSS, RssAnon and RssFile are read
#      from /proc/PID/status every half second; the maximum VmRSS is printed (goal <= 40 MB),
#      with the kernel's high-water mark (VmHWM) and anonymous memory early and late (growth).
#      The simulated clock starts after the store's last bucket and retention is set longer
#      than the store's span, so the run only appends. If the filled store is not cached in
#      bench/out/ (as store.sh names it), it is built the way store.sh builds it.
#
# Knobs: COLLECTOR_RUNS (5; 0 skips part 1), COLLECTOR_METERS (100), COLLECTOR_CYCLES (200),
# RSS_BUSES (10), RSS_SECONDS (120; 0 skips part 2), RSS_SPEED (600), RSS_METERGATE (the
# metergate binary to measure, default the `make gateway` build in GATEWAY_SCRATCH, itself
# .build-static by default; e.g. .build/release/metergate for the development build),
# RSS_SMAPS (a file to copy the gateway's /proc/PID/smaps into at the end, with its thread
# count in FILE.threads), STORE_DAYS (60), BENCH_PIN=0 (no taskset), BENCH_SCRATCH_PATH.
# Only loopback is used; every process started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

COLLECTOR_RUNS=${COLLECTOR_RUNS:-5} COLLECTOR_METERS=${COLLECTOR_METERS:-100} COLLECTOR_CYCLES=${COLLECTOR_CYCLES:-200}
RSS_BUSES=${RSS_BUSES:-10} RSS_SECONDS=${RSS_SECONDS:-120} RSS_SPEED=${RSS_SPEED:-600}
STORE_DAYS=${STORE_DAYS:-60}
started_at=$SECONDS

pids=()
workdir=$(mktemp -d "${TMPDIR:-/tmp}/metergate-collector-bench.XXXXXX")
cleanup() {
  if declare -F stop_all >/dev/null; then stop_all; fi
  rm -rf "$workdir"
}
trap cleanup EXIT
trap "exit 130" INT TERM

source bench/lib.sh
echo "== collector: building collector-bench, metergate, meter-sim, store-bench (release) and bench/raw_poll_meters.c"
release_build collector-bench metergate meter-sim store-bench
# shellcheck disable=SC2046  # pkg-config's flags are meant to split
cc -O2 -Wall -o bench/out/raw_poll_meters bench/raw_poll_meters.c $(pkg-config --cflags --libs libmodbus)
raw=bench/out/raw_poll_meters swiftbench="$bin/collector-bench"

# --- helpers ---------------------------------------------------------------------------
# Starts meter-sim (arguments after $1) logging to $1, on a free port, which it puts in
# $sim_port. Not in a subshell: the emulator must be this shell's child, in $pids.
start_sim() {
  local log=$1 pid; shift
  "${sim_cpu[@]}" "$bin/meter-sim" --tcp 127.0.0.1:0 --devices devices "$@" >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 100); do
    sim_port=$(sed -En 's/.*listening on tcp 127\.0\.0\.1:([0-9]+) .*/\1/p' "$log")
    [ -n "$sim_port" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  fail "meter-sim did not start: $(cat "$log")"
}
# Stops every process started so far and waits for it.
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

# --- 1. poll throughput ----------------------------------------------------------------
poll_throughput() {
  start_sim "$workdir/sim.log" --units "1-$COLLECTOR_METERS" --profile sdm630
  port=$sim_port
  cat >"$workdir/gateway.yaml" <<EOF
gateway: { id: collector-bench }
store: { path: store.sqlite }
schedule: { read_every: 15m }
devices: $PWD/devices
buses:
  - { id: tcp-1, tcp: "127.0.0.1:$port" }
meters:
  - { id: "m-{unit:03}", bus: tcp-1, units: 1-$COLLECTOR_METERS, profile: sdm630 }
EOF
  plan=$("$swiftbench" plan "$workdir/gateway.yaml") || fail "collector-bench plan: $plan"
  blocks=$(sed -En 's/.* blocks=([^ ]+).*/\1/p' <<<"$plan")
  per_poll=$(field requests_per_poll <<<"$plan")
  echo "== collector poll throughput: $COLLECTOR_METERS sdm630 meters on loopback, $COLLECTOR_CYCLES cycles, $COLLECTOR_RUNS runs each"
  echo " a poll of each meter (default channels, ReadPlan): $plan"
  for run in $(seq "$COLLECTOR_RUNS"); do
    echo " run $run"
    measure raw "$raw" 127.0.0.1 "$port" 1 "$COLLECTOR_METERS" "$COLLECTOR_CYCLES" "$blocks"
    rm -f "$workdir"/store.sqlite*
    measure service "$swiftbench" cycles "$workdir/gateway.yaml" "$workdir/store.sqlite" "$COLLECTOR_CYCLES"
    raw_requests=$(tail -1 "$workdir/raw" | field requests) swift_requests=$(tail -1 "$workdir/service" | field requests)
    expected=$((COLLECTOR_METERS * COLLECTOR_CYCLES * per_poll))
    [ "$raw_requests" = "$expected" ] && [ "$swift_requests" = "$expected" ] ||
      fail "request counts differ: raw C $raw_requests, service $swift_requests, expected $expected"
    ratio "$(tail -1 "$workdir/service" | field rate)" "$(tail -1 "$workdir/raw" | field rate)" >>"$workdir/pairs"
    echo >>"$workdir/pairs"
  done
  raw_rate=$(med raw rate) swift_rate=$(med service rate)
  poll_ratio=$(ratio "$swift_rate" "$raw_rate")
  raw_ms=$(med raw ms_per_cycle) read_ms=$(med service read_ms_per_cycle) store_ms=$(med service store_ms_per_cycle)
  echo " requests: $per_poll a poll on both sides, $expected a run, counted by each client (raw C: its loop; service: its bus_cycle rows)"
  echo " medians (polls/s): raw C $raw_rate, service $swift_rate"
  pair_ratio=$(median <"$workdir/pairs")
  echo " service/raw of the medians: $poll_ratio; median of the $COLLECTOR_RUNS back-to-back pairs: $pair_ratio ($(atleast "$pair_ratio" 0.75))"
  echo " a cycle of $COLLECTOR_METERS meters (ms): raw C $raw_ms; service $(med service ms_per_cycle) = live reads and decoding $read_ms + store commit and the rest $store_ms"
  echo " live reads and decoding alone, raw/service: $(ratio "$raw_ms" "$read_ms")"
  echo " CPU a poll (µs, all threads): raw C $(med raw cpu_us_per_poll), service $(med service cpu_us_per_poll)"
  if declare -F stop_all >/dev/null; then stop_all; fi
}

# --- 2. resident memory ----------------------------------------------------------------
resident_memory() {
  local metergate=${RSS_METERGATE:-}
  if [ -z "$metergate" ]; then
    # The build a device runs (`make gateway`), not the development build.
    echo "== building the gateway as installed (make gateway: release, --static-swift-stdlib, ${GATEWAY_SCRATCH:-.build-static})"
    "$SWIFT" build -c release --static-swift-stdlib --scratch-path "${GATEWAY_SCRATCH:-.build-static}" --product metergate \
      >"$workdir/build.log" 2>&1 || { cat "$workdir/build.log" >&2; fail "make gateway failed"; }
    metergate=${GATEWAY_SCRATCH:-.build-static}/release/metergate
  fi
  stamp=$(cat bench/raw_sqlite_ingest.c Sources/Store/StoreSchema.swift bench/Sources/store-bench/BenchData.swift | sha1sum | cut -c1-8)
  cache=bench/out/store-${STORE_DAYS}d-1000x4-$stamp-time.sqlite
  if [ ! -f "$cache" ]; then
    # As bench/store.sh builds it, under the same name, so either script reuses it.
    echo "== building the filled store $cache (as bench/store.sh does)"
    cc -O2 -Wall -o bench/out/raw_sqlite_ingest bench/raw_sqlite_ingest.c -lsqlite3
    rm -f "$cache.tmp"*
    "$bin/store-bench" init "$cache.tmp" 1000 4 >/dev/null
    echo " $(bench/out/raw_sqlite_ingest prefill "$cache.tmp" "$STORE_DAYS")"
    mv "$cache.tmp" "$cache"
  fi
  cp "$cache" "$workdir/rss.sqlite"
  if [ -f "$cache-wal" ]; then cp "$cache-wal" "$workdir/rss.sqlite-wal"; fi
  span=$("$swiftbench" span "$workdir/rss.sqlite") || fail "collector-bench span: $span"
  first=$(field first <<<"$span") latest=$(field latest <<<"$span")
  start=$(((latest / 86400 + 1) * 86400))
  retention=$(((start - first + RSS_SECONDS * RSS_SPEED) / 86400 + 2))
  start_iso=$(date -u -d "@$start" +%Y-%m-%dT%H:%M:%SZ)
  echo "== collector resident memory: $metergate run, $RSS_BUSES buses x 100 sdm630 meters, ${RSS_SECONDS}s at x$RSS_SPEED (read_every 15m)"
  echo " store: copy of $cache ($(du -h "$workdir/rss.sqlite" | cut -f1)), $span; simulated time from $start_iso, retention $retention days"
  {
    echo "gateway: { id: collector-rss }"
    echo "store: { path: rss.sqlite, retention_days: $retention }"
    echo "schedule: { read_every: 15m }"
    echo "devices: $PWD/devices"
    echo "time_base: timebase.json"
    echo "buses:"
    for bus in $(seq "$RSS_BUSES"); do
      timebase=()
      if [ "$bus" = 1 ]; then timebase=(--time-base "$workdir/timebase.json"); fi
      start_sim "$workdir/sim-$bus.log" --units 1-100 --profile sdm630 --start "$start_iso" --speed "$RSS_SPEED" "${timebase[@]}"
      echo "  - { id: tcp-$bus, tcp: \"127.0.0.1:$sim_port\" }"
    done
    echo "meters:"
    for bus in $(seq "$RSS_BUSES"); do echo "  - { id: \"b$bus-{unit:03}\", bus: tcp-$bus, units: 1-100, profile: sdm630 }"; done
  } >"$workdir/rss.yaml"
  "${cpu[@]}" "$metergate" run --config "$workdir/rss.yaml" >"$workdir/gateway.log" 2>&1 &
  gateway=$!
  pids+=("$gateway")
  samples=$((RSS_SECONDS * 2))
  for i in $(seq "$samples"); do
    kill -0 "$gateway" 2>/dev/null || fail "metergate run stopped: $(cat "$workdir/gateway.log")"
    awk -v i="$i" '/^VmRSS:/ { r = $2 } /^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } /^VmHWM:/ { h = $2 }
      END { print i, r, a, f, h }' "/proc/$gateway/status" >>"$workdir/rss.txt"
    sleep 0.5
  done
  if [ -n "${RSS_SMAPS:-}" ]; then
    cp "/proc/$gateway/smaps" "$RSS_SMAPS"
    ls "/proc/$gateway/task" | wc -l >"$RSS_SMAPS.threads"
  fi
  kill -TERM "$gateway"
  wait "$gateway" || fail "metergate run exited with $?: $(cat "$workdir/gateway.log")"
  cycles=$(sed -En 's/.*stopped after ([0-9]+) bus cycles.*/\1/p' "$workdir/gateway.log")
  problems=$(grep -cE ' (warning|error|critical) |offline' "$workdir/gateway.log" || true)
  # Samples: index, VmRSS, RssAnon, RssFile, VmHWM (kB).
  max_line=$(sort -k2,2n "$workdir/rss.txt" | tail -1)
  max_mb=$(awk '{ printf "%.1f", $2 / 1024 }' <<<"$max_line")
  hwm_mb=$(tail -1 "$workdir/rss.txt" | awk '{ printf "%.1f", $5 / 1024 }')
  anon_quarter=$(awk -v q=$((samples / 4)) '$1 <= q && $3 > m { m = $3 } END { printf "%.1f", m / 1024 }' "$workdir/rss.txt")
  anon_last=$(tail -1 "$workdir/rss.txt" | awk '{ printf "%.1f", $3 / 1024 }')
  echo " $cycles bus cycles ($((cycles * 100)) meter polls) in ${RSS_SECONDS}s; $problems warnings, errors or offline meters in the log"
  grep -E ' (warning|error|critical) |offline' "$workdir/gateway.log" | head -3 | cut -c1-240 | sed 's/^/   /' || true
  grep -E 'intervals up to' "$workdir/gateway.log" | tail -2 | cut -c1-240 | sed 's/^/   /' || true
  echo " max VmRSS $max_mb MB ($(atmost "$max_mb" 40)); VmHWM $hwm_mb MB; at the max: anonymous $(awk '{ printf "%.1f", $3 / 1024 }' <<<"$max_line") MB, file-backed (executable and shared libraries) $(awk '{ printf "%.1f", $4 / 1024 }' <<<"$max_line") MB"
  echo " anonymous memory: max $anon_quarter MB in the first quarter of the run, $anon_last MB at the end"
  if declare -F stop_all >/dev/null; then stop_all; fi
}

if [ "$COLLECTOR_RUNS" -gt 0 ]; then poll_throughput; fi
if [ "$RSS_SECONDS" -gt 0 ]; then resident_memory; fi
echo "== collector done in $((SECONDS - started_at)) s"
