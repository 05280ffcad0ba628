import ArgumentParser
import Foundation

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
