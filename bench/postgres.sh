# A throwaway PostgreSQL cluster on loopback for the warehouse benchmarks, started as the
# tests start one: initdb -A trust into a temporary directory (as the postgres user when we
# are root), 127.0.0.1 at a free port, fsync off. Sourced after bench/lib.sh.
#
# - start_postgres [SETTING...]: starts it, extra postgresql.conf lines as arguments; sets
#   pgbin, pgdir, port and pg_url (postgres://postgres@127.0.0.1:PORT, no database).
# - stop_postgres: stops it (immediate) and removes its directory; call it from the EXIT trap.

start_postgres() {
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$pgbin/initdb" ] || fail "no PostgreSQL server in /usr/lib/postgresql/*/bin (scripts/ensure-deps.sh installs it)"
  pgdir=$(mktemp -d /tmp/metergate-pg-bench.XXXXXX)
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$pgdir"
    as_pg=(runuser -u postgres --)
  fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$pgdir/initdb.log" 2>&1 ||
    { cat "$pgdir/initdb.log" >&2; fail "initdb failed"; }
  {
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$pgdir'"
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
    local setting
    for setting in "$@"; do echo "$setting"; done
  } >>"$pgdir/data/postgresql.conf"
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w start >/dev/null || { cat "$pgdir/server.log" >&2; fail "server did not start"; }
  pg_url="postgres://postgres@127.0.0.1:$port"
  echo " server $("$pgbin/postgres" --version) on 127.0.0.1:$port"
}

stop_postgres() {
  [ -n "${pgdir:-}" ] || return 0
  [ -f "$pgdir/data/postmaster.pid" ] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$pgdir"
}
