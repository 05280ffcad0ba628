/// One of the decision processes a simulation compares (MODEL.md section 2), or the
/// perfect-information optimum they are measured against.
///
/// Each regime has a stable ``key`` used in JSON and CSV output (`service-led`, `co-produced`,
/// `panel`, `blend-0.25`, `optimum`) and a ``title`` for people.
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
    /// `lambda = 0` is service-led with the greedy rule, and `lambda = 1` is greedy by votes.
    case blend(Double)
    /// The perfect-information optimum `S*` (exact maximum of true welfare within the budget and
    /// envelopes); with real ballots, where there is no ground truth, it is absent.
    case optimum

    /// The machine-readable name: `service-led`, `co-produced`, `panel`, `blend-<lambda>`, `optimum`.
    ///
    /// The lambda is written in its shortest decimal form (`blend-0`, `blend-0.25`, `blend-1`).
    public var key: String {
        switch self {
        case .serviceLed: "service-led"
        case .coProduced: "co-produced"
        case .panel: "panel"
        case .blend(let lambda): "blend-\(RegimeID.lambdaText(lambda))"
        case .optimum: "optimum"
        }
    }

    /// The name for people: `service-led`, `co-produced`, `citizens' panel`, `blend λ=0.25`, `optimum`.
    public var title: String {
        switch self {
        case .serviceLed: "service-led"
        case .coProduced: "co-produced"
        case .panel: "citizens' panel"
        case .blend(let lambda): "blend λ=\(RegimeID.lambdaText(lambda))"
        case .optimum: "optimum"
        }
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
}
