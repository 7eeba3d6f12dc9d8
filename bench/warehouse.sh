#!/usr/bin/env bash
# `make bench-warehouse`: WarehouseLoader.load against plain COPY + INSERT ... ON CONFLICT
# done by psql, on a throwaway PostgreSQL cluster on loopback (as the tests start one:
# initdb -A trust into a temporary directory, as the postgres user when we are root,
# 127.0.0.1 at a free port, fsync=off). warehouse-bench (release) runs WAREHOUSE_RUNS
# times on a fresh database each; the median rows/s of both and the ratio loader/copy are
# printed (goal >= 0.7).
# Knobs: WAREHOUSE_ROWS (200000), WAREHOUSE_BATCH (5000), WAREHOUSE_RUNS (3), BENCH_PIN=0,
# BENCH_SCRATCH_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

WAREHOUSE_ROWS=${WAREHOUSE_ROWS:-200000} WAREHOUSE_BATCH=${WAREHOUSE_BATCH:-5000} WAREHOUSE_RUNS=${WAREHOUSE_RUNS:-3}
started_at=$SECONDS

workdir=$(mktemp -d "${TMPDIR:-/tmp}/metergate-warehouse-bench.XXXXXX")
pgdir=$(mktemp -d /tmp/metergate-pg-bench.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$pgdir"
  as_pg=(runuser -u postgres --)
fi
stop_server() {
  [ -f "$pgdir/data/postmaster.pid" ] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$pgdir" "$workdir"
}
trap stop_server EXIT
trap "exit 130" INT TERM

source bench/lib.sh
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || fail "no PostgreSQL server in /usr/lib/postgresql/*/bin (scripts/ensure-deps.sh installs it)"

echo "== warehouse: building warehouse-bench (release)"
release_build warehouse-bench

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$workdir/initdb.log" 2>&1 ||
  { cat "$workdir/initdb.log" >&2; fail "initdb failed"; }
cat >>"$pgdir/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pgdir'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w start >/dev/null || { cat "$pgdir/server.log" >&2; fail "server did not start"; }
echo " server $("$pgbin/postgres" --version) on 127.0.0.1:$port"

echo "== warehouse load: $WAREHOUSE_ROWS rows in batches of $WAREHOUSE_BATCH, $WAREHOUSE_RUNS runs"
for run in $(seq "$WAREHOUSE_RUNS"); do
  psql -X -q -d "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable" -c "CREATE DATABASE bench$run"
  measure bench "$bin/warehouse-bench" "postgres://postgres@127.0.0.1:$port/bench$run?sslmode=disable" "$WAREHOUSE_ROWS" "$WAREHOUSE_BATCH"
done
loader_rate=$(med bench loader_rate) copy_rate=$(med bench copy_rate) run_ratio=$(med bench ratio)
echo " medians (rows/s): WarehouseLoader.load $loader_rate, COPY + INSERT by psql $copy_rate"
echo " loader/copy: $(ratio "$loader_rate" "$copy_rate") (median of per-run ratios $run_ratio; $(atleast "$run_ratio" 0.7))"
echo "== warehouse done in $((SECONDS - started_at)) s"
