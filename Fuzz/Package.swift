// swift-tools-version: 6.1
// libFuzzer targets for the file readers. Built by `make fuzz` with `-sanitize=fuzzer`; kept
// out of the main package because a fuzz target has no `main` of its own.
import PackageDescription
import Foundation

// SwiftPM names a path dependency after its folder; the checkout may be called anything.
let pbsimIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "pbsim-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../")],  // the package identity is the checkout folder's name; `make fuzz` passes it
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzPabulib", dependencies: ["FuzzDriver", .product(name: "PBModel", package: pbsimIdentity), .product(name: "PBRules", package: pbsimIdentity)]),
        .executableTarget(name: "FuzzScenario", dependencies: ["FuzzDriver", .product(name: "PBScenario", package: pbsimIdentity)]),
    ]
)
