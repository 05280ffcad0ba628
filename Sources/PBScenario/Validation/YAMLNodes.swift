import Foundation
package import PBModel
package import Yams

/// How YAML nodes read in error messages, shared by the scenario reader and PBBatch's suite reader.
package enum YAMLNodes {
    /// How a node reads in a message: `'abc'`, `nothing`, `a mapping`, `a list` or `an alias`.
    package static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): isNull(scalar) ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Whether a plain scalar spells YAML's null (empty, `~` or `null`).
    package static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

extension ScenarioIssue {
    /// At most this many problems are listed for one file (as for `.pb` files).
    package static let maxListed = 50

    /// `issues` by line (those without one last), then in the order found.
    package static func ordered(_ issues: [ScenarioIssue]) -> [ScenarioIssue] {
        issues.enumerated()
            .sorted { a, b in
                let lineA = a.element.line ?? .max
                let lineB = b.element.line ?? .max
                return lineA != lineB ? lineA < lineB : a.offset < b.offset
            }
            .map(\.element)
    }

    /// The first ``maxListed`` of `issues`, and a last line saying how many more there are.
    package static func capped(_ issues: [ScenarioIssue]) -> [ScenarioIssue] {
        guard issues.count > maxListed, let first = issues.first else { return issues }
        return Array(issues.prefix(maxListed)) + [
            ScenarioIssue(
                file: first.file, line: nil, path: "",
                message: "\(issues.count - maxListed) more problems not listed (only the first \(maxListed) are)")
        ]
    }
}

/// Reading a YAML file (a scenario or a suite) safely: bounded in size, and bounded in what aliases
/// can expand to, so that no small file can make pbsim hang or fill memory.
package enum YAMLText {
    /// The largest YAML file read (16 MiB): scenarios and suites are a few kilobytes; the large data
    /// (ballots) lives in `.pb` files.
    package static let maxFileBytes = 16 << 20
    /// The most nodes a document may have once its aliases are expanded (1,000,000): far beyond any
    /// real scenario, far below what a "billion laughs" file expands to.
    package static let maxExpandedNodes = 1_000_000

    /// Why a YAML text is refused before or after composing it.
    package struct Refusal: Error, Sendable {
        /// The 1-based line, when known.
        package var line: Int?
        /// What is wrong.
        package var message: String
    }

    /// Reads the file at `path` as UTF-8 text, refusing anything but a regular file of at most
    /// ``maxFileBytes``.
    ///
    /// - Throws: ``FileProblem`` with the reason (folder, FIFO, device, size, not UTF-8).
    package static func read(path: String) throws(FileProblem) -> String {
        let data = try InputFile.read(path: path, limit: maxFileBytes)
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileProblem(path: path, message: "it is not UTF-8 text")
        }
        return text
    }

    /// Refuses, before YAML composes it, a text whose mapping keys are not plain names (an alias, a
    /// list, a mapping or an explicit `?` key): Yams compares keys by their whole expanded value, so
    /// an alias of a nested alias as a key takes exponential time. Neither scenarios nor suites use
    /// such keys.
    package static func checkKeys(_ yaml: String) throws(Refusal) {
        var quote: Character?
        for (index, rawLine) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var stripped = ""
            var atNodeStart = quote == nil
            var previous: Character = " "
            for character in rawLine {
                if let open = quote {
                    if character == open { quote = nil }
                    stripped.append("_")
                    previous = "_"
                    continue
                }
                if character == "#" && (previous == " " || previous == "\t" || stripped.isEmpty) { break }
                if atNodeStart && (character == "'" || character == "\"") {
                    quote = character
                    stripped.append("_")
                    previous = "_"
                    atNodeStart = false
                    continue
                }
                if atNodeStart && character == "?" {
                    throw Refusal(
                        line: index + 1, message: "explicit '?' mapping keys are not supported; write 'name: value'")
                }
                stripped.append(character)
                if character == " " || character == "\t" {
                    // Whitespace keeps a node start open (`- `, `: ` then spaces).
                } else {
                    atNodeStart = "-:[{,".contains(character)
                }
                previous = character
            }
            if let line = complexKey(in: stripped) {
                throw Refusal(line: index + 1, message: line)
            }
        }
    }

    /// What is wrong with a key in a line whose quoted parts and comment are blanked, or `nil`.
    private static func complexKey(in line: String) -> String? {
        let characters = Array(line)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "*" && (i == 0 || " \t[{,:-".contains(characters[i - 1])) {
                var j = i + 1
                while j < characters.count,
                    characters[j].isLetter || characters[j].isNumber || "-_".contains(characters[j])
                { j += 1 }
                var k = j
                while k < characters.count, characters[k] == " " || characters[k] == "\t" { k += 1 }
                if j > i + 1, k < characters.count, characters[k] == ":",
                    k + 1 == characters.count || " \t".contains(characters[k + 1])
                {
                    return "an alias (*\(String(characters[(i + 1)..<j]))) cannot be a mapping key"
                }
                i = j
                continue
            }
            if c == "]" || c == "}" {
                var k = i + 1
                while k < characters.count, characters[k] == " " || characters[k] == "\t" { k += 1 }
                if k < characters.count, characters[k] == ":",
                    k + 1 == characters.count || " \t".contains(characters[k + 1])
                {
                    return "a list or a mapping cannot be a mapping key"
                }
            }
            i += 1
        }
        return nil
    }

    /// Counts the nodes of `root` with every alias expanded, stopping past ``maxExpandedNodes``.
    ///
    /// - Throws: a ``Refusal`` naming the limit when the document expands beyond it.
    package static func checkExpansion(_ root: Node) throws(Refusal) {
        var count = 0
        var stack: [Node] = [root]
        while let node = stack.popLast() {
            count += 1
            if count > maxExpandedNodes {
                throw Refusal(
                    line: nil,
                    message:
                        "the document expands to more than \(maxExpandedNodes) nodes through its aliases (*name); "
                        + "write the values out or use fewer nested aliases")
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping { stack.append(key); stack.append(value) }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence)
            case .scalar, .alias:
                break
            }
        }
    }
}
