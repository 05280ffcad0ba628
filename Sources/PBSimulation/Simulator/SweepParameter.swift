public import PBScenario

/// A number of a scenario that `pbsim sweep` (and a batch grid) varies (MODEL.md section 5).
///
/// Either one of the named parameters (`lambda`, `information_noise`, `perception_noise`,
/// `participation`, `participation_rate`), or any number of the scenario by its path:
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
/// let scenario = try parameter.apply(to: base, value: 0.3)
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
        case scalar(String)
        case group(id: String?, field: String, domain: String?)
        case proposal(id: String?, field: String, domain: String?)
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
        "information_noise", .scalar("regimes.service-led.information_noise"))
    /// The co-produced individual perception noise `>= 0` (also the panel members').
    public static let perceptionNoise = SweepParameter(
        "perception_noise", .scalar("regimes.co-produced.perception_noise"))
    /// A multiplier `>= 0` of every group's participation rate, each capped at 1 (the same as
    /// `population[*].participation` with `--scale`).
    public static let participation = SweepParameter("participation", .participationMultiplier)
    /// An override in `[0, 1]` of every group's participation rate (`population[*].participation`).
    public static let participationRate = SweepParameter("participation_rate", .participationRate)

    /// The named parameters (paths are open-ended and not listed).
    public static let allCases: [SweepParameter] = [
        .lambda, .share, .informationNoise, .perceptionNoise, .participation, .participationRate,
    ]

    /// The scenario-wide numbers a path can name.
    static let scalarPaths: [String] = [
        "budget.total", "runs",
        "regimes.service-led.information_noise", "regimes.service-led.effect_noise",
        "regimes.co-produced.perception_noise", "regimes.co-produced.shared_noise",
        "regimes.co-produced.effect_noise", "regimes.co-produced.threshold", "regimes.co-produced.top",
        "regimes.co-produced.points", "regimes.co-produced.electorate", "regimes.panel.size",
        "regimes.service-led.discovery", "regimes.co-produced.process_cost", "regimes.panel.deliberation",
        "regimes.panel.process_cost",
    ]
    static let groupFields = ["participation", "visibility", "size", "needs.<domain>"]
    static let proposalFields = [
        "cost", "cost_sigma", "in_kind", "appropriateness", "delivery_risk", "effects.<domain>", "reach.<group>",
    ]

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
        if Self.scalarPaths.contains(text) {
            self = SweepParameter(text, .scalar(text), scales: scales)
            return
        }
        for list in ["population", "proposals"] where text.hasPrefix(list + "[") {
            guard let close = text.firstIndex(of: "]") else { break }
            let selector = String(text[text.index(text.startIndex, offsetBy: list.count + 1)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(".") else { break }
            let field = String(rest.dropFirst())
            let id: String?
            if selector == "*" {
                id = nil
            } else if selector.hasPrefix("id=") && selector.count > 3 {
                id = String(selector.dropFirst(3))
            } else {
                break
            }
            let mapped = list == "population" ? ["needs"] : ["effects", "reach"]
            var name = field
            var domain: String?
            if let dot = field.firstIndex(of: "."), mapped.contains(String(field[..<dot])) {
                name = String(field[..<dot])
                domain = String(field[field.index(after: dot)...])
            }
            let plain =
                list == "population"
                ? ["participation", "visibility", "size"]
                : ["cost", "cost_sigma", "in_kind", "appropriateness", "delivery_risk"]
            guard plain.contains(name) || (domain != nil && !domain!.isEmpty) else { break }
            self = SweepParameter(
                text,
                list == "population"
                    ? .group(id: id, field: name, domain: domain) : .proposal(id: id, field: name, domain: domain),
                scales: scales)
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

    /// Whether the parameter exists in a scenario with real ballots (the service-led noise, the
    /// blend weight and the budget do).
    public var appliesToRealBallots: Bool {
        switch target {
        case .lambda: true
        case .scalar(let path): path == "regimes.service-led.information_noise" || path == "budget.total"
        default: false
        }
    }

    /// The likely reason why a sweep of this parameter left every figure unchanged, for the note a
    /// sweep prints then (MODEL.md section 5).
    public func likelyReason(in scenario: Scenario) -> String {
        switch target {
        case .participationMultiplier, .participationRate, .group(_, "participation", _):
            if scenario.regimes.coProduced.electorate != nil {
                return "the co-produced vote samples a fixed electorate, so participation rates only change "
                    + "who is sampled in proportion; a uniform change leaves every group's share the same"
            }
            return "participation only changes the co-produced ballots: a rule that counts shares of voters "
                + "(the Method of Equal Shares, greedy by votes) gives the same outcome when every group's "
                + "turnout changes by the same factor; vary one group's rate (population[id=…].participation) instead"
        case .scalar("regimes.co-produced.perception_noise"):
            return "perception noise this small rarely moves a ballot across the approval threshold"
        case .scalar(let path) where path.hasPrefix("regimes.panel") && scenario.regimes.panel == nil:
            return "the scenario has no citizens' panel"
        default:
            return "no regime's choice changed at these values: the regimes shown may never read this "
                + "parameter, or the steps are too small to change a choice"
        }
    }

    /// Checks that the parameter names things the scenario has.
    ///
    /// - Parameter scenario: The base scenario.
    /// - Returns: A message, or `nil` when the path resolves.
    public func problem(in scenario: Scenario) -> String? {
        switch target {
        case .group(let id, _, let domain):
            if let id, !scenario.population.contains(where: { $0.id.rawValue == id }) {
                return
                    "no group with id '\(id)' (groups: \(scenario.population.map(\.id.rawValue).joined(separator: ", ")))"
            }
            if let domain, !scenario.domains.contains(where: { $0.rawValue == domain }) {
                return "no domain '\(domain)'"
            }
        case .proposal(let id, let field, let key):
            if let id, !scenario.proposals.contains(where: { $0.id.rawValue == id }) {
                return "no proposal with id '\(id)'"
            }
            if let key, field == "effects", !scenario.domains.contains(where: { $0.rawValue == key }) {
                return "no domain '\(key)'"
            }
            if let key, field == "reach", !scenario.population.contains(where: { $0.id.rawValue == key }) {
                return "no group '\(key)'"
            }
        case .scalar(let path) where path.hasPrefix("regimes.panel") && scenario.regimes.panel == nil:
            return "the scenario has no citizens' panel"
        case .scalar(let path) where path.hasPrefix("regimes.co-produced."):
            let field = String(path.dropFirst("regimes.co-produced.".count))
            switch (field, scenario.regimes.coProduced.ballot) {
            case ("threshold", .approval(.threshold)), ("top", .approval(.top)), ("points", .cumulative): break
            case ("threshold", _), ("top", _), ("points", _):
                return "the co-produced ballot is \(scenario.regimes.coProduced.ballot.kind) and has no '\(field)'"
            case ("electorate", _) where scenario.regimes.coProduced.electorate == nil:
                return "the co-produced process has no sampled electorate"
            default: break
            }
        default:
            break
        }
        if scenario.election != nil && !appliesToRealBallots {
            return "does not apply to real ballots (use lambda, information_noise or budget.total)"
        }
        return nil
    }

    /// The scenario with the parameter set to `value` (multiplied by it with ``scales``); for the
    /// blend weight and the split share, the sweep replaced by `[value]`.
    ///
    /// - Parameters:
    ///   - scenario: The base scenario (on which ``problem(in:)`` found nothing).
    ///   - value: The value.
    /// - Returns: The modified scenario, not validated.
    public func applied(to scenario: Scenario, value: Double) -> Scenario {
        var s = scenario
        func set(_ x: inout Double) { x = scales ? x * value : value }
        func setInt(_ x: inout Int) { x = Int((scales ? Double(x) * value : value).rounded()) }
        switch target {
        case .lambda:
            s.regimes.blend = Scenario.BlendRegime(lambdas: [value])
        case .share:
            s.regimes.split = Scenario.SplitRegime(shares: [value], leftover: s.regimes.split?.leftover ?? .unspent)
        case .participationMultiplier:
            for g in s.population.indices {
                s.population[g].participation = min(1, s.population[g].participation * value)
            }
        case .participationRate:
            for g in s.population.indices { s.population[g].participation = value }
        case .scalar(let path):
            switch path {
            case "budget.total": set(&s.budget.total)
            case "runs": setInt(&s.runs)
            case "regimes.service-led.information_noise": set(&s.regimes.serviceLed.informationNoise)
            case "regimes.service-led.effect_noise": set(&s.regimes.serviceLed.effectNoise)
            case "regimes.co-produced.perception_noise": set(&s.regimes.coProduced.perceptionNoise)
            case "regimes.co-produced.shared_noise": set(&s.regimes.coProduced.sharedNoise)
            case "regimes.co-produced.effect_noise": set(&s.regimes.coProduced.effectNoise)
            case "regimes.co-produced.electorate":
                var e = s.regimes.coProduced.electorate ?? 0
                setInt(&e)
                s.regimes.coProduced.electorate = e
            case "regimes.panel.size":
                if var panel = s.regimes.panel {
                    setInt(&panel.size)
                    s.regimes.panel = panel
                }
            case "regimes.service-led.discovery": set(&s.regimes.serviceLed.discovery)
            case "regimes.co-produced.process_cost": set(&s.regimes.coProduced.processCost)
            case "regimes.panel.deliberation", "regimes.panel.process_cost":
                if var panel = s.regimes.panel {
                    if path.hasSuffix("deliberation") { set(&panel.deliberation) } else { set(&panel.processCost) }
                    s.regimes.panel = panel
                }
            default:
                switch s.regimes.coProduced.ballot {
                case .approval(.threshold(var tau)):
                    set(&tau)
                    s.regimes.coProduced.ballot = .approval(.threshold(tau))
                case .approval(.top(var m)):
                    setInt(&m)
                    s.regimes.coProduced.ballot = .approval(.top(m))
                case .cumulative(var points):
                    setInt(&points)
                    s.regimes.coProduced.ballot = .cumulative(points: points)
                case .cardinal: break
                }
            }
        case .group(let id, let field, let domain):
            for g in s.population.indices where id == nil || s.population[g].id.rawValue == id {
                switch field {
                case "participation":
                    set(&s.population[g].participation)
                    if scales { s.population[g].participation = min(1, s.population[g].participation) }
                case "visibility": set(&s.population[g].visibility)
                case "size": setInt(&s.population[g].size)
                default:
                    let key = Scenario.DomainID(rawValue: domain ?? "")
                    var need = s.population[g].needs[key] ?? 0
                    set(&need)
                    s.population[g].needs[key] = need
                }
            }
        case .proposal(let id, let field, let key):
            for j in s.proposals.indices where id == nil || s.proposals[j].id.rawValue == id {
                switch field {
                case "cost": set(&s.proposals[j].cost)
                case "cost_sigma": set(&s.proposals[j].costSigma)
                case "in_kind": set(&s.proposals[j].inKind)
                case "appropriateness": set(&s.proposals[j].appropriateness)
                case "delivery_risk": set(&s.proposals[j].deliveryRisk)
                case "effects":
                    let domain = Scenario.DomainID(rawValue: key ?? "")
                    var effect = s.proposals[j].effects[domain] ?? 0
                    set(&effect)
                    s.proposals[j].effects[domain] = effect
                default:
                    let group = Scenario.GroupID(rawValue: key ?? "")
                    var reach =
                        s.proposals[j].reach[group]
                        ?? s.reach(of: s.proposals[j], for: s.population.first { $0.id == group }!)
                    set(&reach)
                    s.proposals[j].reach[group] = reach
                }
            }
        }
        return s
    }
}

/// A sweep parameter that is neither a named parameter nor a path of the scenario.
public struct SweepPathError: Error, Sendable, CustomStringConvertible {
    /// What was given.
    public let path: String

    /// The message: what was given and what a path can be.
    public var description: String {
        "'\(path)' is not a parameter: use lambda, split, information_noise, perception_noise, participation, "
            + "participation_rate, or a path such as "
            + SweepParameter.scalarPaths.joined(separator: ", ")
            + ", population[id=ID].(" + SweepParameter.groupFields.joined(separator: "|") + "), "
            + "proposals[id=ID].(" + SweepParameter.proposalFields.joined(separator: "|") + ") "
            + "(population[*] and proposals[*] for every item)"
    }
}
