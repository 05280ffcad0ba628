import Testing

@Suite struct PlaceholderPBReportsTests { @Test func placeholder() { #expect(1 + 1 == 2) } }
