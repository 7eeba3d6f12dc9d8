# The two commands the README gives: `make demo` and `make test`. Each installs what it
# needs (scripts/ensure-deps.sh) and builds first.
SWIFT ?= swift

.PHONY: all deps build gateway test demo bench bench-store bench-collector bench-intervals bench-warehouse bench-billing bench-drain bench-api clean

all: build

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# The gateway as installed on a device: one release executable with the Swift runtime and
# Foundation linked in (no toolchain on the device; 10 MB less resident, docs/performance.md).
GATEWAY_SCRATCH ?= .build-static
gateway: deps
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(GATEWAY_SCRATCH) --product metergate
	@echo "built $(GATEWAY_SCRATCH)/release/metergate"

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
