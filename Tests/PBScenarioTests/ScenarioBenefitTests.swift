import PBScenario
import Testing

/// Reach, true benefit and the derived helpers, against values computed by hand from `small.yaml`.
@Suite struct ScenarioBenefitTests {
    let scenario: Scenario

    init() throws {
        scenario = try Scenario.load(path: Fixtures.path("small.yaml"))
    }

    private func group(_ id: Scenario.GroupID) throws -> Scenario.Group {
        try #require(scenario.population.first { $0.id == id })
    }

    private func proposal(_ id: Scenario.ProposalID) throws -> Scenario.Proposal {
        try #require(scenario.proposals.first { $0.id == id })
    }

    @Test("Optional fields take their documented defaults")
    func defaults() throws {
        #expect(scenario.seed == 1)
        #expect(scenario.runs == 200)
        let school = try proposal("school")
        #expect(school.costSigma == 0)
        #expect(school.inKind == 0)
        #expect(school.appropriateness == 1)
        #expect(school.reach.isEmpty)
        #expect(scenario.budget.envelopes.isEmpty)
        #expect(scenario.regimes.panel == nil)
        #expect(scenario.regimes.blend == nil)
        #expect(scenario.regimes.coProduced.ballot == .approval(.threshold(0.2)))
        #expect(scenario.regimes.coProduced.electorate == nil)
    }

    @Test("Default reach: 1 in the proposal's district, 0 elsewhere, 1 everywhere when city-wide; overrides win")
    func reachDefaultsAndOverrides() throws {
        let north = try group("north-families")
        let south = try group("south-elders")
        let anywhere = try group("everyone-else")
        let school = try proposal("school")
        let clinic = try proposal("clinic")
        let park = try proposal("park")
        // school is in north
        #expect(scenario.reach(of: school, for: north) == 1)
        #expect(scenario.reach(of: school, for: south) == 0)
        #expect(scenario.reach(of: school, for: anywhere) == 0)  // a group without district is not "in north"
        // clinic is in south, with an override for north-families
        #expect(scenario.reach(of: clinic, for: north) == 0.25)
        #expect(scenario.reach(of: clinic, for: south) == 1)
        #expect(scenario.reach(of: clinic, for: anywhere) == 0)
        // park is city-wide, with an override of 0 for south-elders
        #expect(scenario.reach(of: park, for: north) == 1)
        #expect(scenario.reach(of: park, for: south) == 0)
        #expect(scenario.reach(of: park, for: anywhere) == 1)
        #expect(scenario.reachMatrix() == [[1, 0, 0], [0.25, 1, 0], [1, 0, 1]])
    }

    @Test("True benefit is reach × appropriateness × Σ effect × need")
    func trueBenefit() throws {
        let north = try group("north-families")
        let south = try group("south-elders")
        let anywhere = try group("everyone-else")
        let school = try proposal("school")
        let clinic = try proposal("clinic")
        let park = try proposal("park")
        // school → north-families: 1 × 1 × (0.5 × 0.8 + 0.1 × 0.2) = 0.42
        #expect(isClose(scenario.trueBenefit(proposal: school, group: north), 0.42))
        #expect(scenario.trueBenefit(proposal: school, group: south) == 0)
        // clinic → north-families: 0.25 × 1.5 × (0.6 × 0.2) = 0.045
        #expect(isClose(scenario.trueBenefit(proposal: clinic, group: north), 0.045))
        // clinic → south-elders: 1 × 1.5 × (0.6 × 0.9) = 0.81
        #expect(isClose(scenario.trueBenefit(proposal: clinic, group: south), 0.81))
        // park → north-families: 1 × 1 × (0.2 × 0.8 + 0.2 × 0.2) = 0.2
        #expect(isClose(scenario.trueBenefit(proposal: park, group: north), 0.2))
        // park → everyone-else: 1 × 1 × (0.2 × 0.1 + 0.2 × 0.1) = 0.04
        #expect(isClose(scenario.trueBenefit(proposal: park, group: anywhere), 0.04))
        #expect(scenario.trueBenefit(proposal: park, group: south) == 0)

        let matrix = scenario.trueBenefitMatrix()
        let expected: [[Double]] = [[0.42, 0, 0], [0.045, 0.81, 0], [0.2, 0, 0.04]]
        #expect(matrix.count == 3)
        for (row, expectedRow) in zip(matrix, expected) {
            #expect(zip(row, expectedRow).allSatisfy { isClose($0, $1) })
        }
    }

    @Test("Effective cost subtracts the in-kind share")
    func effectiveCost() throws {
        #expect(try proposal("clinic").effectiveCost == 480)  // 600 × (1 − 0.2)
        #expect(try proposal("school").effectiveCost == 400)
    }

    @Test("A proposal's spend is attributed to domains in proportion to its effects")
    func domainShares() throws {
        let school = try scenario.domainShares(of: proposal("school"))  // {education: 0.5, health: 0.1}
        #expect(isClose(school[0], 5.0 / 6) && isClose(school[1], 1.0 / 6))
        #expect(try scenario.domainShares(of: proposal("clinic")) == [0, 1])
        #expect(try scenario.domainShares(of: proposal("park")) == [0.5, 0.5])
    }

    @Test("Dense indices follow file order")
    func denseIndices() {
        #expect(scenario.domainIndex == ["education": 0, "health": 1])
        #expect(scenario.districtIndex == ["north": 0, "south": 1])
        #expect(scenario.groupIndex == ["north-families": 0, "south-elders": 1, "everyone-else": 2])
        #expect(scenario.proposalIndex == ["school": 0, "clinic": 1, "park": 2])
        #expect(scenario.needMatrix() == [[0.8, 0.2], [0, 0.9], [0.1, 0.1]])
        #expect(scenario.effectMatrix() == [[0.5, 0.1], [0, 0.6], [0.2, 0.2]])
    }

    @Test("Total need sums a group's needs; the saturation scale defaults to total / domains")
    func totalNeedAndSaturation() throws {
        #expect(isClose(scenario.totalNeed(of: try group("north-families")), 1.0))
        #expect(scenario.saturationScale(of: "health") == 500)  // 1000 / 2 domains
    }
}
