import BigInt
import PBModel

/// The Method of Equal Shares (MES) and its Add1 completion.
///
/// Peters, Pierczyński & Skowron, *Proportional participatory budgeting with additive
/// utilities* (NeurIPS 2021); see also equalshares.net. Reproduces pabutools 1.2.3's
/// `method_of_equal_shares` exactly, tie-breaking included (smallest ρ first, then smallest id as
/// a string). The fast floating-point path is certified (see ``FastMES``); when a decision is
/// too close to call, the round is decided in exact rational arithmetic.
public enum MethodOfEqualShares {
    /// The result of one MES computation.
    public struct Result: Sendable {
        /// Funded projects in selection order (free supported projects first).
        public var selected: [Int]
        /// One entry per project funded by the rounds (not the free ones).
        public var rounds: [MESRound]
        /// Whether exact arithmetic decided the outcome.
        public var usedExactArithmetic: Bool
        /// For Add1: the final per-voter increment, in the instance's units.
        public var increment: Int64
    }

    /// MES without completion.
    ///
    /// - Parameters:
    ///   - satisfaction: `.cost`, `.cardinality` (approval), `.points` (cumulative/scoring) or `.borda` (ordinal).
    ///   - explain: record every voter's payment in each round.
    public static func select(
        _ instance: RuleInstance, satisfaction: Satisfaction, explain: Bool = false, arithmetic: Arithmetic = .certified
    ) -> Result {
        guard instance.voterCount > 0, instance.totalWeightUnits > 0 else {
            return Result(selected: [], rounds: [], usedExactArithmetic: false, increment: 0)
        }
        var solver = Solver(instance, satisfaction: satisfaction, arithmetic: arithmetic)
        return solver.run(increment: 0, explain: explain)
    }

    /// Runs MES at successive budgets: the fast certified path on merged voters, and the exact
    /// path (whose set-up is built only the first time it is needed).
    struct Solver {
        let instance: RuleInstance
        let satisfaction: Satisfaction
        let fast: FastMES?
        let profile: MergedProfile
        private var exactSetup: MESSetup?
        /// The instance the exact path runs on: one weighted voter per class of identical voters
        /// (the original voters when payments are explained voter by voter).
        private var exactInstance: RuleInstance?

        init(_ instance: RuleInstance, satisfaction: Satisfaction, arithmetic: Arithmetic, forManyRuns: Bool = false) {
            self.instance = instance
            self.satisfaction = satisfaction
            profile = MergedProfile(instance, satisfaction: satisfaction, forManyRuns: forManyRuns)
            fast = arithmetic == .exact ? nil : FastMES(instance, profile: profile)
        }

        /// MES with every voter's budget raised by `increment` units above budget / voters.
        ///
        /// With weights, budgets are per weight unit: `budget / total weight + increment / unit`, where
        /// `unit` is one voter of weight 1 in weight units, so a voter of weight w starts with
        /// `budget * w / total weight` and gains `w * increment` (as w identical voters would).
        mutating func run(increment: Int64, explain: Bool) -> Result {
            let n = instance.totalWeightUnits
            let u = instance.weightUnit
            let perVoter = Double(instance.budget) / Double(n) + Double(increment) / Double(u)
            if let r = fast?.run(budgetPerVoter: perVoter, explain: explain) {
                return Result(selected: r.selected, rounds: r.rounds, usedExactArithmetic: false, increment: increment)
            }
            // NB: the exact path runs on voter classes (MergedProfile.classInstance): on simulated ballots,
            // where thousands of voters cast a few distinct ballots, it was the per-voter rational
            // arithmetic that made Add1's fallbacks take minutes.
            let exact = exactInstance ?? (explain ? instance : profile.classInstance(of: instance))
            exactInstance = exact
            let setup = exactSetup ?? MESSetup(exact, satisfaction: satisfaction)
            exactSetup = setup
            let exactBudget = Rational(
                BigInt(instance.budget) * BigInt(u) + BigInt(increment) * BigInt(n), BigInt(n) * BigInt(u))
            let r = ExactMES.run(exact, setup: setup, budgetPerVoter: exactBudget, explain: explain)
            return Result(selected: r.selected, rounds: r.rounds, usedExactArithmetic: true, increment: increment)
        }

        /// The smallest step ≥ `step` (in units of `unit` per voter) at which some candidate is
        /// affordable in the first round: its supporters' equal budgets cover its cost, i.e.
        /// supporters × (budget + step × voters × unit) ≥ cost × voters. Below it, every run funds
        /// only the free projects.
        func firstAffordableStep(from step: Int64, unit: Int64) -> Int64 {
            // In weight units (n: total weight, s: the supporters' weight, u: one voter of weight 1):
            // s × (budget × u + step × unit × n) ≥ cost × n × u.
            let n = Int128(instance.totalWeightUnits)
            let u = Int128(instance.weightUnit)
            let b = Int128(instance.budget)
            var best = Int128(Int64.max)
            for p in profile.candidates {
                let s = Int128(profile.supporterCount[p])
                let need = Int128(instance.costs[p]) * n * u - s * b * u
                let per = s * n * Int128(unit)
                let k = need <= 0 ? 0 : (need + per - 1) / per
                best = min(best, k)
            }
            return max(step, Int64(clamping: best))
        }
    }

    /// MES iterated with voter budgets raised one currency unit at a time (pabutools'
    /// `voter_budget_increment=1`), with cost satisfaction (approval) or points (cumulative ballots).
    ///
    /// Stops at the first increment whose outcome is exhaustive (no supported project left out
    /// fits), returning it, or whose outcome costs more than the budget, returning the previous
    /// one. Each increment is one certified MES run on the prepared layout (merged voters,
    /// supporter lists): the per-election set-up is done once, not per unit. While a run funds
    /// nothing, the increments up to the first one at which some project becomes affordable in
    /// the first round are skipped: they all give the same outcome, which is neither exhaustive
    /// (it was not at the step just run) nor over the budget.
    public static func selectAdd1(
        _ instance: RuleInstance, satisfaction: Satisfaction = .cost, explain: Bool = false,
        arithmetic: Arithmetic = .certified
    ) -> Result {
        guard instance.voterCount > 0, instance.totalWeightUnits > 0 else {
            return Result(selected: [], rounds: [], usedExactArithmetic: false, increment: 0)
        }
        var solver = Solver(instance, satisfaction: satisfaction, arithmetic: arithmetic, forManyRuns: true)
        let unit = Amount.unit(atScale: instance.scale)
        var previous = Result(
            selected: solver.profile.freeProjects, rounds: [], usedExactArithmetic: false, increment: 0)
        var step: Int64 = 0
        var exactUsed = false
        while true {
            var outcome = solver.run(increment: step * unit, explain: explain)
            exactUsed = exactUsed || outcome.usedExactArithmetic
            let cost = instance.cost(of: outcome.selected)
            if cost > instance.budget {
                previous.usedExactArithmetic = exactUsed
                return previous
            }
            if isExhaustive(instance, selected: outcome.selected, among: solver.profile.candidates, cost: cost) {
                outcome.usedExactArithmetic = exactUsed
                return outcome
            }
            previous = outcome
            if outcome.rounds.isEmpty {
                // The skipped steps repeat this outcome; the last of them is the one "previous" stands for.
                step = solver.firstAffordableStep(from: step + 1, unit: unit)
                previous.increment = (step - 1) * unit
            } else {
                step += 1
            }
        }
    }

    /// Whether no project of `among` outside `selected` still fits.
    static func isExhaustive(_ instance: RuleInstance, selected: [Int], among: some Sequence<Int>, cost: Int64) -> Bool
    {
        var funded = [Bool](repeating: false, count: instance.projectCount)
        for p in selected { funded[p] = true }
        for p in among where !funded[p] && cost + instance.costs[p] <= instance.budget { return false }
        return true
    }
}

extension Amount {
    /// One currency unit at `scale` decimals (10^scale).
    static func unit(atScale scale: Int) -> Int64 {
        Amount(1).units(atScale: scale) ?? 1
    }
}
