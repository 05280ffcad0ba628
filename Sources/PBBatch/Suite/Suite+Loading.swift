import Foundation
import PBModel
import PBScenario
internal import Yams

extension Suite {
    /// Reads and checks the suite file at `path`.
    ///
    /// Relative paths and globs in the file are resolved against the file's folder; every pattern must
    /// match a file and every scenario must exist. All problems are reported at once, ordered by line:
    ///
    /// ```
    /// Benchmarks/suites/x.yaml:4: elections[0].rules[1]: unknown value 'mes-cots' (did you mean 'mes-cost'?)
    /// ```
    ///
    /// - Parameter path: The suite file.
    /// - Returns: The suite.
    /// - Throws: ``BatchError/suiteNotFound(path:)``, ``BatchError/unreadable(path:reason:)`` or
    ///   ``BatchError/invalidSuite(_:)``.
    public static func load(path: String) throws(BatchError) -> Suite {
        let yaml: String
        do {
            yaml = try YAMLText.read(path: path)
        } catch {
            if FileIdentity(path: path) == nil { throw .suiteNotFound(path: path) }
            throw .unreadable(path: path, reason: error.message)
        }
        return try parse(yaml: yaml, file: path)
    }

    /// Parses and checks a suite from YAML text; paths are resolved against the folder of `file`.
    ///
    /// - Parameters:
    ///   - yaml: The suite's text.
    ///   - file: The file name for messages and relative paths.
    /// - Returns: The suite.
    /// - Throws: ``BatchError/invalidSuite(_:)`` with every problem found.
    public static func parse(yaml: String, file: String) throws(BatchError) -> Suite {
        let root: Node?
        do {
            try YAMLText.checkKeys(yaml)
            root = try Yams.compose(yaml: yaml)
            if let root { try YAMLText.checkExpansion(root) }
        } catch let refusal as YAMLText.Refusal {
            throw .invalidSuite([SuiteIssue(file: file, line: refusal.line, path: "", message: refusal.message)])
        } catch let error as YamlError {
            throw .invalidSuite([syntaxIssue(error, file: file)])
        } catch {
            throw .invalidSuite([SuiteIssue(file: file, line: nil, path: "", message: "\(error)")])
        }
        guard let root else {
            throw .invalidSuite([SuiteIssue(file: file, line: nil, path: "", message: "the file is empty")])
        }
        let reader = SuiteReader(file: file)
        let suite = reader.read(root)
        guard reader.issues.isEmpty else {
            let ordered = reader.issues.enumerated().sorted { a, b in
                let lineA = a.element.line ?? .max
                let lineB = b.element.line ?? .max
                return lineA != lineB ? lineA < lineB : a.offset < b.offset
            }
            throw .invalidSuite(SuiteIssue.capped(ordered.map(\.element)))
        }
        return suite
    }

    private static func syntaxIssue(_ error: YamlError, file: String) -> SuiteIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return SuiteIssue(
                file: file, line: mark.line, column: mark.column, path: "", message: "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return SuiteIssue(
                file: file, line: context.mark.line, column: context.mark.column, path: "",
                message: "duplicate key \(keys) in the same mapping")
        default:
            return SuiteIssue(file: file, line: nil, path: "", message: "YAML error: \(error)")
        }
    }
}
