import Foundation

/// The built `pbsim` executable, for the tests that run it as a child process (bad input, kills,
/// Slurm arrays, the API compared with the command line): the one next to the test bundle (`swift test`
/// runs `.build/<configuration>/pbsimPackageTests.xctest`), else the newest one under the package's
/// build folders.
package enum PBSimBinary {
    /// The package's root folder.
    package static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The path of the built `pbsim`, or `nil` when none is built.
    package static var path: String? {
        let fm = FileManager.default
        var candidates: [String] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundle.appendingPathComponent("pbsim").path)
        }
        candidates.append(
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pbsim")
                .path)
        if let first = candidates.first(where: { fm.isExecutableFile(atPath: $0) }) { return first }
        var newest: (path: String, date: Date)?
        for folder in (try? fm.contentsOfDirectory(atPath: packageRoot)) ?? [] where folder.hasPrefix(".build") {
            for configuration in ["release", "debug"] {
                let path = "\(packageRoot)/\(folder)/\(configuration)/pbsim"
                guard fm.isExecutableFile(atPath: path),
                    let date = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date
                else { continue }
                if newest == nil || date > newest!.date { newest = (path, date) }
            }
        }
        return newest?.path
    }

    /// A message for a test that needs the binary and finds none.
    package static let missing = "no built pbsim next to the tests or under .build*/; run swift build first"
}
