import Testing

@Suite struct PlaceholderPBRulesTests { @Test func placeholder() { #expect(1 + 1 == 2) } }
