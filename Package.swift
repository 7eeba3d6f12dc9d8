// swift-tools-version:6.0
import PackageDescription

// Dependencies point inward: CModbus -> Modbus (transport); MeterKit is the pure domain core;
// DeviceProfiles reads profile files into MeterKit types; MeterAccess reads meters through
// profiles over a Modbus client; executables sit on top. See docs/architecture.md.
let package = Package(
    name: "metergate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "metergate", targets: ["metergate"]),
        .executable(name: "meter-sim", targets: ["meter-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"4.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(
            name: "CModbus",
            pkgConfig: "libmodbus",
            providers: [.apt(["libmodbus-dev"])]
        ),
        .target(name: "MeterKit"),
        // The interval engine: derivation, VEE, estimation, revisions. Pure like MeterKit (no I/O,
        // no clock of its own); the collector wires it to the store.
        .target(name: "Intervals", dependencies: ["MeterKit"]),
        // Export formats (interval CSV, Green Button ESPI XML, Texas LSE, billing CSV): pure encoders
        // that return text; forwarding maps store rows to their input and moves the bytes.
        .target(name: "Exports", dependencies: ["Intervals", "MeterKit", "Billing"]),
        // Billing determinants per tariff and cycle (bands, blocks, demand, load factor). Pure like
        // Intervals: tariffs and intervals come in as values, determinants go out.
        .target(name: "Billing", dependencies: ["MeterKit", "Intervals"]),
        // Line-exact reading of hand-written YAML (profiles, the gateway configuration).
        .target(name: "YAMLSupport", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "DeviceProfiles",
            dependencies: ["MeterKit", "YAMLSupport", .product(name: "Yams", package: "Yams")]
        ),
        // Reads tariffs/*.yaml into Billing's Tariff values, with file:line errors.
        .target(
            name: "TariffFiles",
            dependencies: ["Billing", "YAMLSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Modbus", dependencies: ["CModbus"]),
        .target(name: "MeterAccess", dependencies: ["MeterKit", "Modbus"]),
        // The gateway's own configuration file (gateway.yaml), checked with file:line messages.
        .target(
            name: "GatewayConfig",
            dependencies: ["MeterKit", "Intervals", "Modbus", "DeviceProfiles", "YAMLSupport", "Billing", "TariffFiles"]
        ),
        // The gateway's durable SQLite store (WAL, one DatabasePool, named migrations). GRDBSQLite
        // is GRDB's own sqlite3 module: the poll-cycle insert binds through it directly.
        .target(
            name: "Store",
            dependencies: [
                "MeterKit", "CSQLiteSettings", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // sqlite3_config, which Swift cannot call (variadic): the store's process-wide settings.
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The load-research warehouse: PostgreSQL over postgres-nio (schema, bulk load, metadata).
        .target(
            name: "Warehouse",
            dependencies: [.product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log")]
        ),
        // The operator's status page: meters, a load curve (SVG) and destinations as one
        // self-contained HTML document, rendered from the store; no server code of its own.
        .target(name: "StatusPage", dependencies: ["Store", "Intervals", "MeterKit"]),
        // The collection service: one poller per bus into the store, under swift-service-lifecycle.
        .target(
            name: "Collector",
            dependencies: [
                "MeterKit", "Intervals", "Modbus", "MeterAccess", "Store", "GatewayConfig",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // The headend interface: the HTTP API (JSON and CSV over the store), bearer tokens with
        // roles, /metrics in Prometheus text and /health, as a Service next to the collector.
        .target(
            name: "Headend",
            dependencies: [
                "MeterKit", "Intervals", "Store", "GatewayConfig", "Exports", "MeterAccess", "Collector", "StatusPage",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Store-and-forward: an outbox per destination over the store's tables (cursor, pending
        // batch, back-off, dead letter) and the destinations themselves (files, HTTP).
        .target(
            name: "Forwarding",
            dependencies: [
                "MeterKit", "Intervals", "Store", "GatewayConfig", "Collector", "Exports", "Billing", "Warehouse",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the executables share: the one-line error exit and serial line options.
        .target(name: "CommandLineSupport", dependencies: ["Modbus", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(
            name: "MeterSim",
            dependencies: ["MeterKit", "Modbus"],
            path: "firmware-sim/Sources/MeterSim"
        ),
        .executableTarget(
            name: "meter-sim",
            dependencies: [
                "MeterKit", "MeterSim", "DeviceProfiles", "Modbus", "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "firmware-sim/Sources/meter-sim"
        ),
        .executableTarget(
            name: "metergate",
            dependencies: [
                "MeterKit", "Intervals", "DeviceProfiles", "Modbus", "MeterAccess", "CommandLineSupport", "GatewayConfig", "Store", "Collector", "Forwarding", "Exports", "Billing",
                "StatusPage", "Headend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"), .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ],
            // The release gateway is linked to stay small in memory (docs/performance.md,
            // "Collector"): relative relocations packed (RELR, glibc 2.36), which are otherwise
            // megabytes read at every start, and no symbol table exported for dynamic lookup,
            // which nothing here needs. `make gateway` adds the statically linked Swift runtime.
            linkerSettings: [
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                              "-Xlinker", "--no-export-dynamic"],
                             .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .executableTarget(name: "metergate-bench", dependencies: ["Modbus"], path: "bench/Sources/metergate-bench"),
        .executableTarget(name: "store-bench", dependencies: ["Store"], path: "bench/Sources/store-bench"),
        // The collector benchmark (bench/collector.sh): CollectorService cycles against meter-sim.
        .executableTarget(
            name: "collector-bench",
            dependencies: [
                "Collector", "GatewayConfig", "Store", "MeterKit", "MeterAccess",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/Sources/collector-bench"
        ),
        // The interval engine benchmark (bench/intervals.sh): a day of a synthetic fleet.
        // The warehouse load benchmark (bench/warehouse.sh): WarehouseLoader.load against plain COPY.
        .executableTarget(name: "warehouse-bench", dependencies: ["Warehouse"], path: "bench/Sources/warehouse-bench"),
        // The billing document benchmark (bench/billing.sh): documents/s against snprintf in C.
        .executableTarget(name: "billing-bench", dependencies: ["Billing", "Forwarding", "Store"], path: "bench/Sources/billing-bench"),
        // The backlog drain benchmark (bench/drain.sh): Outbox + WarehouseDestination from a filled store.
        .executableTarget(
            name: "drain-bench",
            dependencies: ["Forwarding", "Store", "Warehouse", "Collector", .product(name: "Logging", package: "swift-log")],
            path: "bench/Sources/drain-bench"
        ),
        // The API benchmark (bench/api.sh): a day of one meter through the HTTP API against plain SQLite.
        .executableTarget(
            name: "api-bench",
            dependencies: [
                "Headend", "Store", "GatewayConfig", .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/Sources/api-bench"
        ),
        .executableTarget(name: "interval-bench", dependencies: ["Intervals", "MeterKit"], path: "bench/Sources/interval-bench"),
        // A writer that StoreTests SIGKILLs mid-transaction.
        .executableTarget(name: "store-crash-helper", dependencies: ["Store"], path: "Tests/StoreCrashHelper"),
        // A real HTTP billing system for the forwarding tests: applies each document key once.
        .executableTarget(
            name: "billing-receiver",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/BillingReceiver"
        ),
        // Helpers for tests that run real parts: socat pty pairs, child processes, repo paths.
        // PageServer serves a page over real HTTP (Hummingbird) for the headless browser test.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "MeterKitTests", dependencies: ["MeterKit"]),
        .testTarget(name: "IntervalsTests", dependencies: ["Intervals", "MeterKit"]),
        .testTarget(name: "ExportsTests", dependencies: ["Exports", "Intervals", "MeterKit", "Billing"]),
        .testTarget(name: "CollectorTests", dependencies: ["Collector", "GatewayConfig", "Intervals", "Store", "TestSupport"]),
        .testTarget(
            name: "ForwardingTests",
            dependencies: [
                "Forwarding", "Store", "GatewayConfig", "Collector", "MeterKit", "Billing", "Warehouse", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The API over real HTTP on loopback against a real store: endpoints, roles, errors, TLS, schemathesis.
        .testTarget(
            name: "HeadendTests",
            dependencies: [
                "Headend", "Store", "GatewayConfig", "MeterKit", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "DeviceProfilesTests", dependencies: ["DeviceProfiles"]),
        // The page's model from a real store, the chart's geometry by hand, and the page in headless Chromium.
        .testTarget(
            name: "StatusPageTests",
            dependencies: [
                "StatusPage", "Store", "Intervals", "MeterKit", "TestSupport", "Headend", "GatewayConfig",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The determinants by hand-computed months, and the shipped tariffs/ files.
        .testTarget(name: "BillingTests", dependencies: ["Billing", "TariffFiles", "Intervals", "MeterKit", "YAMLSupport"]),
        .testTarget(name: "ModbusTests", dependencies: ["Modbus", "TestSupport"]),
        // Its CLI tests run the built metergate binary, which `swift build --build-tests` builds too.
        .testTarget(name: "GatewayConfigTests", dependencies: ["GatewayConfig", "MeterKit", "Modbus", "DeviceProfiles", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "MeterKit", "TestSupport"]),
        .testTarget(name: "WarehouseTests", dependencies: ["Warehouse", "TestSupport"]),
        .testTarget(name: "MeterSimTests", dependencies: ["MeterSim", "MeterKit", "DeviceProfiles"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["MeterKit", "Intervals", "DeviceProfiles", "Modbus", "MeterAccess", "MeterSim", "Store", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
