import Foundation
import PBSupport
public import PBScenario

/// A number of a scenario that `pbsim sweep` (and a batch grid) varies (MODEL.md section 5).
///
/// Either one of the named parameters (`lambda`, `information_noise`, `perception_noise`,
/// `participation`, `participation_rate`), or any number of the scenario by its ``PBScenario/ScenarioPath``
/// (the table of settable fields that overrides use too):
///
/// ```text
/// budget.total
/// regimes.service-led.information_noise      regimes.co-produced.shared_noise     regimes.panel.size
/// regimes.service-led.discovery              regimes.co-produced.process_cost     regimes.panel.deliberation
/// population[id=carers].participation        population[*].visibility
/// proposals[id=hall].in_kind                 proposals[*].cost
/// population[id=carers].needs.health         proposals[id=hall].effects.social-care
/// ```
///
/// `population[*]` and `proposals[*]` set every item. With ``scales`` the values multiply the
/// scenario's own numbers instead of replacing them (participation rates are capped at 1).
///
/// ```swift
/// let parameter = try SweepParameter(parsing: "population[id=carers].participation")
/// let scenario = parameter.applied(to: base, value: 0.3)
/// ```
public struct SweepParameter: Sendable, Hashable, CustomStringConvertible {
    /// The parameter as written: a name or a path.
    public let rawValue: String
    /// Whether values multiply the scenario's numbers (`--scale`) instead of replacing them.
    public let scales: Bool
    private let target: Target

    private enum Target: Sendable, Hashable {
        case lambda
        case share
        case participationMultiplier
        case participationRate
        case path(ScenarioPath)
    }

    private init(_ rawValue: String, _ target: Target, scales: Bool = false) {
        self.rawValue = rawValue
        self.target = target
        self.scales = scales
    }

    /// The blend weight `lambda` in `[0, 1]`: the scenario's blend sweep is replaced by the values,
    /// all simulated in the same runs (common random numbers).
    public static let lambda = SweepParameter("lambda", .lambda)
    /// The split share in `[0, 1]` (`split` or `regimes.split.shares`): the scenario's split sweep is
    /// replaced by the values, all simulated in the same runs.
    public static let share = SweepParameter("split", .share)
    /// The service-led information noise `>= 0` (`regimes.service-led.information_noise`).
    public static let informationNoise = SweepParameter(
        "information_noise", .path(ScenarioPath(known: "regimes.service-led.information_noise")))
    /// The co-produced individual perception noise `>= 0` (also the panel members').
    public static let perceptionNoise = SweepParameter(
        "perception_noise", .path(ScenarioPath(known: "regimes.co-produced.perception_noise")))
    /// A multiplier `>= 0` of every group's participation rate, each capped at 1 (the same as
    /// `population[*].participation` with `--scale`).
    public static let participation = SweepParameter("participation", .participationMultiplier)
    /// An override in `[0, 1]` of every group's participation rate (`population[*].participation`).
    public static let participationRate = SweepParameter("participation_rate", .participationRate)

    /// The named parameters (paths are open-ended and not listed).
    public static let allCases: [SweepParameter] = [
        .lambda, .share, .informationNoise, .perceptionNoise, .participation, .participationRate,
    ]

    /// Every group's participation rate, which the named participation parameters set.
    private static let everyParticipation = ScenarioPath(known: "population[*].participation")

    /// A named parameter or a path, or `nil` when it is neither.
    ///
    /// - Parameters:
    ///   - rawValue: The name or path.
    ///   - scales: Whether values multiply instead of replacing.
    public init?(rawValue: String, scales: Bool = false) {
        guard let parsed = try? SweepParameter(parsing: rawValue, scales: scales) else { return nil }
        self = parsed
    }

    /// Parses a named parameter or a path.
    ///
    /// - Parameters:
    ///   - text: The name or path.
    ///   - scales: Whether values multiply instead of replacing.
    /// - Throws: A message naming what a path can be, when `text` is neither.
    public init(parsing text: String, scales: Bool = false) throws(SweepPathError) {
        if let named = Self.allCases.first(where: { $0.rawValue == text }) {
            self = SweepParameter(text, named.target, scales: scales)
            return
        }
        if text == "regimes.split.shares" || text == "regimes.blend.lambdas" {
            self = SweepParameter(text, text.hasPrefix("regimes.split") ? .share : .lambda, scales: false)
            return
        }
        if let path = try? ScenarioPath(parsing: text), !path.takesName {
            self = SweepParameter(text, .path(path), scales: scales)
            return
        }
        throw SweepPathError(path: text)
    }

    /// The parameter as written, with ` (scaled)` when values multiply.
    public var description: String { scales ? "\(rawValue) (scaled)" : rawValue }

    /// Whether the values are the blend weights of one simulation.
    public var isBlendWeight: Bool { target == .lambda }
    /// Whether the values are the split shares of one simulation.
    public var isSplitShare: Bool { target == .share }

    /// Whether `value` is allowed before it is applied (the scenario's validation checks the rest).
    public func accepts(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch target {
        case .lambda, .share, .participationRate: return value >= 0 && value <= 1
        default: return value >= 0
        }
    }

    /// The allowed range, for messages: `a value in [0, 1]` or `a value >= 0`.
    public var range: String {
        switch target {
        case .lambda, .share, .participationRate: "a value in [0, 1]"
        default: "a value >= 0"
        }
    }

    /// The parameters that apply to a scenario with real ballots, as messages name them.
    public static let realBallotParameters = "lambda, information_noise and budget.total"

    /// Whether the parameter exists in a scenario with real ballots (the service-led noise, the
    /// blend weight and the budget do).
    public var appliesToRealBallots: Bool {
        switch target {
        case .lambda: true
        case .path(let path): path.field == "regimes.service-led.information_noise" || path.field == "budget.total"
        default: false
        }
    }

    /// The likely reason why a sweep of this parameter left every figure unchanged, for the note a
    /// sweep prints then (MODEL.md section 5).
    public func likelyReason(in scenario: Scenario) -> String {
        let field: String? =
            switch target {
            case .participationMultiplier, .participationRate: "population[].participation"
            case .path(let path): path.field
            default: nil
            }
        switch field {
        case "population[].participation":
            if scenario.regimes.coProduced.electorate != nil {
                return "the co-produced vote samples a fixed electorate, so participation rates only change "
                    + "who is sampled in proportion; a uniform change leaves every group's share the same"
            }
            return "participation only changes the co-produced ballots: a rule that counts shares of voters "
                + "(the Method of Equal Shares, greedy by votes) gives the same outcome when every group's "
                + "turnout changes by the same factor; vary one group's rate (population[id=…].participation) instead"
        case "regimes.co-produced.perception_noise":
            return "perception noise this small rarely moves a ballot across the approval threshold"
        case let field? where field.hasPrefix("regimes.panel") && scenario.regimes.panel == nil:
            return "the scenario has no citizens' panel"
        default:
            return "no regime's choice changed at these values: the regimes shown may never read this "
                + "parameter, or the steps are too small to change a choice"
        }
    }

    /// Checks that the parameter names things the scenario has (``PBScenario/ScenarioPath/problem(in:)``;
    /// a sweep also needs the sampled electorate it scales, and a scenario with real ballots only has
    /// the parameters of ``appliesToRealBallots``).
    ///
    /// - Parameter scenario: The base scenario.
    /// - Returns: A message, or `nil` when the path resolves.
    public func problem(in scenario: Scenario) -> String? {
        if case .path(let path) = target {
            if let missing = path.problem(in: scenario) { return missing }
            if path.field == "regimes.co-produced.electorate" && scenario.regimes.coProduced.electorate == nil {
                return "the co-produced process has no sampled electorate"
            }
        }
        if scenario.election != nil && !appliesToRealBallots {
            return "does not apply to real ballots (only \(Self.realBallotParameters) do)"
        }
        return nil
    }

    /// The scenario with the parameter set to `value` (multiplied by it with ``scales``; a scaled
    /// participation rate is capped at 1, a whole-number field rounded); for the blend weight and the
    /// split share, the sweep replaced by `[value]`.
    ///
    /// - Parameters:
    ///   - scenario: The base scenario (on which ``problem(in:)`` found nothing).
    ///   - value: The value.
    /// - Returns: The modified scenario, not validated.
    public func applied(to scenario: Scenario, value: Double) -> Scenario {
        var s = scenario
        switch target {
        case .lambda:
            s.regimes.blend = Scenario.BlendRegime(lambdas: [value])
        case .share:
            s.regimes.split = Scenario.SplitRegime(shares: [value], leftover: s.regimes.split?.leftover ?? .unspent)
        case .participationMultiplier:
            Self.everyParticipation.update(&s) { min(1, $0 * value) }
        case .participationRate:
            Self.everyParticipation.update(&s) { _ in value }
        case .path(let path):
            let caps = scales && path.field == "population[].participation"
            path.update(&s) { current in
                let x = scales ? current * value : value
                return caps ? min(1, x) : x
            }
        }
        return s
    }
}

/// A sweep parameter that is neither a named parameter nor a path of the scenario.
public struct SweepPathError: Error, Sendable, CustomStringConvertible {
    /// What was given.
    public let path: String

    /// The message: what was given, the closest parameter when it looks misspelt, and what a path can be.
    public var description: String {
        let names = SweepParameter.allCases.map(\.rawValue)
        let hint = Suggestion.hint(for: path, in: names + ScenarioPath.candidates(for: path, numbers: true))
        let fields = ScenarioPath.numberFields
        let scenarioWide = fields.filter { !$0.contains("[]") && !$0.contains("<") }
        func items(_ list: String) -> String {
            let prefix = list + "[]."
            let names = fields.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            return list + "[id=ID].(" + names.joined(separator: "|") + ")"
        }
        let others = fields.filter {
            !scenarioWide.contains($0) && !$0.hasPrefix("population[]") && !$0.hasPrefix("proposals[]")
        }
        return "'\(path)' is not a parameter\(hint): use " + names.joined(separator: ", ") + ", or a path such as "
            + scenarioWide.joined(separator: ", ") + ", " + items("population") + ", " + items("proposals") + ", "
            + others.map { $0.replacingOccurrences(of: "[]", with: "[N]") }.joined(separator: ", ")
            + " (population[*] and proposals[*] for every item)"
    }
}
