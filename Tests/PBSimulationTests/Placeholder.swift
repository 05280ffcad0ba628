import Testing

@Suite struct PlaceholderPBSimulationTests { @Test func placeholder() { #expect(1 + 1 == 2) } }
