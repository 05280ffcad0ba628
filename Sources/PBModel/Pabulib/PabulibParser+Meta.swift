extension PabulibParser {
    // MARK: META rows

    /// A `key;value` row of META: kept in file order; `budget` and `vote_type` read.
    mutating func metaRow(line: Int, text: Span<UInt8>, quoted: Span<UInt8>) {
        let key = scanner.string(0, in: text, quoted: quoted)
        guard scanner.fieldCount >= 2 else {
            fail(line, "META.\(key)", "expected 'key;value', got no value")
            return
        }
        if scanner.fieldCount > 2 {
            fail(line, "META.\(key)", "expected 2 fields, got \(scanner.fieldCount)")
            return
        }
        let value = scanner.string(1, in: text, quoted: quoted)
        if metaLines[key] != nil {
            fail(line, "META.\(key)", "key appears twice (first on line \(metaLines[key]!))")
            return
        }
        metaLines[key] = line
        meta.append(Election.MetaEntry(key: key, value: value))
        switch key {
        case "budget":
            do {
                let f = scanner.field(1)
                let amount = try Amount.parse(bytes: f.isQuoted ? quoted.extracting(f.range) : text.extracting(f.range))
                if amount <= .zero {
                    fail(line, "budget", "must be positive, got '\(value)'")
                } else {
                    budget = amount
                }
            } catch {
                fail(line, "budget", PabulibParser.describe(error, value))
            }
        case "vote_type":
            if let named = VoteType(metaValue: value) {
                voteType = named
            } else {
                fail(
                    line, "vote_type",
                    "unknown vote type '\(value)' (expected approval, choose-1, cumulative, scoring or ordinal)")
            }
        default:
            break
        }
    }

    /// The message for an amount that does not parse (`text` as written in the file).
    static func describe(_ e: Amount.ParseFailure, _ text: String) -> String {
        switch e {
        case .empty: return "missing value"
        case .notANumber: return "expected a decimal number, got '\(text)'"
        case .tooManyDecimals: return "more than \(Amount.maxScale) decimals in '\(text)'"
        case .overflow: return "number too large: '\(text)'"
        }
    }

    // MARK: Facts that real files contradict: warnings

    /// `num_votes`, `num_projects` and `max_length` against the file (a warning, or with
    /// ``countsMustMatch`` an error for the counts).
    mutating func checkMetaFacts() {
        guard issues.isEmpty else { return }
        let counts = [("num_votes", ballots.count, "votes"), ("num_projects", projects.count, "projects")]
        for (key, actual, noun) in counts {
            guard let text = meta.first(where: { $0.key == key })?.value, let n = Int(text), n != actual else {
                continue
            }
            let line = metaLines[key] ?? 0
            if countsMustMatch {
                fail(line, key, "META says \(n), the file has \(actual) \(noun) (give --lenient to read it anyway)")
            } else {
                warn(line, key, "META says \(n), the file has \(actual) \(noun)")
            }
        }
        if let text = meta.first(where: { $0.key == "max_length" })?.value, let m = Int(text), issues.isEmpty {
            var longest = 0
            for v in 0..<ballots.count { longest = max(longest, Int(ballots.offsets[v + 1] - ballots.offsets[v])) }
            if longest > m {
                warn(metaLines["max_length"] ?? 0, "max_length", "META says \(m), a ballot lists \(longest) projects")
            }
        }
    }
}
