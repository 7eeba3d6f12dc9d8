#!/usr/bin/env bash
# `make bench-billing`: billing documents encoded per second, as the HTTP and file billing
# destinations send them (BillingDeterminants.jsonDocument wrapped by BatchJSON.billingDocument),
# against the same JSON text printed by snprintf in C (bench/raw_billing.c). Both derive the
# same BILLING_DOCS four-band TOU documents (bench/Sources/billing-bench/SampleCycles.swift);
# the first BILLING_CHECK documents of both must be byte-identical, or the bench stops. Then
# C and Swift take turns BILLING_RUNS times; the medians and the ratio Swift/C are printed
# (goal >= 0.5), with JSONEncoder's rate on the same documents for contrast.
# Knobs: BILLING_DOCS (50000), BILLING_RUNS (5), BILLING_CHECK (200), BENCH_PIN=0, BENCH_SCRATCH_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

BILLING_DOCS=${BILLING_DOCS:-50000} BILLING_RUNS=${BILLING_RUNS:-5} BILLING_CHECK=${BILLING_CHECK:-200}
started_at=$SECONDS
workdir=$(mktemp -d "${TMPDIR:-/tmp}/metergate-billing-bench.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
trap "exit 130" INT TERM
source bench/lib.sh

echo "== billing: building billing-bench (release) and bench/raw_billing.c"
release_build billing-bench
cc -O2 -Wall -o bench/out/raw_billing bench/raw_billing.c

"$bin/billing-bench" "$BILLING_CHECK" --print "$BILLING_CHECK" >"$workdir/swift.jsonl"
bench/out/raw_billing "$BILLING_CHECK" --print "$BILLING_CHECK" >"$workdir/c.jsonl"
cmp -s "$workdir/swift.jsonl" "$workdir/c.jsonl" ||
  { diff "$workdir/swift.jsonl" "$workdir/c.jsonl" | head -5 >&2; fail "raw_billing.c does not print what BatchJSON does"; }
echo " the first $BILLING_CHECK documents are byte-identical ($(wc -c <"$workdir/c.jsonl") bytes)"

echo "== billing documents: $BILLING_DOCS a run, $BILLING_RUNS runs"
for run in $(seq "$BILLING_RUNS"); do
  measure c bench/out/raw_billing "$BILLING_DOCS"
  measure swift "$bin/billing-bench" "$BILLING_DOCS"
done
c_rate=$(med c rate) swift_rate=$(med swift rate) codable_rate=$(med swift codable_rate)
echo " medians (documents/s): C snprintf $c_rate, Swift $swift_rate (JSONEncoder for the determinants: $codable_rate)"
r=$(ratio "$swift_rate" "$c_rate")
echo " Swift/C: $r ($(atleast "$r" 0.5)); JSONEncoder/C: $(ratio "$codable_rate" "$c_rate")"
echo "== billing done in $((SECONDS - started_at)) s"
