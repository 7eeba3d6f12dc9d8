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
    ],
    targets: [
        .systemLibrary(
            name: "CModbus",
            pkgConfig: "libmodbus",
            providers: [.apt(["libmodbus-dev"])]
        ),
        .target(name: "MeterKit"),
        // Line-exact reading of hand-written YAML (profiles, the gateway configuration).
        .target(name: "YAMLSupport", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "DeviceProfiles",
            dependencies: ["MeterKit", "YAMLSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Modbus", dependencies: ["CModbus"]),
        .target(name: "MeterAccess", dependencies: ["MeterKit", "Modbus"]),
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
                "MeterKit", "DeviceProfiles", "Modbus", "MeterAccess", "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "metergate-bench", dependencies: ["Modbus"], path: "bench/Sources/metergate-bench"),
        // Helpers for tests that run real parts: socat pty pairs, child processes, repo paths.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MeterKitTests", dependencies: ["MeterKit"]),
        .testTarget(name: "DeviceProfilesTests", dependencies: ["DeviceProfiles"]),
        .testTarget(name: "ModbusTests", dependencies: ["Modbus", "TestSupport"]),
        .testTarget(name: "MeterSimTests", dependencies: ["MeterSim", "MeterKit", "DeviceProfiles"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["MeterKit", "DeviceProfiles", "Modbus", "MeterAccess", "MeterSim", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
