#!/usr/bin/env bash
# `make bench-api`, and a part of `make bench`: requests a second for a one-day interval
# query of one meter through the HTTP API (HeadendServer on loopback, bearer token, JSON),
# with API_DAYS (60) days stored for API_METERS (1000) meters, against a plain SQLite query
# of the same rows in the same run (api-bench takes turns, API_RUNS times, API_SECONDS each;
# medians). The client runs in the same process as the server, on API_CONNECTIONS (4)
# connections: on 2 cores, a separate load generator would take a core from the server.
# The filled store is built once (5.76 million interval rows, about a minute) and kept in
# bench/out/; delete bench/out/api-store-*.sqlite to start afresh.
set -euo pipefail
cd "$(dirname "$0")/.."
API_METERS=${API_METERS:-1000} API_DAYS=${API_DAYS:-60} API_RUNS=${API_RUNS:-3} API_SECONDS=${API_SECONDS:-5} API_CONNECTIONS=${API_CONNECTIONS:-4}
workdir=$(mktemp -d "${TMPDIR:-/tmp}/metergate-api-bench.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
source bench/lib.sh
echo "== api: building api-bench (release)"
release_build api-bench
"$bin/api-bench" --store "bench/out/api-store-${API_METERS}x${API_DAYS}.sqlite" --meters "$API_METERS" --days "$API_DAYS" \
  --runs "$API_RUNS" --seconds "$API_SECONDS" --connections "$API_CONNECTIONS" | tee "$workdir/api.txt"
line=$(grep '^api ' "$workdir/api.txt")
echo "api: $(echo "$line" | field rps) requests/s for a day of one meter (96 intervals, JSON) against $(echo "$line" | field plain_qps) plain SQLite queries/s: ratio $(echo "$line" | field ratio)"
