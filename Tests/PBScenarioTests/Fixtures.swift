import Foundation

/// Paths of the hand-written fixtures and of the repository's shipped scenarios.
enum Fixtures {
    /// The folder of the fixtures, copied into the test bundle.
    static var folder: String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
    }

    /// The path of the fixture `name` (e.g. `small.yaml`).
    static func path(_ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    /// The repository's `Scenarios/` folder, found from this source file's path.
    static func scenariosFolder(filePath: String = #filePath) -> String {
        // Tests/PBScenarioTests/Fixtures.swift -> the repository root is three levels up.
        let root = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("Scenarios").path
    }
}

/// Whether two doubles agree up to rounding: the values under test are short sums of products of
/// decimals, each exact to about 1e-16, so 1e-12 leaves a wide margin and still catches any real error.
func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance
}
