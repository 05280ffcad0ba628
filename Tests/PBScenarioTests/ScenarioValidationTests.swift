import Foundation
import PBScenario
import Testing

/// One test per kind of validation error, each pinning the whole message.
///
/// The fixtures are `small.yaml` with one mistake each; the lines in the messages are those of the
/// fixture files.
@Suite struct ScenarioValidationTests {
    /// The error thrown when loading fixture `name`, and the fixture's path.
    private func error(loading name: String) -> (path: String, error: ScenarioError?) {
        let path = Fixtures.path(name)
        let error = #expect(throws: ScenarioError.self) { _ = try Scenario.load(path: path) }
        return (path, error)
    }

    @Test("The hand-written base fixture is valid")
    func baseFixtureIsValid() throws {
        let scenario = try Scenario.load(path: Fixtures.path("small.yaml"))
        #expect(scenario.name == "Small test scenario")
        #expect(scenario.population.count == 3)
        #expect(scenario.proposals.count == 3)
    }

    @Test("An unknown domain is reported with its line, its field path and a did-you-mean hint")
    func unknownDomain() {
        let (path, error) = error(loading: "unknown-domain.yaml")
        #expect(
            error?.description
                == "\(path):18: population[1].needs.helth: unknown domain 'helth' (did you mean 'health'?)")
    }

    @Test("An unknown key is an error with a did-you-mean hint, and the field it misspells is missing")
    func unknownKey() {
        let (path, error) = error(loading: "unknown-key.yaml")
        #expect(
            error?.description == """
                \(path):9: population[0]: missing field 'participation'
                \(path):13: population[0].particpation: unknown key 'particpation' (did you mean 'participation'?)
                """)
    }

    @Test("An unknown key with no close match lists the known keys")
    func unknownKeyWithoutSuggestion() throws {
        // small.yaml has 54 lines, so the extra key is on line 55.
        let yaml = try String(contentsOfFile: Fixtures.path("small.yaml"), encoding: .utf8) + "colour: blue\n"
        let error = #expect(throws: ScenarioError.self) { _ = try Scenario.parse(yaml: yaml, file: "small.yaml") }
        #expect(
            error?.description
                == "small.yaml:55: colour: unknown key 'colour' (known keys: name, currency, seed, runs, budget, "
                + "domains, districts, population, proposals, regimes, election)")
    }

    @Test("Text where a number belongs is a type error that quotes the text")
    func wrongType() {
        let (path, error) = error(loading: "wrong-type.yaml")
        #expect(error?.description == "\(path):29: proposals[0].cost: expected a number, got 'abc'")
    }

    @Test("A negative cost is rejected")
    func negativeCost() {
        let (path, error) = error(loading: "negative-cost.yaml")
        #expect(
            error?.description == "\(path):29: proposals[0].cost: must be between 0.01 and 10^12, got -400")
    }

    @Test("A participation rate above 1 is out of range")
    func probabilityOutOfRange() {
        let (path, error) = error(loading: "probability-out-of-range.yaml")
        #expect(
            error?.description == "\(path):19: population[1].participation: must be between 0 and 1, got 1.5")
    }

    @Test("A visibility of 0 is rejected: the range is (0, 1]")
    func visibilityZero() {
        let (path, error) = error(loading: "visibility-zero.yaml")
        #expect(
            error?.description
                == "\(path):20: population[1].visibility: must be greater than 0 and at most 1, got 0")
    }

    @Test("A reach override for an unknown group is reported with a did-you-mean hint")
    func unknownGroupInReach() {
        let (path, error) = error(loading: "unknown-group-in-reach.yaml")
        #expect(
            error?.description
                == "\(path):40: proposals[1].reach.north-familes: unknown group 'north-familes' "
                + "(did you mean 'north-families'?)")
    }

    @Test("An unknown district is reported with a did-you-mean hint")
    func unknownDistrict() {
        let (path, error) = error(loading: "unknown-district.yaml")
        #expect(
            error?.description
                == "\(path):30: proposals[0].district: unknown district 'nroth' (did you mean 'north'?)")
    }

    @Test("A duplicate id is reported at the repeat, with the line of the first")
    func duplicateID() {
        let (path, error) = error(loading: "duplicate-id.yaml")
        #expect(
            error?.description == "\(path):45: proposals[2].id: duplicate proposal id 'school' (first at line 27)")
    }

    @Test("A budget that cannot fund any proposal names the cheapest one and its effective cost")
    func budgetCannotFundAnyProposal() {
        let (path, error) = error(loading: "budget-too-small.yaml")
        #expect(
            error?.description
                == "\(path):5: budget.total: the budget of 250 cannot fund any proposal: the cheapest, 'park', "
                + "has an effective cost of 300")
    }

    @Test("An envelope whose minimum exceeds its maximum is rejected")
    func envelopeMinAboveMax() {
        let (path, error) = error(loading: "envelope-min-above-max.yaml")
        #expect(error?.description == "\(path):7: budget.envelopes[0]: min 300 is greater than max 200")
    }

    @Test("District minimums that add up to more than the budget are rejected")
    func envelopeMinimumsAboveTotal() {
        let (path, error) = error(loading: "envelope-minimums.yaml")
        #expect(
            error?.description
                == "\(path):6: budget.envelopes: the district minimums add up to 800, "
                + "more than the total budget of 700")
    }

    @Test("A district minimum that the proposals located there cannot reach is rejected")
    func envelopeMinimumUnreachable() {
        let (path, error) = error(loading: "envelope-unreachable.yaml")
        // The only proposal in south is the clinic: 600 × (1 − 0.2) = 480.
        #expect(
            error?.description
                == "\(path):7: budget.envelopes[0]: the minimum of 500 for district 'south' cannot be met: "
                + "the proposals located in it have an effective cost of 480 in all")
    }

    @Test("A YAML syntax error gives its line and column")
    func yamlSyntaxError() {
        let (path, error) = error(loading: "syntax-error.yaml")
        #expect(
            error?.description
                == "\(path):19:18: YAML syntax error: did not find expected ',' or '}' "
                + "(while parsing a flow mapping at line 18, column 12)")
    }

    @Test("A key given twice in one mapping is reported")
    func duplicateKey() {
        let (path, error) = error(loading: "duplicate-key.yaml")
        #expect(error?.description == "\(path):17:5: duplicate key 'size' in the same mapping")
    }

    @Test("Several errors are reported together, ordered by line")
    func severalErrorsAtOnce() {
        let (path, error) = error(loading: "several-errors.yaml")
        #expect(
            error?.description == """
                \(path):3: currency: expected a three-letter currency code such as 'GBP' or 'EUR', got 'pounds'
                \(path):18: population[1].needs.helth: unknown domain 'helth' (did you mean 'health'?)
                \(path):20: population[1].visibility: expected a number, got 'high'
                \(path):29: proposals[0].cost: must be between 0.01 and 10^12, got -400
                \(path):34: proposals[1]: missing field 'title'
                \(path):53: regimes.co-produced.rule: expected greedy, mes, mes-add1, mes-add1-greedy, max-welfare or \
                phragmen, got 'mse' (did you mean 'mes'?)
                """)
        #expect(error?.issues.count == 6)
    }

    @Test("A missing file is an error naming the path")
    func missingFile() {
        let path = "/nonexistent/folder/nope.yaml"
        let error = #expect(throws: ScenarioError.self) { _ = try Scenario.load(path: path) }
        #expect(error == .fileNotFound(path: path))
        #expect(error?.description == "/nonexistent/folder/nope.yaml: no such scenario file")
    }

    @Test("Only co-delivered or community-led proposals may have an in-kind share")
    func inKindOnServiceDelivery() {
        let (path, error) = error(loading: "in-kind-service.yaml")
        #expect(
            error?.description
                == "\(path):34: proposals[0].in_kind: only co-delivered or community-led proposals can have an "
                + "in-kind share (delivery is 'service')")
    }

    @Test("An approval ballot needs a threshold or a top")
    func approvalWithoutThreshold() {
        let (path, error) = error(loading: "approval-without-threshold.yaml")
        #expect(
            error?.description
                == "\(path):54: regimes.co-produced: approval ballots need 'threshold' (approve every proposal worth "
                + "at least that much) or 'top' (approve the best m)")
    }

    @Test("An election scenario rejects what the .pb file supplies, and checks its file and needs")
    func electionErrors() {
        let (path, error) = error(loading: "election-errors.yaml")
        let missing = Fixtures.path("missing.pb")
        #expect(
            error?.description == """
                \(path):7: population: not used with an election: the voters come from the .pb file
                \(path):14: election.file: no such file '\(missing)'
                \(path):15: election.needs.health: must be between 0 and 10^6, got -1
                \(path):18: regimes.co-produced.perception_noise: not used with an election: the real ballots of \
                the .pb file are used
                \(path):19: regimes.panel: a citizens' panel is drawn from the population, which a scenario with an \
                election does not have
                """)
    }

    @Test("An election scenario resolves its file against the scenario's folder")
    func electionResolvesFile() throws {
        let scenario = try Scenario.load(path: Fixtures.path("election.yaml"))
        let election = try #require(scenario.election)
        #expect(election.file == "tiny.pb")
        #expect(election.path == Fixtures.path("tiny.pb"))
        #expect(election.needs == ["health": 0.9, "seniors": 1])
        #expect(scenario.domains.isEmpty)
        #expect(scenario.regimes.coProduced.rule == .mes)
    }

    @Test("Parsing a string names the given file, and an empty file is an error")
    func parseNamesTheFile() {
        let error = #expect(throws: ScenarioError.self) { _ = try Scenario.parse(yaml: "", file: "Scenarios/x.yaml") }
        #expect(error?.description == "Scenarios/x.yaml: the file is empty")
        let notAMapping = #expect(throws: ScenarioError.self) {
            _ = try Scenario.parse(yaml: "just text", file: "Scenarios/x.yaml")
        }
        #expect(
            notAMapping?.description == "Scenarios/x.yaml:1: expected a mapping of scenario fields, got 'just text'")
    }
}
