public import ArgumentParser
public import PBRules

extension RuleName: ExpressibleByArgument {}

extension TieBreaking: ExpressibleByArgument {}

extension RuleSelection: ExpressibleByArgument {
    /// Reads `all` or rule names separated by commas.
    public init?(argument: String) {
        guard let selection = try? RuleSelection(parsing: argument) else { return nil }
        self = selection
    }

    /// `all` and every rule's name, for help and completions.
    public static var allValueStrings: [String] { ["all"] + RuleName.allValueStrings }
}

/// Reads a `--rules` option's text, with the option's name in the message.
///
/// - Throws: `ValidationError` naming the first word that is not a rule.
func parseRules(_ text: String, option: String = "--rules") throws -> RuleSelection {
    do {
        return try RuleSelection(parsing: text)
    } catch {
        throw ValidationError("\(option): \(error.description)")
    }
}
