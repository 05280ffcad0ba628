public import PBModel
public import PBRules

/// A real election as the workbench loads it: the pabulib file read once, with its warnings, and laid
/// out for the rules.
///
/// ```swift
/// let input = try ElectionInput.load(path: "poland_warszawa_2017_wars.pb")
/// let outcomes = try input.run(.all)
/// ```
public struct ElectionInput: Sendable {
    /// The file's path as given, for messages and reports.
    public let file: String
    /// The election.
    public let election: Election
    /// The election laid out for the rules, with its voters weighted when ``weighting`` is set.
    public let instance: RuleInstance
    /// The election laid out for the rules, every voter counting once (what pabutools' analysis
    /// measures count).
    public let unweighted: RuleInstance
    /// How the voters are weighted (`nil`: every voter counts once).
    public let weighting: VoterWeighting?
    /// Facts in the file that real files sometimes contradict (`num_votes`, `num_projects`, …).
    public let warnings: [PabulibIssue]
    /// What the weighting could not apply (voters weighing 1 for want of a value), one line each.
    public let weightingWarnings: [String]

    /// Reads and lays out the pabulib file at `path`.
    ///
    /// - Parameters:
    ///   - path: A `.pb` file.
    ///   - counts: Whether a `num_votes`/`num_projects` that disagrees with the file is an error
    ///     (the default: a truncated file must not give an outcome) or a warning.
    ///   - weighting: How to weight the voters (`nil`: not at all).
    /// - Returns: The election, ready for the rules.
    /// - Throws: ``WorkbenchError`` naming the file, line and field of each problem.
    public static func load(
        path: String, counts: PabulibReader.Counts = .mustMatch, weighting: VoterWeighting? = nil
    ) throws(WorkbenchError) -> ElectionInput {
        let parsed: PabulibReader.Result
        do {
            parsed = try PabulibReader.readWithWarnings(path: path, counts: counts)
        } catch {
            throw WorkbenchError(error.description)
        }
        return try ElectionInput(file: path, election: parsed.election, warnings: parsed.warnings, weighting: weighting)
    }

    /// Parses and lays out pabulib text (an upload, say).
    ///
    /// - Parameters:
    ///   - bytes: The text of a `.pb` file.
    ///   - file: The name to put in messages.
    ///   - counts: As for ``load(path:counts:)``.
    /// - Returns: The election, ready for the rules.
    /// - Throws: ``WorkbenchError`` naming the file, line and field of each problem.
    public static func parse(_ bytes: [UInt8], file: String, counts: PabulibReader.Counts = .mustMatch)
        throws(WorkbenchError) -> ElectionInput
    {
        let parsed: PabulibReader.Result
        do {
            parsed = try PabulibReader.parseWithWarnings(bytes, file: file, counts: counts)
        } catch {
            throw WorkbenchError(error.description)
        }
        return try ElectionInput(file: file, parsed: parsed)
    }

    private init(file: String, parsed: PabulibReader.Result) throws(WorkbenchError) {
        try self.init(file: file, election: parsed.election, warnings: parsed.warnings, weighting: nil)
    }

    private init(file: String, election: Election, warnings: [PabulibIssue], weighting: VoterWeighting?)
        throws(WorkbenchError)
    {
        self.file = file
        self.election = election
        self.warnings = warnings
        self.weighting = weighting
        do {
            unweighted = try RuleInstance(election)
        } catch {
            throw WorkbenchError("\(file): \(error.description)")
        }
        guard let weighting else {
            instance = unweighted
            weightingWarnings = []
            return
        }
        do {
            (instance, weightingWarnings) = try unweighted.weighted(by: weighting, of: election, file: file)
        } catch {
            throw WorkbenchError(error.description)
        }
    }

    /// The same election with its voters weighted as `weighting` says (`nil`: every voter counting once).
    ///
    /// - Throws: ``WorkbenchError`` naming the file, line and field of each problem of the weights.
    public func weighted(by weighting: VoterWeighting?) throws(WorkbenchError) -> ElectionInput {
        try ElectionInput(file: file, election: election, warnings: warnings, weighting: weighting)
    }

    /// The same election with another budget (a "what if"), laid out again for the rules, its voters
    /// weighted as before.
    ///
    /// - Parameter budget: The budget, greater than 0.
    /// - Returns: The changed election.
    /// - Throws: ``WorkbenchError`` when the rules cannot lay it out.
    public func withBudget(_ budget: Amount) throws(WorkbenchError) -> ElectionInput {
        var changed = election
        changed.budget = budget
        return try ElectionInput(file: file, election: changed, warnings: warnings, weighting: weighting)
    }

    /// Runs the selected rules, in order.
    ///
    /// - Parameters:
    ///   - selection: The rules: for ``PBRules/RuleSelection/all`` those that apply to the ballots (and,
    ///     with weighted voters, take weights).
    ///   - explain: Whether MES outcomes list every voter's payment in each round.
    ///   - arithmetic: Certified floating point (the default) or exact rationals throughout.
    ///   - tieBreaking: How the rules break ties between projects (by id as a string by default).
    ///   - limit: The budget of the exact searches (``PBRules/SearchLimit``).
    /// - Returns: One outcome per rule, in the selection's order.
    /// - Throws: ``WorkbenchError`` when a listed rule does not apply to the ballots or a rule fails (an
    ///   exact search that reaches `limit` says "undetermined").
    public func run(
        _ selection: RuleSelection, explain: Bool = false, arithmetic: Arithmetic = .certified,
        tieBreaking: TieBreaking = .lexico, limit: SearchLimit = .standard
    ) throws(WorkbenchError) -> [Outcome] {
        let instance = self.instance.breakingTies(by: tieBreaking)
        let rules: [RuleName]
        do {
            // With weights, `all` means every rule that applies and takes weights.
            rules = try selection.rules(for: election.voteType).filter {
                selection != .all || instance.voterWeights == nil || $0.takesWeights
            }
        } catch {
            throw WorkbenchError("\(file): \(error.description)")
        }
        var outcomes: [Outcome] = []
        for rule in rules {
            do {
                outcomes.append(
                    try Rules.run(rule, on: instance, explain: explain, arithmetic: arithmetic, limit: limit))
            } catch {
                throw WorkbenchError("\(file): \(error.description)")
            }
        }
        return outcomes
    }
}
