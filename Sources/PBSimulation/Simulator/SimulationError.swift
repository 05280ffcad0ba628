/// Everything that can stop a simulation before its first run.
///
/// Scenario files are checked by the loader; these are the problems only the simulator can see: a
/// rule that does not apply to the ballots, envelopes no selection can meet, or a real election whose
/// file cannot be read or does not match the scenario's needs assessment.
///
/// ```swift
/// do {
///     let result = try Simulator(scenario: scenario, file: path).run(runs: 100, seed: 1)
/// } catch {
///     print(error)   // e.g. Scenarios/x.yaml:31: election.needs.helth: unknown category or target group 'helth' ...
/// }
/// ```
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The co-produced rule is not defined for the kind of ballots (e.g. `mes-add1` on cumulative ballots).
    case ruleNotApplicable(file: String, rule: String, ballot: String)
    /// No selection meets the budget and every envelope.
    case infeasible(file: String)
    /// The election's `.pb` file could not be read or laid out.
    case election(file: String, message: String)
    /// Names in the scenario's `election.needs` that are neither a category nor a target group of the
    /// election; one message per name, each `file[:line]: election.needs.<name>: …`.
    case unknownNeeds([String])
    /// The scenario has a feature the simulator cannot use here (e.g. envelopes with an election).
    case unsupported(file: String, field: String, message: String)

    /// The user's message (one problem per line).
    public var description: String {
        switch self {
        case .ruleNotApplicable(let file, let rule, let ballot):
            "\(Self.prefix(file))regimes.co-produced.rule: '\(rule)' does not apply to \(ballot) ballots "
                + "(Add1 and Phragmén are defined for approval ballots; use greedy, mes or max-welfare)"
        case .infeasible(let file):
            "\(Self.prefix(file))budget.envelopes: no selection of proposals meets the budget and every envelope"
        case .election(let file, let message):
            "\(Self.prefix(file))election.file: \(message)"
        case .unknownNeeds(let lines):
            lines.joined(separator: "\n")
        case .unsupported(let file, let field, let message):
            "\(Self.prefix(file))\(field): \(message)"
        }
    }

    static func prefix(_ file: String) -> String {
        file.isEmpty ? "" : "\(file): "
    }
}
