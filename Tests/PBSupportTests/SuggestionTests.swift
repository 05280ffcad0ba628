import Testing

import PBSupport

@Suite struct SuggestionTests {
    @Test(
        "Edit distance counts insertions, deletions and substitutions",
        arguments: [
            ("health", "helth", 1), ("north", "nroth", 2), ("kitten", "sitting", 3), ("", "abc", 3),
            ("same", "same", 0),
        ])
    func distance(a: String, b: String, expected: Int) {
        #expect(Suggestion.distance(a, b) == expected)
        #expect(Suggestion.distance(b, a) == expected)
    }

    @Test("Only candidates within two edits are suggested, the closest first")
    func closest() {
        #expect(Suggestion.closest(to: "helth", in: ["education", "health"]) == "health")
        #expect(Suggestion.closest(to: "transprt", in: ["transport", "transit"]) == "transport")
        #expect(Suggestion.closest(to: "xyz", in: ["education", "health"]) == nil)
        #expect(Suggestion.closest(to: "ab", in: ["cd"]) == nil)  // two edits would replace the whole word
        #expect(Suggestion.hint(for: "mse", in: ["greedy", "mes"]) == " (did you mean 'mes'?)")
    }
}
