import ArgumentParser
import PBModel

/// How commands that count real ballots weight the voters (one declaration for elect, analyze and
/// report): a weights file, or census reweighting by a voter column.
struct WeightingOptions: ParsableArguments {
    @Option(help: "A CSV file with the columns voter_id and weight: the outcome counts each voter by its weight.")
    var weights: String?

    @Option(
        help: """
            Census reweighting by this voter column of the VOTES section (e.g. sex, age, neighborhood), \
            to the shares of --target.
            """)
    var weightBy: String?

    @Option(
        help: """
            With --weight-by: each category's share of the population, VALUE=SHARE,... summing to 1 \
            (e.g. F=0.52,M=0.48, or numeric bins 18-34=0.3,35-64=0.45,65-=0.25). Voters with no value \
            weigh 1 (a warning counts them).
            """)
    var target: String?

    /// Whether any weighting option is given.
    var isGiven: Bool { weights != nil || weightBy != nil || target != nil }

    func validate() throws {
        if weights != nil && (weightBy != nil || target != nil) {
            throw ValidationError("give --weights FILE or --weight-by COLUMN --target VALUE=SHARE,..., not both")
        }
        if (weightBy == nil) != (target == nil) {
            throw ValidationError("--weight-by COLUMN and --target VALUE=SHARE,... go together")
        }
        _ = try weighting()
    }

    /// The weighting asked for, `nil` when none.
    ///
    /// - Throws: `ValidationError` when the targets are not valid.
    func weighting() throws -> VoterWeighting? {
        if let weights { return .file(path: weights) }
        guard let weightBy, let target else { return nil }
        do {
            return try VoterWeighting.census(column: weightBy, parsing: target)
        } catch {
            throw ValidationError("--target: \(error.description)")
        }
    }
}
