# What bench/store.sh, bench/collector.sh and bench/intervals.sh share. Sourced after the
# script has set `workdir` (a scratch directory it removes on exit).
#
# - cpu / sim_cpu: `taskset -c 1` for clients and `-c 0` for emulators, unless BENCH_PIN=0
#   or the machine has one core (on 2 cores the scheduler otherwise moves them around and
#   rates jump by 2x between runs; docs/performance.md).
# - release_build PRODUCT...: builds the products in release (BENCH_SCRATCH_PATH for another
#   build directory than .build) and sets `bin` to the directory they are in.
# - measure LABEL COMMAND...: runs a client pinned, prints its key=value line, keeps it in
#   $workdir/LABEL; med LABEL KEY: the median of KEY over those lines.

SWIFT=${SWIFT:-swift}

fail() { echo "bench: $*" >&2; exit 1; }

cpu=() sim_cpu=()
if [ "${BENCH_PIN:-1}" != 0 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  cpu=(taskset -c 1) sim_cpu=(taskset -c 0)
fi

release_build() {
  local scratch=() product
  [ -n "${BENCH_SCRATCH_PATH:-}" ] && scratch=(--scratch-path "$BENCH_SCRATCH_PATH")
  for product in "$@"; do
    "$SWIFT" build -c release "${scratch[@]}" --product "$product" >"$workdir/build.log" 2>&1 ||
      { cat "$workdir/build.log" >&2; fail "release build of $product failed"; }
  done
  bin=$("$SWIFT" build -c release "${scratch[@]}" --show-bin-path)
  for product in "$@"; do [ -x "$bin/$product" ] || fail "release build of $product failed"; done
  mkdir -p bench/out
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# The value of key $1 in the key=value line on stdin.
field() { sed -En "s/(^|.* )$1=([0-9.]+).*/\2/p" | head -1; }
# $1 / $2 with $3 decimals (default 3).
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-3}" 'BEGIN { printf "%.*f", d, a / b }'; }
atleast() { awk -v v="$1" -v g="$2" 'BEGIN { print (v >= g) ? "goal >= " g " met" : "BELOW goal " g }'; }
atmost() { awk -v v="$1" -v g="$2" 'BEGIN { print (v <= g) ? "goal <= " g " met" : "ABOVE goal " g }'; }

measure() {
  local label=$1 line; shift
  line=$("${cpu[@]}" "$@") || fail "$label failed: $line"
  printf '  %-12s %s\n' "$label" "$line"
  echo "$line" >>"$workdir/$label"
}
med() { sed -En "s/(^|.* )$2=([0-9.]+).*/\2/p" "$workdir/$1" | median; }
