/// The budget of the exact searches: the maximum-welfare branch and bound counts nodes, the exact
/// rational path of Phragmén counts load additions. A search that reaches it stops and the rule
/// reports ``RuleError/undetermined(rule:limit:detail:)`` instead of running on for minutes.
///
/// The default, ``standard``, decides every election of the shared reference set (the largest in
/// well under a second) and stops a pathological one within seconds.
public struct SearchLimit: Sendable, Hashable {
    /// The most steps.
    public var steps: Int

    /// A budget of `steps` (at least 1).
    public init(steps: Int) {
        self.steps = max(1, steps)
    }

    /// 20,000,000 steps.
    public static let standard = SearchLimit(steps: 20_000_000)
}
