// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "pbsim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pbsim", targets: ["pbsim"]),
        .library(name: "PBModel", targets: ["PBModel"]),
        .library(name: "PBRules", targets: ["PBRules"]),
        .library(name: "PBScenario", targets: ["PBScenario"]),
        .library(name: "PBSimulation", targets: ["PBSimulation"]),
        .library(name: "PBSimCLI", targets: ["PBSimCLI"]),
        .library(name: "PBBatch", targets: ["PBBatch"]),
        .library(name: "PBWorkbench", targets: ["PBWorkbench"]),
        .library(name: "PBCheck", targets: ["PBCheck"]),
        .library(name: "PBServer", targets: ["PBServer"]),
        .library(name: "PBAnalysis", targets: ["PBAnalysis"]),
        .library(name: "PBSession", targets: ["PBSession"]),
    ],
    dependencies: [
        // Command-line parsing (subcommands, options, help, exit codes).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // YAML scenario files, with line marks for error messages.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Arbitrary-precision integers for the exact rational fallback of the rules.
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        // SQLite (WAL, transactions) for resumable batch results.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The HTTP server of `pbsim serve` (and HummingbirdTesting for its API tests).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // ByteBuffer and Channel, which Hummingbird's API hands out.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // HTTP field names for the server's security headers.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // SHA-256 for the stable keys of batch tasks and the content hashes of their inputs.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // The server's logger (warnings only: a request log would go to the officer's terminal).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Layer 0: the C library, through a module map and a shim header.
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        // Layer 0: GLPK (linear and integer programs), for the proportionality checks.
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        // Layer 1: owned, safe Swift wrappers over GSL (the only unsafe pointers).
        .target(name: "GSL", dependencies: ["CGSL"]),
        // Layer 1: an owned, safe Swift wrapper over GLPK (the only unsafe pointers to it).
        .target(name: "GLPK", dependencies: ["CGLPK"]),
        // Layer 0: the package's shared helpers (package access only): suggestions, escaping, CSV text,
        // the bounded work queue.
        .target(name: "PBSupport"),
        // Layer 2: elections (pabulib), exact amounts, scenarios (YAML).
        .target(name: "PBModel"),
        .target(name: "PBScenario", dependencies: ["PBModel", "PBSupport", .product(name: "Yams", package: "Yams")]),
        // Layer 3: allocation rules.
        .target(name: "PBRules", dependencies: ["PBModel", .product(name: "BigInt", package: "BigInt")]),
        // Layer 4: pabulib-checker 1.0.8's checks (the ISO code tables as resources).
        .target(name: "PBCheck", dependencies: ["PBRules"], resources: [.copy("Codes/Resources")]),
        // Layer 3: outcome measures (pabutools' analysis: satisfaction, fair share, EJR/PJR, priceability).
        .target(
            name: "PBAnalysis",
            dependencies: ["PBModel", "PBRules", "GLPK", .product(name: "BigInt", package: "BigInt")]),
        // Layer 4: the timing harness of `pbsim bench` (rules over a corpus, pabutools in a subprocess).
        .target(name: "PBTiming", dependencies: ["PBModel", "PBRules"]),
        // Layer 4: the co-production simulator and analysis.
        .target(name: "PBSimulation", dependencies: ["GSL", "PBModel", "PBScenario", "PBRules", "PBSupport"]),
        // Layer 4: batch runs for researchers (suites, resumable SQLite results, shards).
        .target(
            name: "PBBatch",
            dependencies: [
                "PBModel", "PBScenario", "PBRules", "PBAnalysis", "PBSimulation", "PBSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Layer 5: the application layer every front end calls: loading, run settings, rule selection.
        .target(name: "PBWorkbench", dependencies: ["PBModel", "PBScenario", "PBRules", "PBSimulation"]),
        // Layer 5: panel sessions (members vote from their phones): the ballot formats and their checks,
        // the session store in SQLite, the count with the workbench's rules, the pabulib export.
        .target(
            name: "PBSession",
            dependencies: [
                "PBModel", "PBScenario", "PBRules", "PBAnalysis", "PBSimulation", "PBWorkbench", "PBCheck", "PBSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Layer 5: renderers (text, JSON, CSV, HTML).
        .target(
            name: "PBReports",
            dependencies: [
                "PBModel", "PBRules", "PBAnalysis", "PBScenario", "PBSimulation", "PBWorkbench", "PBCheck", "PBSession",
                "PBSupport", "PBTiming",
            ]
        ),
        // Layer 6: the web front end of `pbsim serve` (JSON API and the static pages in Pages/).
        .target(
            name: "PBServer",
            dependencies: [
                "PBModel", "PBScenario", "PBRules", "PBAnalysis", "PBSimulation", "PBReports", "PBWorkbench",
                "PBSession",
                "PBSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Pages")]
        ),
        // Layer 6: the command line, as a library so tests can parse it.
        .target(
            name: "PBSimCLI",
            dependencies: [
                "PBModel", "PBScenario", "PBRules", "PBAnalysis", "PBSimulation", "PBReports", "PBBatch", "PBWorkbench",
                "PBCheck", "PBServer", "PBSession", "PBTiming",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "pbsim",
            dependencies: ["PBSimCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // The helpers the tests share (the built `pbsim` binary).
        .target(name: "PBTestSupport", path: "Tests/PBTestSupport"),
        .testTarget(name: "GSLTests", dependencies: ["GSL"]),
        .testTarget(name: "PBSupportTests", dependencies: ["PBSupport"]),
        .testTarget(name: "PBModelTests", dependencies: ["PBModel"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PBScenarioTests", dependencies: ["PBScenario", "PBSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PBRulesTests", dependencies: ["PBRules", "PBModel"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PBSimulationTests",
            dependencies: ["PBSimulation", "PBScenario", "PBRules", "PBAnalysis", "PBModel", "GSL", "PBTestSupport"]),
        .testTarget(
            name: "PBBatchTests",
            dependencies: [
                "PBBatch", "PBRules", "PBSimCLI", "PBSupport", "PBTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "PBReportsTests",
            dependencies: [
                "PBReports", "PBSimCLI", "PBWorkbench", "PBAnalysis", "PBModel", "PBRules", "PBScenario",
                "PBSimulation", "PBTiming",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Read through #filePath: the QR codes of segno and their generator.
            exclude: ["Fixtures"]
        ),
        // Runs the built `pbsim` (PBTestSupport finds it) and reads scenarios.
        .testTarget(name: "PBSimCLITests", dependencies: ["PBScenario", "PBTestSupport"]),
        .testTarget(name: "PBCheckTests", dependencies: ["PBCheck"]),
        .testTarget(name: "PBSessionTests", dependencies: ["PBSession", "PBModel", "PBRules", "PBWorkbench"]),
        .testTarget(
            name: "PBServerTests",
            dependencies: [
                "PBServer", "PBScenario", "PBSimulation", "PBSession", "PBCheck", "PBTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "PBAnalysisTests", dependencies: ["PBAnalysis", "PBRules", "PBModel", "GLPK", "PBTestSupport"]),
    ]
)

// Upcoming language features, on every non-system target:
// SE-0335 ExistentialAny (https://github.com/swiftlang/swift-evolution/blob/main/proposals/0335-existential-any.md)
// SE-0444 MemberImportVisibility (https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md)
// SE-0409 InternalImportsByDefault (https://github.com/swiftlang/swift-evolution/blob/main/proposals/0409-access-level-on-imports.md)
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
