public import PBRules

/// A family of measures, to compute only some of them.
public enum MeasureFamily: String, Sendable, Hashable, CaseIterable {
    /// Voter satisfaction (average, positive share, Gini, histogram, non-empty-handed).
    case satisfaction
    /// Category proportionality and fair share.
    case fairness
    /// EJR, PJR and strong EJR (an exact search; may take long).
    case justifiedRepresentation
    /// Priceability (a linear program; may take long).
    case priceability
    /// The core (an enumeration of project sets, or an exact branch and bound over them; may take long).
    case core
    /// MES analytics for `mes-cost` (one exact MES run per project).
    case mesAnalytics

    /// The families that take time linear in the ballots: satisfaction and fairness.
    public static let cheap: Set<MeasureFamily> = [.satisfaction, .fairness]
    /// What is computed unless asked otherwise: every family but the core, which pbsim decides
    /// exactly only on small elections (on large ones it mostly reaches its time limit).
    public static let standard: Set<MeasureFamily> = Set(allCases).subtracting([.core])
}

/// Which measures to compute, and how far the expensive checks (EJR/PJR, priceability, MES
/// analytics) may go.
public struct AnalysisOptions: Sendable, Hashable {
    /// Seconds each expensive check may take before it reports "undetermined" (`nil`: no limit).
    public var timeLimit: Double?
    /// The families computed.
    public var families: Set<MeasureFamily>
    /// Creates options.
    public init(timeLimit: Double? = nil, families: Set<MeasureFamily> = MeasureFamily.standard) {
        self.timeLimit = timeLimit
        self.families = families
    }
}

/// The time limit of the expensive checks, read the same way by each of them.
enum TimeLimit {
    /// The instant `limit` seconds from now, or `nil` for no limit.
    static func deadline(_ limit: Double?) -> ContinuousClock.Instant? {
        limit.map { ContinuousClock.now + .milliseconds(Int64($0 * 1000)) }
    }

    /// Seconds left until `end` (at least a millisecond), or `nil` for no limit.
    static func seconds(until end: ContinuousClock.Instant?) -> Double? {
        end.map { end in
            let left = (end - ContinuousClock.now).components
            return max(0.001, Double(left.seconds) + Double(left.attoseconds) / 1e18)
        }
    }

    /// Seconds since `start` as messages print them, to a tenth: "20.7".
    static func elapsed(since start: ContinuousClock.Instant) -> String {
        let c = (ContinuousClock.now - start).components
        let seconds = Double(c.seconds) + Double(c.attoseconds) / 1e18
        return String((seconds * 10).rounded() / 10)
    }

    /// A limit as messages print it: "10", "0.5", or "∞".
    static func text(_ limit: Double?) -> String {
        limit.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "∞"
    }
}

/// The outcome measures of pabutools' `analysis` package, with pabutools' names and values: the
/// one definition of each measure that `analyze`, `elect`, `report` and `batch` print.
///
/// ```swift
/// let profile = try AnalysisProfile(election)
/// let outcome = try Rules.run(.mesCost, on: profile.instance)
/// let m = OutcomeAnalysis.measures(profile, selected: outcome.selected, rule: .mesCost)
/// m["avg_satisfaction:Cost_Sat"]     // .rational(589833970/1751)
/// ```
public enum OutcomeAnalysis {
    /// Every per-outcome measure that applies to the profile's vote type.
    ///
    /// - Parameters:
    ///   - selected: the funded projects (dense indices).
    ///   - rule: the rule that chose them, if any: the MES analytics apply to `mes-cost` only.
    public static func measures(
        _ profile: AnalysisProfile, selected: [Int], rule: RuleName? = nil, options: AnalysisOptions = .init()
    ) -> MeasureSet {
        var out = MeasureSet()
        let funded = profile.mask(selected)
        let families = options.families
        if families.contains(.satisfaction) {
            for sat in profile.satisfactionClasses {
                VoterSatisfaction.add(to: &out, profile, sat, funded: funded)
            }
            if profile.voterCount > 0 {
                out.set("percent_non_empty_handed", VoterSatisfaction.nonEmptyHanded(profile, funded: funded))
            }
        }
        if families.contains(.fairness) {
            if let c = CategoryProportionality.compute(profile, funded: funded) {
                out.set("category_proportionality", c)
            }
            if profile.instance.kind == .approval, let f = FairShare.compute(profile, funded: funded) {
                out.set("average_capped_fair_share_ratio", f.capped)
                out.set("average_normalised_distance_to_fair_share", f.distance)
            }
        }
        if families.contains(.justifiedRepresentation) {
            JustifiedRepresentation.add(to: &out, profile, funded: funded, options: options)
        }
        if families.contains(.priceability) {
            Priceability.add(to: &out, profile, funded: funded, options: options)
        }
        if families.contains(.core) {
            Core.add(to: &out, profile, funded: funded, options: options)
        }
        if rule == .mesCost && families.contains(.mesAnalytics) {
            MESAnalytics.add(to: &out, profile, selected: selected, options: options)
        }
        return out
    }

    /// The histogram normalisers per satisfaction class (`histogram_max_satisfaction`).
    public static func histogramMaxima(_ profile: AnalysisProfile) -> [MeasureEntry] {
        profile.satisfactionClasses.map { sat in
            let m = VoterSatisfaction.maxSatisfaction(profile, sat)
            // pabutools' counts (cardinality, Borda) are Python ints, amounts are rationals.
            let value: MeasureValue =
                sat == .cardinality || sat == .borda ? .integer(Int(m)) : .rational(exact(m, profile.denominator(sat)))
            return MeasureEntry(sat.pabutoolsName, value)
        }
    }
}
