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
        StandardStreams.write(string, error: true)
    }
}

/// Writes `text` to standard output in one piece.
func emit(_ text: String) {
    StandardStreams.write(text, error: false)
}

/// Writes to standard output and error; a write that fails (`> /dev/full`, a closed descriptor) ends
/// the command with status 1 and one message, instead of trapping.
enum StandardStreams {
    static func write(_ text: String, error: Bool) {
        let handle = error ? FileHandle.standardError : FileHandle.standardOutput
        do {
            try handle.write(contentsOf: Data(sanitized(text).utf8))
        } catch let failure {
            let reason = OutputFile.reason(of: failure)
            if !error {
                // Best effort: standard error may work when standard output does not.
                try? FileHandle.standardError.write(
                    contentsOf: Data("error: cannot write to standard output: \(reason)\n".utf8))
            }
            exit(1)
        }
    }
}

extension StandardStreams {
    /// `text` without terminal control sequences: a name in a file (`\u{1B}[2J`, a title change) must
    /// not reach the terminal as a command. ESC shows as `␛`, other control characters (but tab, line
    /// feed and carriage return) and C1 controls as `�`; the rest is unchanged.
    static func sanitized(_ text: String) -> String {
        func isControl(_ v: UInt32) -> Bool {
            (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F || (0x80...0x9F).contains(v)
        }
        guard text.unicodeScalars.contains(where: { isControl($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0x1B {
                out.append("\u{241B}")
            } else if isControl(scalar.value) {
                out.append("\u{FFFD}")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// Reads a `.pb` file, prints its warnings on stderr and lays it out for the rules; any problem
/// becomes a clear message naming the file and a non-zero exit. A `num_votes`/`num_projects` that
/// disagrees with the file is such a problem unless `lenient` (then a warning).
///
/// With `weighting`, the voters are weighted (a problem with the weights is such a problem too) and
/// what the weighting could not apply is a warning.
func loadElection(_ path: String, lenient: Bool, weighting: VoterWeighting? = nil) throws -> ElectionInput {
    let input: ElectionInput
    do {
        input = try ElectionInput.load(path: path, counts: lenient ? .lenient : .mustMatch, weighting: weighting)
    } catch {
        throw failure(error.description)
    }
    for w in input.warnings { warning(w.description) }
    for w in input.weightingWarnings { warning(w) }
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

/// The terminal's width for text output: `COLUMNS` when set, else 100 (kept within 60…200).
func terminalWidth() -> Int {
    let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) } ?? 100
    return min(200, max(60, columns))
}
