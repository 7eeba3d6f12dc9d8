#!/usr/bin/env bash
# `make bench-intervals`, and a part of `make bench`: the interval engine against the plain derivation.
#
#   interval-bench (bench/Sources/interval-bench) generates a seeded synthetic fleet, 1000
#   meters x 4 channels, one UTC day of register reads every 15 minutes (a few seconds of
#   jitter, a daily load shape with noise, CT multipliers), 2 % of the series with a 40-minute
#   read gap and 1 % with a 5-hour one, and 14 days of history for the series with a gap. It
#   times IntervalEngine.intervals(in:of:history:) over all 4000 series for the day
#   (derivation, profile placement, estimation, validation; generation is not timed),
#   INTERVAL_PASSES passes after a warm-up, and prints the median.
#   bench/raw_intervals.c reads the same reads (`interval-bench write`) and only interpolates
#   the register at each 15-minute boundary: the minimal derivation, no VEE.
#   They take turns, INTERVAL_RUNS times; the medians of their medians are printed, the engine's
#   time over the C loop's ("the engine costs N x the plain derivation") and the goal line (a day
#   of 1000 x 4 series in under 1 s). Both must find the same energy for the day, and the engine
#   must have estimated something, or the script fails.
#   Then, once, the same fleet with 14 days of history for every series, as the collector's
#   IntervalTask hands it over (validation's usage check then reads it for every series).
#
# Knobs: INTERVAL_RUNS (5), INTERVAL_PASSES (7), INTERVAL_METERS (1000), INTERVAL_SEED (2026),
# INTERVAL_HISTORY_ALL (1; 0 skips the all-history run, INTERVAL_ALL_PASSES 3), BENCH_PIN=0
# (no taskset; by default everything runs on CPU 1), BENCH_SCRATCH_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

INTERVAL_RUNS=${INTERVAL_RUNS:-5} INTERVAL_PASSES=${INTERVAL_PASSES:-7} INTERVAL_METERS=${INTERVAL_METERS:-1000}
INTERVAL_SEED=${INTERVAL_SEED:-2026} INTERVAL_HISTORY_ALL=${INTERVAL_HISTORY_ALL:-1} INTERVAL_ALL_PASSES=${INTERVAL_ALL_PASSES:-3}
started_at=$SECONDS

workdir=$(mktemp -d "${TMPDIR:-/tmp}/metergate-interval-bench.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
trap "exit 130" INT TERM

source bench/lib.sh
echo "== intervals: building interval-bench (release) and bench/raw_intervals.c"
release_build interval-bench
swiftbench="$bin/interval-bench"
cc -O2 -Wall -o bench/out/raw_intervals bench/raw_intervals.c -lm
raw=bench/out/raw_intervals
below() { awk -v v="$1" -v g="$2" 'BEGIN { print (v < g) ? "goal < " g " s met" : "goal < " g " s MISSED" }'; }
# Fails unless the energies of the day in lines $1 and $2 agree to 1 part in 10^9.
same_energy() {
  local a b
  a=$(field energy_wh <<<"$1") b=$(field energy_wh <<<"$2")
  awk -v a="$a" -v b="$b" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * (a < 0 ? -a : a)) }' ||
    fail "the engine's energy of the day ($b Wh) differs from the plain derivation's ($a Wh)"
}

# --- the fleet -------------------------------------------------------------------------
fleet=(--meters "$INTERVAL_METERS" --seed "$INTERVAL_SEED")
"$swiftbench" write "$workdir/reads.bin" "${fleet[@]}" >"$workdir/write.line" || fail "interval-bench write: $(cat "$workdir/write.line")"
echo "== intervals: $INTERVAL_METERS meters x 4 channels, one UTC day of 15-minute reads; $INTERVAL_RUNS turns, $INTERVAL_PASSES passes each"
echo " reads for the C baseline: $(cat "$workdir/write.line")"

for run in $(seq "$INTERVAL_RUNS"); do
  echo " run $run"
  measure raw "$raw" "$workdir/reads.bin" "$INTERVAL_PASSES"
  measure engine "$swiftbench" run --runs "$INTERVAL_PASSES" "${fleet[@]}"
  same_energy "$(tail -1 "$workdir/raw")" "$(tail -1 "$workdir/engine")"
done
line=$(tail -1 "$workdir/engine")
[ "$(field estimated <<<"$line")" -gt 0 ] && [ "$(field reference_day <<<"$line")" -gt 0 ] ||
  fail "the engine estimated nothing: $line"

raw_s=$(med raw median_s) engine_s=$(med engine median_s)
echo " medians (s a day of all series): plain derivation (C) $raw_s, IntervalEngine $engine_s"
echo " intervals/s: plain derivation $(med raw intervals_per_s), IntervalEngine $(med engine intervals_per_s)"
echo " estimated $(field estimated <<<"$line") intervals (reference day $(field reference_day <<<"$line"), linear $(field linear <<<"$line")), missing $(field missing <<<"$line"), questionable $(field questionable <<<"$line"); energy of the day equal on both sides"
echo " engine/raw time: $(ratio "$engine_s" "$raw_s" 0) (the engine costs $(ratio "$engine_s" "$raw_s" 0) x the plain derivation)"
echo " a day of $INTERVAL_METERS x 4 series in $engine_s s ($(below "$engine_s" 1))"

# --- every series with history ---------------------------------------------------------
if [ "$INTERVAL_HISTORY_ALL" != 0 ]; then
  echo "== intervals: the same fleet, 14 days of history for every series (as IntervalTask passes it), $INTERVAL_ALL_PASSES passes"
  measure all "$swiftbench" run --runs "$INTERVAL_ALL_PASSES" --history all "${fleet[@]}"
  all_s=$(med all median_s)
  same_energy "$(tail -1 "$workdir/raw")" "$(tail -1 "$workdir/all")"
  echo " engine/raw time: $(ratio "$all_s" "$raw_s" 0); a day of $INTERVAL_METERS x 4 series in $all_s s ($(below "$all_s" 1))"
fi
echo "== intervals done in $((SECONDS - started_at)) s"
