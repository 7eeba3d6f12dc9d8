#!/usr/bin/env bash
# `make demo`: the pipeline as far as it exists today. Starts emulated meters on a Modbus TCP
# port and on an RS-485 line (a socat pty pair paced at 9600 baud), reads every meter with
# `metergate read`, and ends with a summary. Everything runs on loopback and is cleaned up.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(swift build --show-bin-path)
work=$(mktemp -d /tmp/metergate-demo.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${DEMO_KEEP:-}" ]; then echo "demo: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

start="2026-01-05T06:00:00Z"
wait_for() { # file marker
  for _ in $(seq 1 200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  echo "demo: emulator did not start:" >&2; cat "$1" >&2; exit 1
}

echo "== starting emulated meters (simulated time from $start, x96: one day in 15 minutes)"
"$bin/meter-sim" --tcp 127.0.0.1:0 --units 1-4 --profile sdm630 --load mix --seed 42 \
  --start "$start" --speed 96 --time-base "$work/timebase.json" >"$work/tcp.log" 2>&1 &
pids+=($!)
wait_for "$work/tcp.log" "listening on tcp"
port=$(grep -o '127.0.0.1:[0-9]*' "$work/tcp.log" | head -1 | cut -d: -f2)
sed 's/^/   /' "$work/tcp.log"

socat pty,raw,echo=0,link="$work/gateway" pty,raw,echo=0,link="$work/meters" 2>/dev/null &
pids+=($!)
for _ in $(seq 1 100); do [ -e "$work/gateway" ] && [ -e "$work/meters" ] && break; sleep 0.05; done
"$bin/meter-sim" --rtu "$work/meters" --baud 9600 --wire-baud 9600 --units 1-3:metergate-sim,7:sdm120,12:sunspec-203 \
  --ct-ratio 40 --seed 43 --start "$start" --speed 96 --time-base "$work/rtu-timebase.json" >"$work/rtu.log" 2>&1 &
rtu_pid=$!
pids+=($rtu_pid)
wait_for "$work/rtu.log" "serving rtu"
sed 's/^/   /' "$work/rtu.log"

ok=0; failed=0
summary="$work/summary.txt"
printf '%-28s %4s  %-13s %-10s %10s %12s %16s\n' bus unit profile serial "V L1" "P total W" "import kWh" >"$summary"
read_meter() { # label unit profile bus-args...
  local label=$1 unit=$2 profile=$3; shift 3
  local out="$work/read-$label-$unit.txt"
  if "$bin/metergate" read "$@" --unit "$unit" --profile "$profile" >"$out" 2>&1; then
    ok=$((ok + 1))
    awk -v bus="$label" -v unit="$unit" -v profile="$profile" '
      NR == 1 { for (i = 1; i <= NF; i++) if ($i == "serial") { serial = $(i + 1); sub(",", "", serial) } }
      $1 == "voltage.l1" { v = $2 } $1 == "power.active.total" { p = $2 } $1 == "energy.import.total" { e = $2 }
      END { printf "%-28s %4s  %-13s %-10s %10s %12s %16s\n", bus, unit, profile, serial, v, p, e }' "$out" >>"$summary"
  else
    failed=$((failed + 1))
    echo "   $(cat "$out")"
  fi
}

echo
echo "== one meter in full: metergate read --tcp 127.0.0.1:$port --unit 1 --profile sdm630"
"$bin/metergate" read --tcp "127.0.0.1:$port" --unit 1 --profile sdm630 | sed 's/^/   /'
echo
echo "== one raw register: metergate read --tcp 127.0.0.1:$port --unit 2 --register 0x0048 --input --type float32 --order ABCD"
"$bin/metergate" read --tcp "127.0.0.1:$port" --unit 2 --register 0x0048 --input --type float32 --order ABCD | sed 's/^/   /'

for unit in 1 2 3 4; do read_meter "tcp 127.0.0.1:$port" "$unit" sdm630 --tcp "127.0.0.1:$port"; done
for unit in 1 2 3; do read_meter "rtu pty 9600 8E1" "$unit" metergate-sim --rtu "$work/gateway" --baud 9600; done
read_meter "rtu pty 9600 8E1" 7 sdm120 --rtu "$work/gateway" --baud 9600
read_meter "rtu pty 9600 8E1" 12 sunspec-203 --rtu "$work/gateway" --baud 9600

echo
echo "== technician: metergate scan --rtu <line> --units 1-16 --probe-timeout-ms 100"
"$bin/metergate" scan --rtu "$work/gateway" --baud 9600 --units 1-16 --probe-timeout-ms 100 2>"$work/scan.log" | sed 's/^/   /'
tail -1 "$work/scan.log" | sed 's/^/   /'
echo
echo "== technician: metergate commission --rtu <line> --unit 2 --profile metergate-sim --ct 200/5 (gateway clock: the emulator's time base)"
commissioned=pass
"$bin/metergate" commission --rtu "$work/gateway" --baud 9600 --unit 2 --profile metergate-sim --ct 200/5 \
  --time-base "$work/rtu-timebase.json" --energy-interval-ms 1000 --technician demo --record "$work/commissioning-unit2.json" \
  | sed 's/^/   /' || commissioned=fail

echo
echo "== every meter on both buses"
sed 's/^/   /' "$summary"
kill "$rtu_pid"; wait "$rtu_pid" 2>/dev/null || true
echo
echo "== RS-485 line, as the emulator measured it"
grep 'stopped' "$work/rtu.log" | sed 's/^/   /'
simnow=$(python3 -c "import json,time,datetime;t=json.load(open('$work/timebase.json'));print(datetime.datetime.fromtimestamp(datetime.datetime.fromisoformat(t['start'].replace('Z','+00:00')).timestamp()+(time.time()-t['wallOriginUnixSeconds'])*t['speed'],datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'))" 2>/dev/null || echo "n/a")

echo
echo "== collector: metergate run on 3 buses in accelerated time (x2880: two simulated days in a minute)"
cstart="2026-01-05T00:00:00Z"
"$bin/meter-sim" --tcp 127.0.0.1:0 --units 1-60 --profile metergate-sim --seed 7 --start "$cstart" --speed 2880 \
  --time-base "$work/collector-timebase.json" --outage "12@2026-01-05T10:00:00Z/6h" >"$work/c1.log" 2>&1 &
pids+=($!)
wait_for "$work/c1.log" "listening on tcp"
cport1=$(grep -o '127.0.0.1:[0-9]*' "$work/c1.log" | head -1 | cut -d: -f2)
"$bin/meter-sim" --tcp 127.0.0.1:0 --units 1-40:sdm630,41:sdm120 --seed 8 --join-time-base "$work/collector-timebase.json" \
  --outage "41@2026-01-01T00:00:00Z/30d" >"$work/c2.log" 2>&1 &
pids+=($!)
wait_for "$work/c2.log" "listening on tcp"
cport2=$(grep -o '127.0.0.1:[0-9]*' "$work/c2.log" | head -1 | cut -d: -f2)
socat pty,raw,echo=0,link="$work/cgateway" pty,raw,echo=0,link="$work/cmeters" 2>/dev/null &
pids+=($!)
for _ in $(seq 1 100); do [ -e "$work/cgateway" ] && [ -e "$work/cmeters" ] && break; sleep 0.05; done
"$bin/meter-sim" --rtu "$work/cmeters" --units 1-8 --profile metergate-sim --seed 9 --join-time-base "$work/collector-timebase.json" >"$work/c3.log" 2>&1 &
pids+=($!)
wait_for "$work/c3.log" "serving rtu"
warehouse=""
if [ -n "${DEMO_POSTGRES_URL:-}" ]; then
  warehouse="  - { id: warehouse, kind: postgres, data: intervals, url: \"$DEMO_POSTGRES_URL\" }"
fi
api_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/gateway.yaml" <<YAML
gateway: { id: demo-gateway }
api: { listen: "127.0.0.1:$api_port" }
store: { path: $work/store.sqlite }
schedule: { read_every: 15m, interval: 15m, backfill_lookback: 2h }
vee: { time_zone: America/Chicago }
billing: { cycle_day: 6, close_after: 1h }
destinations:
  - { id: intervals-csv, kind: file, data: intervals, directory: $work/out/intervals, format: csv }
  - { id: intervals-espi, kind: file, data: intervals, directory: $work/out/espi, format: espi }
  - { id: billing-files, kind: file, data: billing, directory: $work/out/billing, format: jsonl }
$warehouse
time_base: $work/collector-timebase.json
buses:
  - { id: feeder-a, tcp: "127.0.0.1:$cport1", timeout: 100ms, retries: 0 }
  - { id: feeder-b, tcp: "127.0.0.1:$cport2", timeout: 100ms, retries: 0 }
  - { id: rs485-1, rtu: { device: $work/cgateway, baud: 9600 }, timeout: 200ms }
meters:
  - { id: "a-{unit:02}", bus: feeder-a, units: 1-60, profile: metergate-sim, ct: 200/5,
      metadata: { rate_class: C1, tariff: hv-tou, stratum: S2, weight: 41.5, weather_zone: north } }
  - { id: "b-{unit:02}", bus: feeder-b, units: 1-40, profile: sdm630, metadata: { rate_class: R1, tariff: tod-a } }
  - { id: b-41, bus: feeder-b, unit: 41, profile: sdm120 }
  - { id: "r-{unit}", bus: rs485-1, units: 1-8, profile: metergate-sim }
YAML
echo "   $("$bin/metergate" config check "$work/gateway.yaml")"
token=$("$bin/metergate" token add --config "$work/gateway.yaml" --name demo --role reader 2>/dev/null)
"$bin/metergate" run --config "$work/gateway.yaml" >"$work/collector.log" 2>&1 &
collector=$!
pids+=($collector)
sleep 40
api="http://127.0.0.1:$api_port"
intervals="$api/api/v1/meters/a-01/intervals?from=2026-01-05T06:00:00Z&to=2026-01-05T08:00:00Z&channel=energy.import.total&time_zone=America/Chicago&time=local&format=csv"
echo "== API (token from: metergate token add --config <gateway.yaml> --name demo --role reader)"
echo "   status page: http://demo:$token@127.0.0.1:$api_port/ (any user name, the token as password)"
echo "   sample: curl -H 'Authorization: Bearer $token' '$intervals'"
curl -s -H "Authorization: Bearer $token" "$intervals" | head -4 | sed 's/^/   /'
echo "   health: $(curl -s "$api/health"); metrics: curl -H 'Authorization: Bearer <token>' $api/metrics"
echo
echo "== a disputed bill: metergate reread --meter a-03 --from 2026-01-05T06:00:00Z --to 2026-01-05T12:00:00Z (served by feeder-a's poller while it runs)"
"$bin/metergate" reread --config "$work/gateway.yaml" --meter a-03 --from 2026-01-05T06:00:00Z --to 2026-01-05T12:00:00Z \
  --wait 15 --requested-by demo 2>&1 | sed 's/^/   /' || true
sleep 20
kill -TERM "$collector"; wait "$collector" 2>/dev/null && collected=ok || collected=failed
grep -E "offline|online|stopped" "$work/collector.log" | sed 's/^/   /' | head -8
echo
echo "== metergate status --store <store> (first rows)"
"$bin/metergate" status --store "$work/store.sqlite" >"$work/status.txt"
head -6 "$work/status.txt" | sed 's/^/   /'
echo "   ..."
tail -6 "$work/status.txt" | sed 's/^/   /'
echo
echo "== intervals: metergate intervals --store <store> --meter a-12 --from 2026-01-05T14:00:00Z --to 2026-01-05T17:00:00Z --revisions"
echo "   (a-12 lost supply 10:00-16:00Z: the gap was first held flat (code 9), then superseded by the meter's own memory)"
"$bin/metergate" intervals --store "$work/store.sqlite" --meter a-12 --channel energy.import.total \
  --from 2026-01-05T14:00:00Z --to 2026-01-05T17:00:00Z --revisions | sed 's/^/   /'
echo
echo "== a day of one healthy meter, local time: metergate intervals --meter a-01 --from 2026-01-05 --time-zone America/Chicago --local (first rows)"
"$bin/metergate" intervals --store "$work/store.sqlite" --meter a-01 --channel energy.import.total \
  --from 2026-01-05 --time-zone America/Chicago --local | sed -n '1,6s/^/   /p'
echo
echo "== VEE: metergate vee --store <store> --meter a-12 --from 2026-01-05 --to 2026-01-07 --channel energy.import.total (summary)"
"$bin/metergate" vee --store "$work/store.sqlite" --meter a-12 --channel energy.import.total \
  --from 2026-01-05 --to 2026-01-07 | sed -n '1,5s/^/   /p'
echo
echo "== billing: metergate billing --store <store> --meter a-01 --latest (the Dec 6 - Jan 6 cycle under hv-tou, closed on Jan 6 local midnight;"
echo "   the gateway started on Jan 5, so most of the cycle's intervals are missing, and the determinants say so)"
"$bin/metergate" billing --store "$work/store.sqlite" --meter a-01 --latest | sed 's/^/   /'
echo
echo "== forwarding: what the destinations received (metergate status, destinations)"
grep -A10 '^destination' "$work/status.txt" | sed 's/^/   /'
echo
echo "== status page: metergate status --store <store> --html <file> --meter a-12 --time-zone America/Chicago"
echo "   (the operator's page as one HTML file: meters, a-12's load curve of the last full local day, destinations;"
echo "   kept outside the demo's temporary directory so it can be opened afterwards)"
page="$PWD/.build/demo-status-page.html"
"$bin/metergate" status --store "$work/store.sqlite" --html "$page" --meter a-12 --time-zone America/Chicago \
  --gateway-id demo-gateway >/dev/null || page="(not written)"
forwarded="$(ls "$work/out/intervals" 2>/dev/null | wc -l) interval CSV files, $(ls "$work/out/espi" 2>/dev/null | wc -l) ESPI files, $(cat "$work"/out/billing/*.jsonl 2>/dev/null | wc -l) billing documents"
counts=$(python3 - "$work/store.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
q = lambda sql: db.execute(sql).fetchone()[0]
print(f"{q('select count(*) from register_read')} register reads, {q('select count(*) from recorded_interval')} recorded intervals, "
      f"{q('select count(*) from meter_event')} events, {q('select count(*) from bus_cycle')} bus cycles")
latest = "select * from interval i where revision = (select max(revision) from interval j where j.start = i.start and j.meter_id = i.meter_id and j.channel_id = i.channel_id)"
rows = db.execute(f"select quality, value_wh is null, count(*) from ({latest}) group by 1, 2").fetchall()
by = {(quality, missing): n for quality, missing, n in rows}
total = sum(by.values())
valid = by.get((0, 0), 0); questionable = by.get((10, 0), 0)
estimated = sum(n for (quality, missing), n in by.items() if quality in (8, 9) and not missing)
missing = sum(n for (quality, missing), n in by.items() if missing)
superseded = q("select count(*) from interval where revision > 1")
names = ["missing", "duplicate", "wrong-length", "negative", "spike", "high-usage", "low-usage", "zero-run",
         "reconciliation", "clock-error", "outage", "reset-or-exchange", "rollover", "meter-invalid"]
why = {}
for (flags,) in db.execute(f"select flags from ({latest}) where quality = 10"):
    for bit, name in enumerate(names):
        if flags & (1 << bit): why[name] = why.get(name, 0) + 1
reasons = ", ".join(f"{name} {n}" for name, n in sorted(why.items(), key=lambda item: -item[1]))
print(f"VEE: {total} intervals: {valid} valid, {questionable} questionable ({reasons or 'none'}), {estimated} estimated, {missing} missing; "
      f"{superseded} revisions superseded an earlier value")
PY
) || counts="(counts need python3)"

echo
echo "summary: read $ok meters ($failed failed) on 2 buses: Modbus TCP 127.0.0.1:$port (4 x sdm630) and RTU at 9600 baud (3 x metergate-sim, sdm120, sunspec-203); scanned the RTU line; commissioning of unit 2: $commissioned; simulated time now $simnow"
echo "collector ($collected): 109 meters on 3 buses for two simulated days: $counts"
echo "forwarding: $forwarded${DEMO_POSTGRES_URL:+, and the warehouse at $DEMO_POSTGRES_URL}"
echo "status page: $page"
[ "$failed" -eq 0 ] && [ "$commissioned" = pass ] && [ "$collected" = ok ]
