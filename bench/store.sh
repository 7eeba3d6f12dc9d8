#!/usr/bin/env bash
# `make bench-store`, and the last part of `make bench`: the store's write path.
#
#   1. Ingest: raw sqlite3 (bench/raw_sqlite_ingest.c) against `MeterStore.commit`
#      (store-bench), both appending STORE_INGEST_CYCLES cycles of METERS x CHANNELS
#      register reads to an empty store, one transaction per cycle. The C program works on
#      a store file that MeterStore created, so the schema is the store's own; it uses the
#      writer's settings (WAL, synchronous=FULL, foreign keys). They take turns, STORE_RUNS
#      times; median rows/s and the ratio MeterStore/raw are printed (goal >= 0.8).
#   2. A poll cycle on a STORE_DAYS-day store (default 60 days x 1000 meters x 4 channels at
#      15-minute buckets: 23.04 million reads): STORE_CYCLES more cycles, timed one by one.
#      Bytes a row are counted two ways: what the commits append to the WAL (frames from the
#      wal-index header in the -shm file, x (page + 24 bytes)), and everything the process
#      wrote (/proc/self/io wchar: the WAL plus SQLite's automatic checkpoints copying pages
#      into the database file, every 1000 WAL pages). Goals: median <= 10 ms a cycle,
#      <= 100 bytes a row. The same store rebuilt with the key (meter, channel, bucket) runs
#      the same cycles through the C program, to show what the time-first key saves.
#   3. The per-meter query on the big store: one channel of a meter over 1 and 60 days.
#
# The filled stores are built once by the C program (big transactions, a minute or two)
# and kept in bench/out/ under a name that carries a hash of the files that shape them;
# each run appends its cycles to them. Delete bench/out/store-*.sqlite to start afresh.
# Knobs: STORE_RUNS (5), STORE_INGEST_CYCLES (100), STORE_CYCLES (40), STORE_DAYS (60),
# STORE_METERS (1000), STORE_CHANNELS (4), BENCH_PIN=0 (no taskset), BENCH_SCRATCH_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

STORE_RUNS=${STORE_RUNS:-5} STORE_INGEST_CYCLES=${STORE_INGEST_CYCLES:-100} STORE_CYCLES=${STORE_CYCLES:-40}
STORE_DAYS=${STORE_DAYS:-60} STORE_METERS=${STORE_METERS:-1000} STORE_CHANNELS=${STORE_CHANNELS:-4}
started_at=$SECONDS

workdir=$(mktemp -d "${TMPDIR:-/tmp}/metergate-store-bench.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
trap "exit 130" INT TERM

source bench/lib.sh
echo "== store: building store-bench (release) and bench/raw_sqlite_ingest.c"
release_build store-bench
swiftbench="$bin/store-bench"
cc -O2 -Wall -o bench/out/raw_sqlite_ingest bench/raw_sqlite_ingest.c -lsqlite3
raw=bench/out/raw_sqlite_ingest

# --- 1. ingest -------------------------------------------------------------------------
rows_per_cycle=$((STORE_METERS * STORE_CHANNELS))
echo "== store ingest: $STORE_INGEST_CYCLES cycles of $rows_per_cycle reads into an empty store, $STORE_RUNS runs each"
"$swiftbench" init "$workdir/empty.sqlite" "$STORE_METERS" "$STORE_CHANNELS" >/dev/null
for run in $(seq "$STORE_RUNS"); do
  echo " run $run"
  cp "$workdir/empty.sqlite" "$workdir/raw.sqlite"
  measure raw "$raw" cycles "$workdir/raw.sqlite" "$STORE_INGEST_CYCLES"
  cp "$workdir/empty.sqlite" "$workdir/swift.sqlite"
  measure swift "$swiftbench" cycles "$workdir/swift.sqlite" "$STORE_INGEST_CYCLES" "$STORE_CHANNELS"
  rm -f "$workdir"/raw.sqlite* "$workdir"/swift.sqlite*
done
raw_rate=$(med raw rate) swift_rate=$(med swift rate)
ingest_ratio=$(ratio "$swift_rate" "$raw_rate")
echo " medians (rows/s): raw C $raw_rate, MeterStore.commit $swift_rate"
echo " MeterStore/raw: $ingest_ratio ($(atleast "$ingest_ratio" 0.8))"

# --- 2. a poll cycle on a filled store -------------------------------------------------
stamp=$(cat bench/raw_sqlite_ingest.c Sources/Store/StoreSchema.swift bench/Sources/store-bench/BenchData.swift | sha1sum | cut -c1-8)
cache=bench/out/store-${STORE_DAYS}d-${STORE_METERS}x${STORE_CHANNELS}-$stamp
for old in bench/out/store-*-time.sqlite bench/out/store-*-meter.sqlite; do
  case $old in "$cache"-*) ;; *) [ -e "$old" ] && { echo " removing stale $old"; rm -f "$old" "$old"-wal "$old"-shm; } ;; esac
done
# Builds the filled store $1 (time or meter keyed) unless it is cached.
filled() {
  local kind=$1 file="$cache-$1.sqlite"
  [ -f "$file" ] && { echo " using cached $file ($(du -h "$file" | cut -f1))"; return 0; }
  rm -f "$file.tmp"*
  "$swiftbench" init "$file.tmp" "$STORE_METERS" "$STORE_CHANNELS" >/dev/null
  [ "$kind" = meter ] && "$raw" rekey "$file.tmp" >/dev/null
  echo " filling $file: $("$raw" prefill "$file.tmp" "$STORE_DAYS")"
  mv "$file.tmp" "$file"
}
prefill_started=$SECONDS
filled time
filled meter
echo " filled stores ready in $((SECONDS - prefill_started)) s"
echo "== store poll cycle on a $STORE_DAYS-day store ($((STORE_DAYS * 96 * rows_per_cycle)) reads): $STORE_CYCLES cycles of $rows_per_cycle reads, $STORE_RUNS runs each"
for run in $(seq "$STORE_RUNS"); do
  echo " run $run"
  measure raw-time "$raw" cycles "$cache-time.sqlite" "$STORE_CYCLES"
  measure swift-time "$swiftbench" cycles "$cache-time.sqlite" "$STORE_CYCLES" "$STORE_CHANNELS"
  measure raw-meter "$raw" cycles "$cache-meter.sqlite" "$STORE_CYCLES"
done
swift_ms=$(med swift-time median_ms) swift_wal=$(med swift-time wal_bytes_per_row) swift_bytes=$(med swift-time bytes_per_row)
time_ms=$(med raw-time median_ms) time_wal=$(med raw-time wal_bytes_per_row) time_bytes=$(med raw-time bytes_per_row)
time_pages=$(med raw-time wal_pages_per_cycle)
meter_ms=$(med raw-meter median_ms) meter_wal=$(med raw-meter wal_bytes_per_row) meter_bytes=$(med raw-meter bytes_per_row)
meter_pages=$(med raw-meter wal_pages_per_cycle)
echo " medians; bytes a row: appended to the WAL / all written including checkpoints"
echo " key (bucket, meter, channel), MeterStore.commit: $swift_ms ms a cycle ($(atmost "$swift_ms" 10)), $swift_wal / $swift_bytes bytes a row ($(atmost "$swift_bytes" 100))"
echo " key (bucket, meter, channel), raw C:             $time_ms ms a cycle, $time_wal / $time_bytes bytes a row, $time_pages WAL pages a cycle"
echo " key (meter, channel, bucket), raw C:             $meter_ms ms a cycle, $meter_wal / $meter_bytes bytes a row, $meter_pages WAL pages a cycle"
echo " meter-first / time-first key: $(ratio "$meter_pages" "$time_pages")x the WAL pages, $(ratio "$meter_bytes" "$time_bytes")x all bytes written, $(ratio "$meter_ms" "$time_ms")x the time"

# --- 3. per-meter queries --------------------------------------------------------------
echo "== store per-meter query on the filled store (registerReads over enumerated buckets)"
for days in 1 "$STORE_DAYS"; do
  printf '  %s\n' "$("${cpu[@]}" "$swiftbench" query "$cache-time.sqlite" "$days" "$STORE_CHANNELS")"
done
echo "== store done in $((SECONDS - started_at)) s"
