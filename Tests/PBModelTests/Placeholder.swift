import Testing

@Suite struct PlaceholderPBModelTests { @Test func placeholder() { #expect(1 + 1 == 2) } }
