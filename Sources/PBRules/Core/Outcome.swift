/// The result of a rule: the funded projects, in the order the rule chose them, and what an
/// explanation needs.
public struct Outcome: Sendable, Hashable {
    /// The rule that produced it.
    public var rule: RuleName
    /// Dense project indices, in selection order.
    public var selected: [Int]
    /// The total cost, in the instance's integer units (see ``RuleInstance/scale``).
    public var costUnits: Int64
    /// For MES: one entry per funded project, in order.
    public var mesRounds: [MESRound]
    /// For the Add1 variants: the per-voter budget increment finally used (0 = plain MES).
    public var add1Increment: Int64?
    /// Whether the exact rational fallback decided the outcome (a floating-point comparison was too close to call).
    public var usedExactArithmetic: Bool
    /// For the rules that explain themselves step by step (PB-EAR, maximin support, CSTV): the steps.
    public var steps: [RuleStep]

    public init(
        rule: RuleName, selected: [Int], costUnits: Int64, mesRounds: [MESRound] = [], add1Increment: Int64? = nil,
        usedExactArithmetic: Bool = false, steps: [RuleStep] = []
    ) {
        self.rule = rule
        self.selected = selected
        self.costUnits = costUnits
        self.mesRounds = mesRounds
        self.add1Increment = add1Increment
        self.usedExactArithmetic = usedExactArithmetic
        self.steps = steps
    }
}

/// One round of the Method of Equal Shares, for explanations.
public struct MESRound: Sendable, Hashable {
    /// The project funded.
    public var project: Int
    /// Its price per unit of satisfaction (ρ).
    public var rho: Double
    /// The most a supporter paid (ρ × satisfaction for binary satisfaction).
    public var maxPayment: Double
    /// How many supporters paid something.
    public var payers: Int
    /// How many of them paid their whole remaining budget.
    public var payersCapped: Int
    /// The voters who paid and how much (in the instance's units), when details were asked for.
    public var payments: [VoterPayment]

    public init(
        project: Int, rho: Double, maxPayment: Double, payers: Int, payersCapped: Int, payments: [VoterPayment] = []
    ) {
        self.project = project
        self.rho = rho
        self.maxPayment = maxPayment
        self.payers = payers
        self.payersCapped = payersCapped
        self.payments = payments
    }
}

/// A voter's payment towards a funded project.
public struct VoterPayment: Sendable, Hashable {
    public var voter: Int
    public var amount: Double
    public init(voter: Int, amount: Double) {
        self.voter = voter
        self.amount = amount
    }
}
