import Foundation

/// How the voters of a real election are weighted (MODEL.md sections 2.3 and 6): from a weights file,
/// or by census reweighting on a voter column of the `.pb` file.
///
/// A weights file is a CSV file with the columns `voter_id` and `weight` (other columns are ignored),
/// one row per voter of the election. Census reweighting gives each category of a voter column (`sex`,
/// `neighborhood`, or numeric bins of `age` such as `18-34`, `35-64`, `65-`) its share of the
/// population: the voters of a category together weigh its share of the voters counted. Voters with
/// no value of the column, or a value no target names, weigh 1, and a warning counts them.
///
/// ```swift
/// let weighting = try VoterWeighting.census(column: "age", parsing: "18-34=0.3,35-64=0.45,65-=0.25")
/// let applied = try weighting.weights(for: election, file: "poland_warszawa_2017_wars.pb")
/// applied.weights     // one weight per voter, in ballot order
/// applied.warnings    // e.g. "... 12 of 9,480 voters have no value of 'age'; they weigh 1"
/// ```
public enum VoterWeighting: Sendable, Hashable {
    /// A CSV file with the columns `voter_id` and `weight`.
    case file(path: String)
    /// Census reweighting by a voter column, to the given population shares.
    case census(column: String, targets: [Target])

    /// A category of a voter column and its share of the population.
    public struct Target: Sendable, Hashable {
        /// The category as written (`F`, `18-34`, `65-`).
        public var label: String
        /// Its share of the population, in `[0, 1]`.
        public var share: Double
        /// For a numeric bin (`18-34`, `65-`): its bounds, inclusive (`65-` has no upper end); `nil` for
        /// a plain value, which a voter's value must equal exactly.
        public var range: ClosedRange<Double>?

        /// Creates a target; a label `a-b` or `a-` of numbers is a numeric bin.
        public init(label: String, share: Double) {
            self.label = label
            self.share = share
            range = Self.range(label)
        }

        /// Whether a voter's value (trimmed) falls in the category.
        public func matches(_ value: String) -> Bool {
            guard let range else { return value == label }
            guard let number = Double(value) else { return false }
            return range.contains(number)
        }

        /// `a-b` → `a...b`, `a-` → `a...∞` (numbers only), else `nil`.
        static func range(_ label: String) -> ClosedRange<Double>? {
            guard let dash = label.dropFirst().firstIndex(of: "-"), let low = Double(label[..<dash]) else { return nil }
            let rest = label[label.index(after: dash)...]
            if rest.isEmpty { return low...Double.infinity }
            guard let high = Double(rest), high >= low else { return nil }
            return low...high
        }
    }

    /// A problem with census targets, without a place (the caller names the option or field).
    public struct TargetProblem: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    /// The weights of an election's voters and what to tell the user about them.
    public struct Applied: Sendable, Hashable {
        /// One weight per voter, in ballot order, each at least 0.
        public var weights: [Double]
        /// Warnings (voters weighing 1 for want of a value, targets no voter has), each naming the file.
        public var warnings: [String]
    }

    /// Census targets, checked: each share in `[0, 1]`, no category twice, numeric bins that do not
    /// overlap, and shares summing to 1 within 1e-6.
    ///
    /// - Throws: ``TargetProblem`` describing the first problem.
    public static func census(column: String, shares: [(label: String, share: Double)]) throws(TargetProblem)
        -> VoterWeighting
    {
        guard !column.isEmpty else { throw TargetProblem(description: "the voter column is empty") }
        guard !shares.isEmpty else { throw TargetProblem(description: "no targets given") }
        var targets: [Target] = []
        for (label, share) in shares {
            guard !label.isEmpty else { throw TargetProblem(description: "a target has an empty value") }
            guard share.isFinite, share >= 0, share <= 1 else {
                throw TargetProblem(description: "the share of '\(label)' must be a number from 0 to 1, got \(share)")
            }
            guard !targets.contains(where: { $0.label == label }) else {
                throw TargetProblem(description: "'\(label)' is given twice")
            }
            let target = Target(label: label, share: share)
            if let range = target.range, let other = targets.first(where: { $0.range?.overlaps(range) == true }) {
                throw TargetProblem(description: "the bins '\(other.label)' and '\(label)' overlap")
            }
            targets.append(target)
        }
        let sum = targets.reduce(0) { $0 + $1.share }
        guard abs(sum - 1) <= 1e-6 else {
            throw TargetProblem(description: "the shares sum to \(sum), not 1 (within 1e-6)")
        }
        return .census(column: column, targets: targets)
    }

    /// Census targets from text: `VALUE=SHARE,...` (the command line's `--target`), checked as
    /// ``census(column:shares:)`` does.
    ///
    /// - Throws: ``TargetProblem`` when a part is not `VALUE=SHARE`, a share is not a number, or the
    ///   targets are not valid.
    public static func census(column: String, parsing text: String) throws(TargetProblem) -> VoterWeighting {
        var shares: [(label: String, share: Double)] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let piece = part.trimmingCharacters(in: .whitespaces)
            guard let eq = piece.lastIndex(of: "="), eq != piece.startIndex else {
                throw TargetProblem(description: "'\(piece)' is not VALUE=SHARE (e.g. 18-34=0.3,35-64=0.45,65-=0.25)")
            }
            let label = piece[..<eq].trimmingCharacters(in: .whitespaces)
            let shareText = piece[piece.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard let share = Double(shareText) else {
                throw TargetProblem(description: "the share of '\(label)' is not a number: '\(shareText)'")
            }
            shares.append((label, share))
        }
        return try census(column: column, shares: shares)
    }

    /// The weighting for people: `weights from w.csv`, `census by age: 18-34 30%, 35-64 45%, 65- 25%`.
    public var summary: String {
        switch self {
        case .file(let path): return "weights from \(path)"
        case .census(let column, let targets):
            let shares = targets.map { "\($0.label) \(Self.percent($0.share))" }.joined(separator: ", ")
            return "census by \(column): \(shares)"
        }
    }

    private static func percent(_ share: Double) -> String {
        let value = (share * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }

    /// The weights of `election`'s voters, in ballot order.
    ///
    /// - Parameters:
    ///   - election: The election.
    ///   - file: The election's file, for messages.
    /// - Returns: The weights and the warnings to show.
    /// - Throws: ``PabulibError`` naming the file, line and field of each problem: for a weights file,
    ///   an unreadable file, a header without `voter_id` and `weight`, a row with another number of
    ///   cells, a weight that is not a number or is negative, a voter id the election does not have or
    ///   that is listed twice, voters of the election without a weight, weights all 0; for census
    ///   reweighting, a column the votes do not have.
    public func weights(for election: Election, file: String) throws(PabulibError) -> Applied {
        switch self {
        case .file(let path): return try Self.fromFile(path, election: election, file: file)
        case .census(let column, let targets): return try Self.census(column, targets, election: election, file: file)
        }
    }

    // MARK: - Weights file

    private static func fromFile(_ path: String, election: Election, file: String) throws(PabulibError) -> Applied {
        func fail(_ line: Int, _ field: String, _ message: String) -> PabulibError {
            .invalid([PabulibIssue(file: path, line: line, field: field, message: message)])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: "no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw fail(0, "", "not UTF-8 text") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        guard let header = lines.first, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(1, "", "empty file (expected the header voter_id,weight)")
        }
        let columns = cells(header)
        guard let idColumn = columns.firstIndex(of: "voter_id"), let weightColumn = columns.firstIndex(of: "weight")
        else {
            throw fail(1, "", "the header must name the columns voter_id and weight, got '\(header)'")
        }
        guard let voterIDs = election.voterFields.columnIndex("voter_id") else {
            throw .invalid([
                PabulibIssue(
                    file: file, line: 0, field: "votes.voter_id", message: "no voter ids to match the weights to")
            ])
        }
        var index: [String: Int] = [:]
        for v in 0..<election.voterCount { index[election.voterFields[v, voterIDs]] = v }
        var weights = [Double](repeating: .nan, count: election.voterCount)
        for (n, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let row = cells(line)
            guard row.count == columns.count else {
                throw fail(n + 1, "", "\(row.count) cells, but the header has \(columns.count) columns")
            }
            let id = row[idColumn]
            let weightText = row[weightColumn]
            guard let w = Double(weightText), w.isFinite else {
                throw fail(n + 1, "weight", "'\(weightText)' is not a number")
            }
            guard w >= 0 else { throw fail(n + 1, "weight", "must be at least 0, got \(weightText)") }
            guard w <= 1e9 else { throw fail(n + 1, "weight", "must be at most 10^9, got \(weightText)") }
            guard let v = index[id] else { throw fail(n + 1, "voter_id", "'\(id)' is not a voter of \(file)") }
            guard weights[v].isNaN else { throw fail(n + 1, "voter_id", "'\(id)' is listed twice") }
            weights[v] = w
        }
        let missing = weights.indices.filter { weights[$0].isNaN }
        if let first = missing.first {
            let more = missing.count > 1 ? " (and \(missing.count - 1) more voters)" : ""
            throw fail(
                0, "voter_id", "voter '\(election.voterFields[first, voterIDs])' of \(file) has no weight\(more)")
        }
        if !weights.isEmpty, weights.allSatisfy({ $0 == 0 }) { throw fail(0, "weight", "every weight is 0") }
        return Applied(weights: weights, warnings: [])
    }

    /// The cells of a CSV line, trimmed, with surrounding double quotes removed.
    private static func cells(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { cell in
            let trimmed = cell.trimmingCharacters(in: .whitespaces)
            guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
            return String(trimmed.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
    }

    // MARK: - Census

    private static func census(_ column: String, _ targets: [Target], election: Election, file: String)
        throws(PabulibError) -> Applied
    {
        guard let c = election.voterFields.columnIndex(column), column != "voter_id" else {
            let known = election.voterFields.columns.filter { $0 != "voter_id" }
            let listed = known.isEmpty ? "the votes have no voter columns" : "columns: \(known.joined(separator: ", "))"
            throw .invalid([
                PabulibIssue(file: file, line: 0, field: "votes", message: "no voter column '\(column)' (\(listed))")
            ])
        }
        var category = [Int?](repeating: nil, count: election.voterCount)
        var counts = [Int](repeating: 0, count: targets.count)
        var empty = 0
        var others: Set<String> = []
        for v in 0..<election.voterCount {
            let value = election.voterFields[v, c].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, value != "None" else {
                empty += 1
                continue
            }
            guard let t = targets.firstIndex(where: { $0.matches(value) }) else {
                others.insert(value)
                continue
            }
            category[v] = t
            counts[t] += 1
        }
        let counted = counts.reduce(0, +)
        var warnings: [String] = []
        let unmatched = election.voterCount - counted
        if unmatched > 0 {
            var reasons: [String] = []
            if empty > 0 { reasons.append("\(empty) have no value") }
            if unmatched - empty > 0 {
                let shown = others.sorted().prefix(5).joined(separator: ", ") + (others.count > 5 ? ", ..." : "")
                reasons.append("\(unmatched - empty) have a value no target names (\(shown))")
            }
            warnings.append(
                "\(file): votes.\(column): \(unmatched) of \(election.voterCount) voters weigh 1: "
                    + reasons.joined(separator: ", "))
        }
        for (t, target) in targets.enumerated() where counts[t] == 0 && target.share > 0 {
            warnings.append(
                "\(file): votes.\(column): no voter is in '\(target.label)'; its share \(target.share) "
                    + "is not represented")
        }
        // Category t's voters together weigh share_t of the counted voters.
        let weights = (0..<election.voterCount).map { v -> Double in
            guard let t = category[v] else { return 1 }
            return targets[t].share * Double(counted) / Double(counts[t])
        }
        return Applied(weights: weights, warnings: warnings)
    }
}
