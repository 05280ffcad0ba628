import Testing

@Suite struct PlaceholderPBBatchTests { @Test func placeholder() { #expect(1 + 1 == 2) } }
