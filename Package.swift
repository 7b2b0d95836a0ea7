// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// swansim: a deterministic simulator of Swan Chain's collateral ledger.
///
/// Modules, in the direction data flows (docs/ARCHITECTURE.md):
/// - `SwanCore`: pure rules, money, catalog, ledger encoding and hashing interfaces.
/// - `SwanScenario`: scenario documents (JSON, YAML) to a validated, resolved scenario.
/// - `COpenSSL` / `SwanCrypto`: SHA-256 through OpenSSL's EVP interface.
/// - `SwanConcurrency`: the one family of threads and shared state (a lock-protected box, a
///   bounded queue, a joinable thread, a serial worker owning its state).
/// - `SwanTables`: the rows a run writes, as plain values, their columns declared once, and their CSV lines.
/// - `SwanChecker`: the independent checker: it replays a ledger and derives invariants, breaches,
///   the daily and run-level rows and summary.json.
/// - `SwanStore`: the SQLite ledger database (GRDB).
/// - `SwanCharts`: inline SVG charts and the page they sit in. Pure.
/// - `SwanReport`: the HTML report of a run or a sweep (`swansim report`), from the files they wrote.
/// - `SwanRunner`: one run end to end, `verify` and `bench`: the I/O wiring.
/// - `swansim`: the command line; it parses, wires and prints.
/// Release builds of the modules on the run's hot path skip the dynamic exclusivity checks
/// (docs/DECISIONS.md): debug builds, which the tests run, keep them.
let hotPathSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

/// `make fuzz` (SWANSIM_FUZZ=1) adds the libFuzzer target over the scenario loader; it is built
/// only with `-sanitize=fuzzer,address`, whose runtime supplies `main`, so no other build sees it.
let fuzzTargets: [Target] = ProcessInfo.processInfo.environment["SWANSIM_FUZZ"] == nil ? [] : [
    .target(name: "SwansimFuzzMain"),
    .executableTarget(name: "swansim-fuzz", dependencies: ["SwanScenario", "SwansimFuzzMain"], path: "Sources/swansim-fuzz"),
]

let package = Package(
    name: "swansim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "swansim", targets: ["swansim"]),
        .library(name: "SwanCore", targets: ["SwanCore"]),
        .library(name: "SwanRunner", targets: ["SwanRunner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .target(
            name: "SwanCore",
            dependencies: [
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: hotPathSettings
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "SwanCrypto", dependencies: ["SwanCore", "COpenSSL"]),
        .target(name: "SwanConcurrency"),
        .target(name: "SwanScenario", dependencies: ["SwanCore", "Yams"]),
        .target(name: "SwanTables", dependencies: ["SwanCore"], swiftSettings: hotPathSettings),
        .target(name: "SwanChecker", dependencies: ["SwanCore", "SwanTables"], swiftSettings: hotPathSettings),
        .target(
            name: "SwanStore",
            dependencies: ["SwanCore", "SwanTables", "SwanConcurrency", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: hotPathSettings
        ),
        .target(name: "SwanCharts", dependencies: ["SwanCore"]),
        .target(name: "SwanReport", dependencies: ["SwanCore", "SwanStore", "SwanCharts"]),
        .target(
            name: "SwanRunner",
            dependencies: ["SwanCore", "SwanCrypto", "SwanScenario", "SwanStore", "SwanChecker", "SwanTables", "SwanCharts", "SwanReport", "SwanConcurrency"],
            swiftSettings: hotPathSettings
        ),
        .executableTarget(
            name: "swansim",
            dependencies: [
                "SwanCore", "SwanCrypto", "SwanScenario", "SwanStore", "SwanChecker", "SwanTables", "SwanReport", "SwanRunner",
                "SwanConcurrency",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "SwanTestSupport", dependencies: ["SwanCore"], path: "Tests/SwanTestSupport"),
        .testTarget(name: "SwanConcurrencyTests", dependencies: ["SwanConcurrency"]),
        .testTarget(name: "SwanCoreTests", dependencies: ["SwanCore", "SwanCrypto", "SwanTestSupport"]),
        .testTarget(name: "SwanScenarioTests", dependencies: ["SwanCore", "SwanScenario"]),
        .testTarget(
            name: "SwanEngineTests", dependencies: ["SwanCore", "SwanScenario", "SwanCrypto", "SwanChecker", "SwanTables", "SwanTestSupport"]
        ),
        .testTarget(
            name: "SwanRunnerTests",
            dependencies: ["SwanCore", "SwanRunner", "SwanStore", "SwanChecker", "SwanTables", "SwanScenario"]
        ),
        .testTarget(
            name: "SwanStoreTests",
            dependencies: ["SwanCore", "SwanCrypto", "SwanStore", "SwanChecker", "SwanTables", "SwanTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "SwanChartsTests",
            dependencies: ["SwanCharts", "SwanReport", "SwanRunner", "SwanStore", "SwanTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "SwansimCLITests",
            dependencies: ["SwanCore", "SwanCrypto", "SwanStore", "SwanTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ] + fuzzTargets
)
