import Testing

@Suite struct PlaceholderPBScenarioTests { @Test func placeholder() { #expect(1 + 1 == 2) } }
