import Testing

@Suite struct PlaceholderPBSimCLITests { @Test func placeholder() { #expect(1 + 1 == 2) } }
