/// Why a continuous allocation (MODEL.md section 4) could not be computed.
///
/// The description is the message for the user:
///
/// ```swift
/// do {
///     _ = try ContinuousAllocation.solve(weights: [1, 1], saturation: [1, 1], lower: [3, 3], upper: [5, 5], total: 4)
/// } catch {
///     print(error)  // "the domain minimums add up to 6, more than the total 4"
/// }
/// ```
public enum AllocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The lower bounds add up to more than the total (the first value), or the upper bounds to
    /// less: no split meets them. Carries the sum of the lower bounds, the sum of the upper
    /// bounds and the total.
    case infeasibleBounds(lowerSum: Double, upperSum: Double, total: Double)
    /// An argument is out of range; the text names it, e.g. `saturation[2]: expected a finite value > 0, got 0`.
    case invalidArgument(String)
    /// The scenario cannot be split by domain; the text says why.
    case unsupportedScenario(String)
    /// The numerical minimiser failed; the text is GSL's message.
    case solverFailed(String)

    /// The message for the user.
    public var description: String {
        switch self {
        case .infeasibleBounds(let lowerSum, let upperSum, let total):
            if lowerSum > total {
                return
                    "the domain minimums add up to \(Self.amount(lowerSum)), more than the total \(Self.amount(total))"
            }
            return "the domain maximums add up to \(Self.amount(upperSum)), less than the total \(Self.amount(total))"
        case .invalidArgument(let message):
            return message
        case .unsupportedScenario(let message):
            return message
        case .solverFailed(let message):
            return "the continuous allocation solver failed: \(message)"
        }
    }

    /// An amount without a trailing `.0` when it is whole.
    private static func amount(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
