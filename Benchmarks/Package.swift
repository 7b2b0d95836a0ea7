// swift-tools-version: 6.1
import PackageDescription

/// The swansim benchmarks, a package of their own as swift-nio keeps them, so that the main
/// package and `make test` never build ordo-one/benchmark.
///
/// `MallocInterposer` is named explicitly: it gives the malloc counts the thresholds gate on,
/// and naming the trait turns the default `RuntimeInterposer` off, whose package is not mirrored here.
let package = Package(
    name: "swansim-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // `name:` because a path dependency's identity is its folder's name, which differs between clones.
        .package(name: "swansim", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // The counters the benchmark library reads, read here too for the allocations-per-entry metric.
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
    ],
    targets: [
        .executableTarget(
            name: "NetworkYear",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SwanRunner", package: "swansim"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "Benchmarks/NetworkYear",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
