package import Yams

extension YAMLText {
    /// What stops a YAML text from being read as a document: one issue, with its line and column when
    /// known.
    package struct DocumentProblem: Error, Sendable {
        /// The issue, for the file being read.
        package var issue: ScenarioIssue
    }

    /// The document of a scenario or suite file: composed by Yams after ``checkKeys(_:)``, then
    /// checked by ``checkExpansion(_:)``.
    ///
    /// - Parameters:
    ///   - yaml: The file's text.
    ///   - file: The file's name, for the issue.
    /// - Returns: The root node.
    /// - Throws: ``DocumentProblem`` for a refused text, a YAML syntax error (with its line, column and
    ///   what was being read) or an empty file.
    package static func document(_ yaml: String, file: String) throws(DocumentProblem) -> Node {
        func problem(_ message: String, line: Int? = nil, column: Int? = nil) -> DocumentProblem {
            DocumentProblem(issue: ScenarioIssue(file: file, line: line, column: column, path: "", message: message))
        }
        let root: Node?
        do {
            try checkKeys(yaml)
            root = try Yams.compose(yaml: yaml)
            if let root { try checkExpansion(root) }
        } catch let refusal as Refusal {
            throw problem(refusal.message, line: refusal.line)
        } catch let error as YamlError {
            let (mark, message) = syntaxError(error, yaml: yaml)
            throw problem(message, line: mark?.line, column: mark?.column)
        } catch {
            throw problem("\(error)")
        }
        guard let root else { throw problem("the file is empty") }
        return root
    }

    /// A Yams error as a message, with the line and column of the problem.
    private static func syntaxError(_ error: YamlError, yaml: String) -> (
        mark: (line: Int, column: Int)?, message: String
    ) {
        func context(_ context: YamlError.Context?) -> String {
            guard let context else { return "" }
            return " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case .scanner(let ctx, let problem, let mark, _),
            .parser(let ctx, let problem, let mark, _),
            .composer(let ctx, let problem, let mark, _):
            return ((mark.line, mark.column), "YAML syntax error: \(problem)" + context(ctx))
        case .reader(let problem, let offset, _, _):
            return (offset.flatMap { position(ofCharacter: $0, in: yaml) }, "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let ctx):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ((ctx.mark.line, ctx.mark.column), "duplicate key \(keys) in the same mapping")
        default:
            return (nil, "YAML error: \(error)")
        }
    }

    /// The 1-based line and column of the character at `offset`.
    private static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int)? {
        guard offset >= 0, offset <= text.count else { return nil }
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
