extension Scenario {
    /// A population group `g`: people who share a district and a profile of needs.
    ///
    /// ```yaml
    /// - id: families-north
    ///   district: north
    ///   size: 5200
    ///   needs: {education: 0.9, social-care: 0.4, green-space: 0.5}
    ///   participation: 0.08
    ///   visibility: 1.0
    /// ```
    public struct Group: Sendable, Hashable, Codable, Identifiable {
        /// The group's id, unique among groups.
        public var id: GroupID

        /// The district the group lives in, or `nil` for a group spread over the whole area.
        public var district: DistrictID?

        /// The number of people `n_g` in the group, at least 1.
        public var size: Int

        /// The true need `N[g][k] >= 0` per domain (lived experience, which nobody observes perfectly).
        ///
        /// Domains not listed have need 0; at least one need is greater than 0.
        public var needs: [DomainID: Double]

        /// The participation rate `t_g` in `[0, 1]`: the chance that a member takes part in a co-produced
        /// process.
        public var participation: Double

        /// The visibility `v_g` in `(0, 1]`: how well the service's own data sees this group (1 = fully,
        /// low = seldom heard).
        public var visibility: Double

        /// Creates a population group.
        ///
        /// - Parameters:
        ///   - id: The group's id.
        ///   - district: The group's district, or `nil` for the whole area.
        ///   - size: The number of people, at least 1.
        ///   - needs: The true need per domain, each at least 0.
        ///   - participation: The participation rate in `[0, 1]`.
        ///   - visibility: The visibility in `(0, 1]`.
        public init(
            id: GroupID,
            district: DistrictID? = nil,
            size: Int,
            needs: [DomainID: Double],
            participation: Double,
            visibility: Double
        ) {
            self.id = id
            self.district = district
            self.size = size
            self.needs = needs
            self.participation = participation
            self.visibility = visibility
        }

    }
}
