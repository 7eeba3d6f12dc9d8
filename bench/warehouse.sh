#!/usr/bin/env bash
# `make bench-warehouse`: WarehouseLoader.load against plain COPY + INSERT ... ON CONFLICT
# done by psql, on a throwaway PostgreSQL cluster on loopback (bench/postgres.sh: as the
# tests start one, initdb -A trust into a temporary directory, 127.0.0.1, fsync=off).
# warehouse-bench (release) runs WAREHOUSE_RUNS times on a fresh database each; the median
# rows/s of both and the ratio loader/copy are printed (goal >= 0.7).
# Knobs: WAREHOUSE_ROWS (200000), WAREHOUSE_BATCH (5000), WAREHOUSE_RUNS (3), BENCH_PIN=0,
# BENCH_SCRATCH_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

WAREHOUSE_ROWS=${WAREHOUSE_ROWS:-200000} WAREHOUSE_BATCH=${WAREHOUSE_BATCH:-5000} WAREHOUSE_RUNS=${WAREHOUSE_RUNS:-3}
started_at=$SECONDS

workdir=$(mktemp -d "${TMPDIR:-/tmp}/metergate-warehouse-bench.XXXXXX")
source bench/lib.sh
source bench/postgres.sh
trap 'stop_postgres; rm -rf "$workdir"' EXIT
trap "exit 130" INT TERM

echo "== warehouse: building warehouse-bench (release)"
release_build warehouse-bench

start_postgres

echo "== warehouse load: $WAREHOUSE_ROWS rows in batches of $WAREHOUSE_BATCH, $WAREHOUSE_RUNS runs"
for run in $(seq "$WAREHOUSE_RUNS"); do
  psql -X -q -d "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable" -c "CREATE DATABASE bench$run"
  measure bench "$bin/warehouse-bench" "postgres://postgres@127.0.0.1:$port/bench$run?sslmode=disable" "$WAREHOUSE_ROWS" "$WAREHOUSE_BATCH"
done
loader_rate=$(med bench loader_rate) copy_rate=$(med bench copy_rate) run_ratio=$(med bench ratio)
echo " medians (rows/s): WarehouseLoader.load $loader_rate, COPY + INSERT by psql $copy_rate"
echo " loader/copy: $(ratio "$loader_rate" "$copy_rate") (median of per-run ratios $run_ratio; $(atleast "$run_ratio" 0.7))"
echo "== warehouse done in $((SECONDS - started_at)) s"
