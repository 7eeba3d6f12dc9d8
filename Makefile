# The two commands the README gives: `make demo` and `make test`. Each installs what it
# needs (scripts/ensure-deps.sh) and builds first.
SWIFT ?= swift

.PHONY: all deps build test demo bench bench-store bench-collector bench-intervals bench-warehouse bench-billing bench-drain bench-api clean

all: build

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# Two test processes: the integration tests drive real processes in accelerated time and
# block their threads while simulated time passes; with the rest of the suite beside them in
# one process, a 2-core machine's two pool threads could both be waiting there while the
# HTTP tests time out, and CPU-heavy tests (schemathesis, Chromium) made cycles overrun.
test: build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip IntegrationTests
	$(SWIFT) test --skip-build --filter IntegrationTests

demo: build
	@scripts/demo.sh

bench: deps
	@bench/run.sh

bench-store: deps
	@bench/store.sh

bench-collector: deps
	@bench/collector.sh

bench-intervals: deps
	@bench/intervals.sh

bench-warehouse: deps
	@bench/warehouse.sh

bench-billing: deps
	@bench/billing.sh

bench-drain: deps
	@bench/drain.sh

bench-api: deps
	@bench/api.sh

clean:
	rm -rf .build
