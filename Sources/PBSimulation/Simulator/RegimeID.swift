/// One of the decision processes a simulation compares (MODEL.md section 2), or the
/// perfect-information optimum they are measured against.
///
/// Each regime has a stable ``key`` used in JSON and CSV output (`service-led`, `co-produced`,
/// `panel`, `blend-0.25`, `split-0.1`, `optimum`), a short ``title`` for tables and a ``label`` for
/// people that never presents a scoring endpoint as a process.
///
/// ```swift
/// RegimeID.blend(0.25).key    // "blend-0.25"
/// RegimeID.coProduced.title   // "co-produced"
/// ```
public enum RegimeID: Sendable, Hashable {
    /// Professionals score proposals from a needs assessment.
    case serviceLed
    /// The people vote (simulated ballots, or the real ballots of an election).
    case coProduced
    /// A citizens' panel drawn from the population.
    case panel
    /// A blend of the normalised service-led and co-produced scores with weight `lambda` on the latter.
    ///
    /// The service-led score is the estimated welfare `What_j`; the co-produced score is what the
    /// co-produced greedy rule ranks by (approval: votes times effective cost; cumulative: points;
    /// cardinal: the sum of perceived benefits). Whatever the regimes' own rules, a blend funds
    /// proposals greedily by blended score per effective cost, within the budget and envelopes: so
    /// `lambda = 0` is the officers' scores counted greedily and `lambda = 1` the residents' scores
    /// counted greedily, *scoring* regimes, not the two processes (see ``split(_:)``).
    case blend(Double)
    /// Two pots (MODEL.md section 2.4): the co-produced process decides `share * B` first, the
    /// service-led process the rest over the proposals not yet funded. Share 0 is exactly
    /// service-led, share 1 (with the leftover unspent) exactly co-produced.
    case split(Double)
    /// The perfect-information optimum `S*` (exact maximum of true welfare within the budget and
    /// envelopes); with real ballots, where there is no ground truth, it is absent.
    case optimum

    /// The machine-readable name: `service-led`, `co-produced`, `panel`, `blend-<lambda>`,
    /// `split-<share>`, `optimum`.
    ///
    /// The lambda is written in its shortest decimal form (`blend-0`, `blend-0.25`, `blend-1`).
    public var key: String {
        switch self {
        case .serviceLed: "service-led"
        case .coProduced: "co-produced"
        case .panel: "panel"
        case .blend(let lambda): "blend-\(RegimeID.lambdaText(lambda))"
        case .split(let share): "split-\(RegimeID.lambdaText(share))"
        case .optimum: "optimum"
        }
    }

    /// The name for people, as JSON's `label` and the reports' plain words give it: `service-led
    /// (officers decide)`, `officers' scores`, `residents' scores`, `10% to a residents' vote, the rest
    /// service-led`, ….
    public var label: String {
        switch self {
        case .serviceLed: "service-led (officers decide from their needs assessment)"
        case .coProduced: "co-produced (residents vote)"
        case .panel: "citizens' panel"
        case .blend(0): "officers' scores (greedy)"
        case .blend(1): "residents' scores (greedy)"
        case .blend(let lambda):
            "joint scoring, \(RegimeID.percentText(lambda)) residents' scores and "
                + "\(RegimeID.percentText(1 - lambda)) officers' scores"
        case .split(0): "two pots, 0% to a residents' vote (all service-led)"
        case .split(1): "two pots, 100% to a residents' vote"
        case .split(let share):
            "two pots, \(RegimeID.percentText(share)) to a residents' vote, the rest service-led"
        case .optimum: "optimum (perfect information)"
        }
    }

    /// The short name for tables: `service-led`, `co-produced`, `citizens' panel`, `officers' scores`
    /// (blend 0), `blend λ=0.25`, `residents' scores` (blend 1), `10% vote`, `optimum`.
    public var title: String {
        switch self {
        case .serviceLed: "service-led"
        case .coProduced: "co-produced"
        case .panel: "citizens' panel"
        case .blend(0): "officers' scores"
        case .blend(1): "residents' scores"
        case .blend(let lambda): "blend λ=\(RegimeID.lambdaText(lambda))"
        case .split(let share): "\(RegimeID.percentText(share)) vote"
        case .optimum: "optimum"
        }
    }

    /// The share of a ``split(_:)`` regime, or `nil`.
    public var share: Double? {
        if case .split(let share) = self { return share }
        return nil
    }

    /// The blend weight of a ``blend(_:)`` regime, or `nil`.
    public var lambda: Double? {
        if case .blend(let lambda) = self { return lambda }
        return nil
    }

    /// A weight in `[0, 1]` in its shortest form: `0`, `0.25`, `1`.
    static func lambdaText(_ lambda: Double) -> String {
        if lambda == lambda.rounded() { return String(Int(lambda)) }
        return "\(lambda)"
    }

    /// A share as a whole percentage when it is one: `10%`, `12.5%`.
    static func percentText(_ share: Double) -> String {
        let percent = share * 100
        if abs(percent - percent.rounded()) < 1e-9 { return "\(Int(percent.rounded()))%" }
        return "\(percent)%"
    }
}
