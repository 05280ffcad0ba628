import Foundation

/// The range of every numeric field of a scenario: the one table the validator checks, and the one
/// the README's "Ranges" section documents.
///
/// Each range is one the simulator's arithmetic provably holds at its ends, all fields at once:
///
/// - Money (budget, costs, envelopes) is turned into whole cents in `Int64` by the rules: at most
///   10^12 a field and at most ``maxProposals`` proposals keep every sum below 10^18 < 2^63; a cost,
///   budget or saturation scale is at least one cent, so none rounds to 0.
/// - Counts of people are drawn by GSL with 32-bit trial counts and held as one ballot per voter in
///   memory (about 24 bytes a voter and worker thread): at most ``maxPopulation`` people in all.
/// - Weights that are multiplied together (needs, appropriateness, noises, thresholds) are at most
///   10^6, so products of a few of them stay far inside `Double` and print in the text tables.
/// - `cost_sigma` at most 2 keeps the lognormal realised cost (`exp(2 z)`) finite for any draw.
/// - Runs at most 100,000: every run's outcome is kept for the intervals.
package struct FieldRange: Sendable, Hashable {
    /// The field as the README names it (`population[].size`).
    package var field: String
    /// The smallest allowed value.
    package var low: Double
    /// Whether `low` itself is excluded (`> 0`).
    package var lowExcluded: Bool
    /// The largest allowed value.
    package var high: Double
    /// Whether `high` itself is excluded (`< 1`).
    package var highExcluded: Bool

    /// Whether `value` is in the range (`NaN` never is).
    package func contains(_ value: Double) -> Bool {
        (lowExcluded ? value > low : value >= low) && (highExcluded ? value < high : value <= high)
    }

    /// `between 1 and 100000`, `greater than 0 and at most 10^12`, `at least 0 and less than 1`.
    package var phrase: String {
        let (l, h) = (Self.format(low), Self.format(high))
        switch (lowExcluded, highExcluded) {
        case (false, false): return "between \(l) and \(h)"
        case (true, false): return "greater than \(l) and at most \(h)"
        case (false, true): return "at least \(l) and less than \(h)"
        case (true, true): return "greater than \(l) and less than \(h)"
        }
    }

    /// A number as the messages and the README write it: whole numbers below 10^6 in full, larger
    /// ones as powers of ten (`10^12`).
    package static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e6 { return String(Int64(value)) }
        let exponent = log10(abs(value))
        if abs(value) >= 1e6, exponent.rounded() == exponent { return (value < 0 ? "-" : "") + "10^\(Int(exponent))" }
        return "\(value)"
    }

    private init(_ field: String, _ low: Double, _ high: Double, lowExcluded: Bool = false, highExcluded: Bool = false)
    {
        self.field = field
        self.low = low
        self.high = high
        self.lowExcluded = lowExcluded
        self.highExcluded = highExcluded
    }

    /// The most proposals a scenario may list.
    package static let maxProposals = 10_000
    /// The most groups a scenario may list.
    package static let maxGroups = 10_000
    /// The most domains or districts a scenario may declare.
    package static let maxNames = 1_000
    /// The most people in all groups together.
    package static let maxPopulation = 10_000_000
    /// The most lambdas of a blend.
    package static let maxLambdas = 1_001

    static let money = 1e12
    static let cent = 0.01
    static let weight = 1e6

    /// Every numeric field, in the README's order.
    package static let table: [FieldRange] = [
        FieldRange("runs", 1, 100_000),
        FieldRange("budget.total", cent, money),
        FieldRange("budget.envelopes[].min", 0, money),
        FieldRange("budget.envelopes[].max", 0, money),
        FieldRange("budget.saturation.<domain>", cent, money),
        FieldRange("population[].size", 1, Double(maxPopulation)),
        FieldRange("population[].needs.<domain>", 0, weight),
        FieldRange("population[].participation", 0, 1),
        FieldRange("population[].visibility", 0, 1, lowExcluded: true),
        FieldRange("proposals[].cost", cent, money),
        FieldRange("proposals[].cost_sigma", 0, 2),
        FieldRange("proposals[].effects.<domain>", 0, 1),
        FieldRange("proposals[].reach.<group>", 0, 1),
        FieldRange("proposals[].in_kind", 0, 1, highExcluded: true),
        FieldRange("proposals[].appropriateness", 0, weight, lowExcluded: true),
        FieldRange("proposals[].delivery_risk", 0, 1, highExcluded: true),
        FieldRange("regimes.service-led.information_noise", 0, weight),
        FieldRange("regimes.service-led.effect_noise", 0, weight),
        FieldRange("regimes.service-led.discovery", 0, 1),
        FieldRange("regimes.co-produced.perception_noise", 0, weight),
        FieldRange("regimes.co-produced.shared_noise", 0, weight),
        FieldRange("regimes.co-produced.effect_noise", 0, weight),
        FieldRange("regimes.co-produced.threshold", 0, weight),
        FieldRange("regimes.co-produced.top", 1, Double(maxProposals)),
        FieldRange("regimes.co-produced.points", 1, 1_000_000),
        FieldRange("regimes.co-produced.electorate", 1, Double(maxPopulation)),
        FieldRange("regimes.co-produced.process_cost", 0, money),
        FieldRange("regimes.co-produced.outreach.cost", 0, money),
        FieldRange("regimes.co-produced.outreach.participation.<group>", 0, 1),
        FieldRange("regimes.panel.size", 1, 100_000),
        FieldRange("regimes.panel.deliberation", 0, 1),
        FieldRange("regimes.panel.process_cost", 0, money),
        FieldRange("regimes.blend.lambdas[]", 0, 1),
        FieldRange("regimes.split.shares[]", 0, 1),
        FieldRange("election.needs.<name>", 0, weight),
    ]

    private static let byField = Dictionary(uniqueKeysWithValues: table.map { ($0.field, $0) })

    /// The range of `field` (a name of ``table``).
    package static func of(_ field: String) -> FieldRange {
        guard let range = byField[field] else { preconditionFailure("no range for \(field)") }
        return range
    }
}
