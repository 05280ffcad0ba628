// swift-tools-version: 6.1
import PackageDescription

import class Foundation.ProcessInfo
import struct Foundation.URL

// pbsim's benchmarks: a separate package, so that the library never depends on the benchmark tool
// (as apple/swift-nio's Benchmarks/ does). Run `make bench`, or from this folder:
//   swift package --allow-writing-to-package-directory benchmark
//
// `.package(path: "../")` names the parent package by its folder's name (a checkout may be called
// `pbsim`, `main` or anything else), so the identity is computed from the path.
let pbsim = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "pbsim-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../"),
        // Tools 6.1 and the explicit trait list are required here: the default traits pull
        // swift-runtime-interposer, which is not mirrored on this machine kind.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Where the pabulib files are, shared by the suites.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PBModel", package: pbsim),
                .product(name: "PBRules", package: pbsim),
            ],
            path: "Sources/BenchmarkSupport"
        ),
        .executableTarget(
            name: "Parsing",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PBModel", package: pbsim),
            ],
            path: "Benchmarks/Parsing",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Rules",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PBModel", package: pbsim),
                .product(name: "PBRules", package: pbsim),
            ],
            path: "Benchmarks/Rules",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Simulation",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PBScenario", package: pbsim),
                .product(name: "PBSimulation", package: pbsim),
            ],
            path: "Benchmarks/Simulation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Analysis",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PBAnalysis", package: pbsim),
                .product(name: "PBModel", package: pbsim),
                .product(name: "PBRules", package: pbsim),
            ],
            path: "Benchmarks/Analysis",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
