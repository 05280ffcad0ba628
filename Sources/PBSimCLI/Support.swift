public import ArgumentParser
import Foundation
import PBModel
import PBWorkbench

/// Output formats shared by commands.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, csv
}

/// Prints `error: <message>` on standard error and exits with status 1 (no stack trace).
func failure(_ message: String) -> ExitCode {
    var stderr = StandardError()
    for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
        print("error: \(line)", to: &stderr)
    }
    return ExitCode(1)
}

/// Prints a note on standard error (information that is not a problem).
func note(_ message: String) {
    var stderr = StandardError()
    print("note: \(message)", to: &stderr)
}

/// Prints a warning on standard error.
func warning(_ message: String) {
    var stderr = StandardError()
    print("warning: \(message)", to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

/// Writes `text` to standard output in one piece.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Reads a `.pb` file, prints its warnings on stderr and lays it out for the rules; any problem
/// becomes a clear message naming the file and a non-zero exit. A `num_votes`/`num_projects` that
/// disagrees with the file is such a problem unless `lenient` (then a warning).
func loadElection(_ path: String, lenient: Bool) throws -> ElectionInput {
    let input: ElectionInput
    do {
        input = try ElectionInput.load(path: path, counts: lenient ? .lenient : .mustMatch)
    } catch {
        throw failure(error.description)
    }
    for w in input.warnings { warning(w.description) }
    return input
}

/// Runs `body`, turning a ``WorkbenchError`` into `error: …` lines and exit status 1.
func checked<T>(_ body: () throws(WorkbenchError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw failure(error.description)
    }
}
