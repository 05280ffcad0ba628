/// "Did you mean" hints for misspelt keys, ids, choices and names (scenario and suite files, a real
/// election's categories).
package enum Suggestion {
    /// The largest edit distance at which a candidate is suggested.
    package static let maximumDistance = 2

    /// The Levenshtein distance between two strings, counted in characters.
    ///
    /// - Complexity: O(*m* × *n*) for strings of *m* and *n* characters.
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word` within ``maximumDistance`` edits, the first one on a tie.
    ///
    /// A candidate must also differ in fewer characters than it has, so that a short word is not
    /// "corrected" into an unrelated short one.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        closest(to: word, in: candidates) { d, candidate in d <= maximumDistance && d < candidate.count }
    }

    /// The candidate closest to `word` among those `accepts` lets through (given their distance and
    /// themselves), the first one on a tie.
    package static func closest(
        to word: String, in candidates: [String], accepts: (_ distance: Int, _ candidate: String) -> Bool
    ) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let d = distance(word, candidate)
            guard accepts(d, candidate) else { continue }
            if best == nil || d < best!.distance { best = (candidate, d) }
        }
        return best?.candidate
    }

    /// ` (did you mean 'x'?)` for the closest candidate, or an empty string.
    package static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
