extension Scenario {
    /// A real election in pabulib's `.pb` format that supplies the proposals and the ballots
    /// (MODEL.md section 6).
    ///
    /// ```yaml
    /// election:
    ///   file: poland_warszawa_2017_wars.pb      # relative to the scenario file
    ///   needs: {urban greenery: 0.6, seniors: 0.9}
    /// ```
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

        /// Creates an election reference.
        ///
        /// - Parameters:
        ///   - file: The path as written in the scenario file.
        ///   - path: The path resolved against the scenario file's folder.
        ///   - needs: The need weight per category or target group name, each at least 0.
        public init(file: String, path: String, needs: [String: Double]) {
            self.file = file
            self.path = path
            self.needs = needs
        }
    }
}
