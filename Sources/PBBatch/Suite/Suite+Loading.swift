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
        let root: Node
        do {
            root = try YAMLText.document(yaml, file: file)
        } catch {
            throw .invalidSuite([error.issue])
        }
        let reader = SuiteReader(file: file)
        let suite = reader.read(root)
        guard reader.issues.isEmpty else { throw .invalidSuite(SuiteIssue.capped(SuiteIssue.ordered(reader.issues))) }
        return suite
    }
}
