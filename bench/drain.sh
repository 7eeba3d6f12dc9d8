#!/usr/bin/env bash
# `make bench-drain`: the time to drain a long backlog into the warehouse. A store holds
# DRAIN_DAYS x 96 quarter hours x DRAIN_METERS meters x 4 channels of interval revisions
# (default 60 x 1000: 23.04 million rows), written by `drain-bench prefill` through
# MeterStore.appendIntervalRevisions. `drain-bench drain` then runs the gateway's Outbox
# with a WarehouseDestination (batches of DRAIN_BATCH, the configuration's default 5000)
# into a throwaway PostgreSQL on loopback (bench/postgres.sh) until the store reports no
# backlog: wall time and rows/s (goal: the full backlog in <= 600 s). The warehouse must
# then hold every row. Baseline: the same rows exported as CSV in the staging table's columns
# (`drain-bench export`, not timed), truncated out of the warehouse, and loaded back by psql:
# one \copy into the staging table and the same INSERT ... ON CONFLICT DO NOTHING.
#
# The filled store is built once and kept in bench/out/ under a name with a hash of the files
# that shape it (as bench/store.sh does); each run drains it under a new destination id.
# Knobs: DRAIN_METERS (1000), DRAIN_DAYS (60), DRAIN_BATCH (5000), DRAIN_RUNS (1),
# BENCH_PIN=0, BENCH_SCRATCH_PATH. A quick run: DRAIN_METERS=100 DRAIN_DAYS=7 make bench-drain.
set -euo pipefail
cd "$(dirname "$0")/.."

DRAIN_METERS=${DRAIN_METERS:-1000} DRAIN_DAYS=${DRAIN_DAYS:-60} DRAIN_BATCH=${DRAIN_BATCH:-5000} DRAIN_RUNS=${DRAIN_RUNS:-1}
started_at=$SECONDS
workdir=$(mktemp -d "${TMPDIR:-/tmp}/metergate-drain-bench.XXXXXX")
source bench/lib.sh
source bench/postgres.sh
trap 'stop_postgres; rm -rf "$workdir"' EXIT
trap "exit 130" INT TERM

echo "== drain: building drain-bench (release)"
release_build drain-bench
rows=$((DRAIN_DAYS * 96 * DRAIN_METERS * 4))

stamp=$(cat Sources/Store/StoreSchema.swift bench/Sources/drain-bench/Prefill.swift | sha1sum | cut -c1-8)
store=bench/out/drain-${DRAIN_DAYS}d-${DRAIN_METERS}m-$stamp.sqlite
for old in bench/out/drain-*.sqlite; do
  [ -e "$old" ] && [ "$old" != "$store" ] && rm -f "$old" "$old-wal" "$old-shm"
done
if [ ! -e "$store" ]; then
  echo "== prefill: $DRAIN_DAYS days x 96 x $DRAIN_METERS meters x 4 channels = $rows interval revisions (kept as $store)"
  rm -f "$store.tmp" "$store.tmp-wal" "$store.tmp-shm"
  "${cpu[@]}" "$bin/drain-bench" prefill "$store.tmp" "$DRAIN_METERS" "$DRAIN_DAYS" | sed 's/^/  /'
  mv "$store.tmp" "$store"
  rm -f "$store.tmp-wal" "$store.tmp-shm"
fi
echo " store $(du -h "$store" | cut -f1)"

start_postgres "shared_buffers = 256MB" "max_wal_size = 4GB"
psql -X -q -d "$pg_url/postgres?sslmode=disable" -c "CREATE DATABASE warehouse"
url="$pg_url/warehouse?sslmode=disable"
count() { psql -X -tA -d "$url" -c "SELECT count(*) FROM interval_reading"; }
now() { date +%s.%N; }

"$bin/drain-bench" export "$store" "$workdir/rows.csv" >/dev/null
for run in $(seq "$DRAIN_RUNS"); do
  echo "== run $run: drain $rows rows in batches of $DRAIN_BATCH, then psql COPY of the same rows"
  psql -X -q -d "$url" -c "DROP TABLE IF EXISTS interval_reading CASCADE; DROP TABLE IF EXISTS schema_migration, gateway_load, meter CASCADE" 2>/dev/null
  measure drain "$bin/drain-bench" drain "$store" "$url" "$DRAIN_BATCH" "warehouse-bench-$run-$$"
  [ "$(count)" = "$rows" ] || fail "the warehouse holds $(count) rows after the drain, not $rows"
  psql -X -q -d "$url" -c "TRUNCATE interval_reading"
  cat >"$workdir/copy.sql" <<SQL
\set ON_ERROR_STOP 1
BEGIN;
CREATE TEMP TABLE interval_staging (meter_id text, channel text, start_us bigint, length_s integer, value_wh double precision,
    quality smallint, revision integer, source text, estimation text, flags integer, computed_us bigint, gateway_seq bigint) ON COMMIT DROP;
\copy interval_staging FROM '$workdir/rows.csv' WITH (FORMAT csv)
INSERT INTO interval_reading (meter_id, channel, interval_start, length_s, value_wh, quality, revision, source,
                              estimation, flags, computed_at, gateway_id, gateway_seq, loaded_at)
SELECT meter_id, channel, timestamptz 'epoch' + start_us * interval '1 microsecond', length_s, value_wh, quality,
       revision, source, estimation, flags, timestamptz 'epoch' + computed_us * interval '1 microsecond', 'bench',
       gateway_seq, now()
FROM interval_staging
ON CONFLICT (meter_id, channel, interval_start, revision) DO NOTHING;
COMMIT;
SQL
  t0=$(now)
  "${cpu[@]}" psql -X -q -d "$url" -f "$workdir/copy.sql"
  t1=$(now)
  [ "$(count)" = "$rows" ] || fail "the warehouse holds $(count) rows after the COPY, not $rows"
  copy_seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  line="rows=$rows seconds=$copy_seconds rate=$(awk -v r="$rows" -v s="$copy_seconds" 'BEGIN { printf "%.0f", r / s }')"
  printf '  %-12s %s\n' copy "$line"
  echo "$line" >>"$workdir/copy"
done
drain_s=$(med drain seconds) copy_s=$(med copy seconds)
echo " medians: drain $drain_s s ($(med drain rate) rows/s), psql COPY + upsert $copy_s s ($(med copy rate) rows/s)"
echo " drain/COPY time: $(ratio "$drain_s" "$copy_s" 2)x; drain of $rows rows: $drain_s s ($(atmost "$drain_s" 600))"
echo "== drain done in $((SECONDS - started_at)) s"
