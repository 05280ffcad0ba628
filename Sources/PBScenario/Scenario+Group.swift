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

        /// Whether the group is flagged as seldom heard (`seldom_heard` in the file), or `nil` for the
        /// default: a group is seldom heard when its visibility is below 0.5 (see ``isSeldomHeard``).
        public var seldomHeard: Bool?

        /// Whether the group counts as seldom heard in the reports: the flag when the file sets it,
        /// otherwise `visibility < 0.5`.
        public var isSeldomHeard: Bool { seldomHeard ?? (visibility < 0.5) }

        /// Creates a population group.
        ///
        /// - Parameters:
        ///   - id: The group's id.
        ///   - district: The group's district, or `nil` for the whole area.
        ///   - size: The number of people, at least 1.
        ///   - needs: The true need per domain, each at least 0.
        ///   - participation: The participation rate in `[0, 1]`.
        ///   - visibility: The visibility in `(0, 1]`.
        ///   - seldomHeard: The seldom-heard flag, or `nil` for the default (visibility below 0.5).
        public init(
            id: GroupID,
            district: DistrictID? = nil,
            size: Int,
            needs: [DomainID: Double],
            participation: Double,
            visibility: Double,
            seldomHeard: Bool? = nil
        ) {
            self.id = id
            self.district = district
            self.size = size
            self.needs = needs
            self.participation = participation
            self.visibility = visibility
            self.seldomHeard = seldomHeard
        }

        private enum CodingKeys: String, CodingKey {
            case id, district, size, needs, participation, visibility
            case seldomHeard = "seldom_heard"
        }
    }
}
