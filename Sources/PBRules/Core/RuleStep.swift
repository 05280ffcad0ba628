/// One step of a rule that explains itself step by step (PB-EAR, maximin support, CSTV), for
/// `--explain`.
public struct RuleStep: Sendable, Hashable {
    /// The project funded (or, for CSTV, acted on) at this step, if any.
    public var project: Int?
    /// The projects the step chose from: PB-EAR's qualifying set, maximin support's tied
    /// candidates, CSTV's eligible projects.
    public var candidates: [Int]
    /// What happened, in words (`j = 2`, `max load 1250/3`, `eliminated`).
    public var note: String

    public init(project: Int?, candidates: [Int] = [], note: String) {
        self.project = project
        self.candidates = candidates
        self.note = note
    }
}
