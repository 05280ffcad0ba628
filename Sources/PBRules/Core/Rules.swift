public import PBModel

/// Runs a rule variant on an election: the single entry point the command line and the
/// simulator use.
///
/// ```swift
/// let election = try PabulibReader.read(path: "poland_warszawa_2017_sadul.pb")
/// let outcome = try Rules.run(.mesCost, on: election)
/// outcome.selected.map { election.projects[$0].id }
/// ```
public enum Rules {
    /// Whether `rule` is defined for the election's vote type.
    public static func applies(_ rule: RuleName, to voteType: VoteType) -> Bool {
        rule.voteTypes.contains(VoteKind(voteType))
    }

    /// Computes `rule` on `election`.
    ///
    /// - Throws: ``RuleError/notApplicable(rule:voteType:)`` for a rule not defined on the vote type.
    public static func run(
        _ rule: RuleName, on election: Election, explain: Bool = false, arithmetic: Arithmetic = .certified,
        limit: SearchLimit = .standard
    ) throws(RuleError) -> Outcome {
        guard applies(rule, to: election.voteType) else {
            throw .notApplicable(rule: rule, voteType: election.voteType.rawValue)
        }
        return try run(rule, on: RuleInstance(election), explain: explain, arithmetic: arithmetic, limit: limit)
    }

    /// Computes `rule` on a prepared instance.
    ///
    /// - Throws: ``RuleError/undetermined(rule:limit:detail:)`` when an exact search reaches `limit`.
    public static func run(
        _ rule: RuleName, on instance: RuleInstance, explain: Bool = false, arithmetic: Arithmetic = .certified,
        limit: SearchLimit = .standard
    ) throws(RuleError) -> Outcome {
        guard rule.voteTypes.contains(instance.kind) else {
            throw .notApplicable(rule: rule, voteType: instance.kind.rawValue)
        }
        guard instance.voterWeights == nil || rule.takesWeights else { throw .weightsNotSupported(rule: rule) }
        let selected: [Int]
        var rounds: [MESRound] = []
        var exact = false
        var increment: Int64?
        var steps: [RuleStep] = []
        switch rule {
        case .greedyCost:
            let sat: Satisfaction
            switch instance.kind {
            case .approval: sat = .cost
            case .cumulative, .scoring: sat = .points
            case .ordinal: sat = .borda
            }
            selected = Greedy.select(instance, satisfaction: sat)
        case .greedyCard:
            selected = Greedy.select(instance, satisfaction: .cardinality)
        case .maxWelfareCost:
            let weights = instance.totalSatisfaction(.cost)
            let solved = MaxWelfare.solve(
                weights: weights, costs: instance.costs, budget: instance.budget, tieRank: instance.tieRank,
                nodeLimit: limit.steps)
            guard solved.complete else {
                throw .undetermined(
                    rule: rule, limit: limit.steps,
                    detail: "the branch and bound found a selection of welfare \(solved.welfare) and an optimum "
                        + "of at most \(solved.bound)")
            }
            selected = solved.selected
        case .mesCost, .mesCard:
            let sat: Satisfaction = rule == .mesCard ? .cardinality : (instance.kind == .approval ? .cost : .points)
            let r = MethodOfEqualShares.select(instance, satisfaction: sat, explain: explain, arithmetic: arithmetic)
            (selected, rounds, exact) = (r.selected, r.rounds, r.usedExactArithmetic)
        case .mesBorda:
            let r = MethodOfEqualShares.select(instance, satisfaction: .borda, explain: explain, arithmetic: arithmetic)
            (selected, rounds, exact) = (r.selected, r.rounds, r.usedExactArithmetic)
        case .mesCostAdd1, .mesCostAdd1Greedy:
            // Cost satisfaction on approval ballots, points (`Additive_Cardinal_Sat`) on cumulative ones.
            let sat: Satisfaction = instance.kind == .approval ? .cost : .points
            let r = MethodOfEqualShares.selectAdd1(
                instance, satisfaction: sat, explain: explain, arithmetic: arithmetic)
            (rounds, exact, increment) = (r.rounds, r.usedExactArithmetic, r.increment)
            if rule == .mesCostAdd1
                || MethodOfEqualShares.isExhaustive(
                    instance, selected: r.selected, among: 0..<instance.projectCount,
                    cost: instance.cost(of: r.selected))
            {
                selected = r.selected
            } else {
                selected = Greedy.select(instance, satisfaction: sat, initial: r.selected)
            }
        case .phragmen:
            guard let result = Phragmen.select(instance, arithmetic: arithmetic, stepLimit: limit.steps) else {
                throw .undetermined(
                    rule: rule, limit: limit.steps,
                    detail: "loads too close for floating point, and the exact rational path did not finish")
            }
            (selected, exact) = result
        case .maximinSupport:
            (selected, steps) = {
                let r = MaximinSupport.select(instance); return (r.selected, r.steps)
            }()
        case .cstvEwt, .cstvEwtc, .cstvMt, .cstvMtc:
            let variant: CSTV.Variant =
                rule == .cstvEwt ? .ewt : rule == .cstvEwtc ? .ewtc : rule == .cstvMt ? .mt : .mtc
            (selected, steps) = {
                let r = CSTV.select(instance, variant: variant); return (r.selected, r.steps)
            }()
        case .pbEar:
            (selected, steps) = {
                let r = PBEAR.select(instance); return (r.selected, r.steps)
            }()
        }
        return Outcome(
            rule: rule, selected: selected, costUnits: instance.cost(of: selected), mesRounds: rounds,
            add1Increment: increment, usedExactArithmetic: exact, steps: explain ? steps : [])
    }
}

/// How the MES and Phragmén rules compute (greedy and max welfare are always exact integers).
public enum Arithmetic: String, Sendable, Hashable, CaseIterable {
    /// Floating point, with every decision certified; too-close calls are redone exactly (the default).
    case certified
    /// Exact rational arithmetic throughout (slow on large elections; for verification).
    case exact
}

extension VoteKind {
    /// The rule-side kind of a pabulib vote type.
    public init(_ voteType: VoteType) {
        switch voteType {
        case .approval: self = .approval
        case .cumulative: self = .cumulative
        case .scoring: self = .scoring
        case .ordinal: self = .ordinal
        }
    }
}
