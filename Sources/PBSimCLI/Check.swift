import ArgumentParser
import PBCheck
import PBReports

/// `pbsim check FILE.pb ...`: validate pabulib files as pabulib-checker 1.0.8 does.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate pabulib .pb files as pabulib-checker 1.0.8 does.",
        discussion: """
            Reports every problem the community's checker reports, under the same check names, as \
            errors or warnings, with the line where there is one; and what the checker misses or \
            crashes on (see the README). Exit status 0 when no file has an error, 1 otherwise.
            """
    )

    @Argument(help: "One or more pabulib .pb files.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if format == .csv { throw ValidationError("check writes text or json") }
        if files.isEmpty { throw ValidationError("give at least one .pb file") }
    }

    func run() throws {
        let reports = files.map { PabulibCheck.check(path: $0) }
        switch format {
        case .json:
            let values = reports.map(CheckReportRendering.json)
            emit((values.count == 1 ? values[0] : .array(values)).text() + "\n")
        default:
            emit(reports.map(CheckReportRendering.text).joined(separator: "\n"))
        }
        if reports.contains(where: { !$0.isValid }) { throw ExitCode(1) }
    }
}
