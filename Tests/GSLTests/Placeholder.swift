import Testing

@Suite struct PlaceholderGSLTests { @Test func placeholder() { #expect(1 + 1 == 2) } }
