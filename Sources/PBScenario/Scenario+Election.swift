public import PBModel

extension Scenario {
    /// A real election in pabulib's `.pb` format that supplies the proposals and the ballots
    /// (MODEL.md section 6).
    ///
    /// ```yaml
    /// election:
    ///   file: poland_warszawa_2017_wars.pb      # relative to the scenario file
    ///   needs: {urban greenery: 0.6, seniors: 0.9}
    ///   weight_by: age                          # census reweighting of the voters (optional)
    ///   targets: {18-34: 0.3, 35-64: 0.45, 65-: 0.25}
    /// ```
    ///
    /// Instead of `weight_by` and `targets`, `weights: FILE.csv` gives each voter a weight (columns
    /// `voter_id` and `weight`). The co-produced regime counts each voter by its weight.
    ///
    /// There is no ground truth then: the service-led scores come from ``needs``, the assessed need
    /// per category or target group of the `.pb` file's `PROJECTS` section, and the co-produced
    /// outcome from the real ballots. This package does not read the `.pb` file; it only checks that it
    /// exists.
    public struct Election: Sendable, Hashable, Codable {
        /// The path as written in the scenario file.
        public var file: String

        /// The path resolved against the scenario file's folder (unchanged when ``file`` is absolute).
        public var path: String

        /// The assessed need weight (at least 0) per category or target group name, exactly as the
        /// `.pb` file spells it (e.g. `urban greenery`, `seniors`). Names not listed weigh 0.
        public var needs: [String: Double]

        /// A weights file for the voters (CSV, columns `voter_id` and `weight`), as written, or `nil`.
        public var weights: String?

        /// ``weights`` resolved against the scenario file's folder.
        public var weightsPath: String?

        /// Census reweighting: the voter column of the `.pb` file (`sex`, `age`, `neighborhood`), or `nil`.
        public var weightBy: String?

        /// Census reweighting: each category's share of the population (`F: 0.52`, `18-34: 0.3`, `65-: 0.25`).
        public var targets: [String: Double]?

        /// Creates an election reference.
        ///
        /// - Parameters:
        ///   - file: The path as written in the scenario file.
        ///   - path: The path resolved against the scenario file's folder.
        ///   - needs: The need weight per category or target group name, each at least 0.
        ///   - weights: A weights file as written, and resolved (`weightsPath`).
        ///   - weightBy: The voter column of census reweighting, with its `targets`.
        public init(
            file: String, path: String, needs: [String: Double], weights: String? = nil, weightsPath: String? = nil,
            weightBy: String? = nil, targets: [String: Double]? = nil
        ) {
            self.file = file
            self.path = path
            self.needs = needs
            self.weights = weights
            self.weightsPath = weightsPath ?? weights
            self.weightBy = weightBy
            self.targets = targets
        }

        private enum CodingKeys: String, CodingKey {
            case file, path, needs, weights
            case weightsPath = "weights_path"
            case weightBy = "weight_by"
            case targets
        }

        /// How the election's voters are weighted (MODEL.md section 6): a weights file, census
        /// reweighting by ``weightBy`` to ``targets`` (labels in sorted order), or `nil` for neither.
        ///
        /// - Throws: ``PBModel/VoterWeighting/TargetProblem`` when the targets are not valid (the
        ///   validator reports it at `election.targets`).
        public func voterWeighting() throws(VoterWeighting.TargetProblem) -> VoterWeighting? {
            if let weightsPath { return .file(path: weightsPath) }
            guard let weightBy, let targets else { return nil }
            return try VoterWeighting.census(
                column: weightBy, shares: targets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }
}
