extension PabulibParser {
    // MARK: The VOTES header

    /// Checks that META gave what VOTES needs (`budget`, `vote_type`), once, at the VOTES header or at
    /// the end of a file without one.
    mutating func startVotes(line: Int) {
        votesStarted = true
        if budget == nil && metaLines["budget"] == nil { fail(0, "budget", "missing META key 'budget'") }
        if voteType == nil && metaLines["vote_type"] == nil { fail(0, "vote_type", "missing META key 'vote_type'") }
        stamp = [Int32](repeating: -1, count: projects.count)
    }

    /// The VOTES header: `voter_id` and `vote` must be there, and `points` for a vote type with
    /// points; room is reserved for about one voter per 32 bytes of text.
    mutating func readVotesHeader(line: Int, textBytes: Int) {
        startVotes(line: line)
        voteColumns = header
        voteIndex = (
            header.firstIndex(of: "voter_id") ?? -1, header.firstIndex(of: "vote") ?? -1,
            header.firstIndex(of: "points") ?? -1
        )
        if voteIndex.id < 0 { fail(line, "VOTES", "missing required column 'voter_id'") }
        if voteIndex.vote < 0 { fail(line, "VOTES", "missing required column 'vote'") }
        if let t = voteType, t.hasPoints, voteIndex.points < 0 {
            fail(line, "VOTES", "missing required column 'points' for vote_type \(t.rawValue)")
        }
        let columns = voteIndex
        voterFields = FieldTable(
            columns: header.enumerated().filter {
                $0.offset != columns.vote && $0.offset != columns.points
            }.map(\.element))
        let estimate = max(16, textBytes / 32)
        voterFields.reserve(rows: estimate, bytesPerRow: 16)
        ballots.reserve(voters: estimate, entries: estimate * 4)
        if voterIDs.count == 0 { voterIDs = ByteKeyTable(capacity: estimate) }
    }

    // MARK: VOTES rows

    /// The voter id of the current VOTES row as text, for messages only ("" if the row has no
    /// such column): rows without problems never make a string.
    func voterLabel(_ idColumn: Int, text: Span<UInt8>, quoted: Span<UInt8>) -> String {
        scanner.fieldCount > idColumn ? scanner.string(idColumn, in: text, quoted: quoted) : ""
    }

    /// A VOTES row: a new, non-empty voter id, the ballot (its projects, and their points for a vote
    /// type with points), then the voter's other cells. A row with a problem adds no ballot.
    mutating func voteRow(
        line: Int, width: Int, columns: (id: Int, vote: Int, points: Int), text: Span<UInt8>, quoted: Span<UInt8>
    ) {
        voteRowNumber += 1
        guard scanner.fieldCount == width else {
            let idText = voterLabel(columns.id, text: text, quoted: quoted)
            fail(line, "votes[\(idText)]", "expected \(width) fields, got \(scanner.fieldCount)")
            return
        }
        let idField = scanner.field(columns.id)
        let idBytes = idField.isQuoted ? quoted.extracting(idField.range) : text.extracting(idField.range)
        if idBytes.isEmpty {
            fail(line, "votes.voter_id", "empty voter id")
            return
        }
        guard voterIDs.insert(idBytes) else {
            let idText = voterLabel(columns.id, text: text, quoted: quoted)
            fail(line, "votes[\(idText)].voter_id", "duplicate voter id '\(idText)'")
            return
        }
        let voteField = scanner.field(columns.vote)
        let vote = voteField.isQuoted ? quoted.extracting(voteField.range) : text.extracting(voteField.range)
        let listed = readProjectList(vote, line: line, idColumn: columns.id, text: text, quoted: quoted)
        var ok = listed.ok
        if let t = voteType, t.hasPoints {
            guard columns.points >= 0 else {
                // vote_type came after the VOTES header (or changed): the header has no points column.
                let idText = voterLabel(columns.id, text: text, quoted: quoted)
                fail(
                    line, "votes[\(idText)].points",
                    "vote_type \(t.rawValue) needs a 'points' column in the VOTES header")
                ballots.discardOpenBallot()
                return
            }
            let f = scanner.field(columns.points)
            let pointsField = f.isQuoted ? quoted.extracting(f.range) : text.extracting(f.range)
            let points = readPoints(pointsField, line: line, idColumn: columns.id, text: text, quoted: quoted)
            ok = ok && points.ok
            if ok && points.count != listed.count {
                ok = false
                let idText = voterLabel(columns.id, text: text, quoted: quoted)
                fail(line, "votes[\(idText)].points", "\(points.count) points for \(listed.count) projects")
            }
        }
        guard ok else {
            ballots.discardOpenBallot()
            return
        }
        ballots.closeBallot()
        // The voter's columns are all but `vote` and `points`: cell k is field k, shifted past them.
        let first = columns.points >= 0 ? min(columns.vote, columns.points) : columns.vote
        let second = columns.points >= 0 ? max(columns.vote, columns.points) : Int.max
        voterFields.append(cells: columns.points >= 0 ? width - 2 : width - 1, from: text, or: quoted) { k in
            let f = scanner.field(k < first ? k : k + 1 < second ? k + 1 : k + 2)
            return (f.range, f.isQuoted)
        }
    }

    /// The `vote` cell of every vote type: its comma-separated project ids, in order (an approval set,
    /// a choice, a ranking, or the projects the points are for), added to the open ballot.
    ///
    /// An unknown or repeated project is an error; an empty entry is skipped (as pabutools does) except
    /// with points, where it would shift the alignment.
    ///
    /// - Returns: How many projects were added, and whether the entries were all good.
    @inline(__always)
    mutating func readProjectList(
        _ vote: Span<UInt8>, line: Int, idColumn: Int, text: Span<UInt8>, quoted: Span<UInt8>
    ) -> (count: Int, ok: Bool) {
        let voter = voteRowNumber
        var count = 0
        var ok = true
        guard !vote.isEmpty else { return (count, ok) }
        var start = 0
        let end = vote.count
        var i = start
        while true {
            if i == end || vote[i] == UInt8(ascii: ",") {
                var s = start
                var e = i
                while s < e, RecordScanner.isBlank(vote[s]) { s += 1 }
                while e > s, RecordScanner.isBlank(vote[e - 1]) { e -= 1 }
                if s < e {
                    let entry = vote.extracting(s..<e)
                    if let p = projectIDs.find(entry) {
                        if stamp[Int(p)] == voter {
                            ok = false
                            let idText = voterLabel(idColumn, text: text, quoted: quoted)
                            fail(line, "votes[\(idText)].vote", "project '\(entry.decodedString())' listed twice")
                        } else {
                            stamp[Int(p)] = voter
                            ballots.appendToOpenBallot(p)
                            count += 1
                        }
                    } else {
                        ok = false
                        let idText = voterLabel(idColumn, text: text, quoted: quoted)
                        fail(line, "votes[\(idText)].vote", "unknown project '\(entry.decodedString())'")
                    }
                } else if let t = voteType, t.hasPoints {
                    // pabutools skips empty entries of approval and ordinal votes; with points
                    // they would shift the alignment, so they are an error there.
                    ok = false
                    let idText = voterLabel(idColumn, text: text, quoted: quoted)
                    fail(line, "votes[\(idText)].vote", "empty project id in the vote list")
                }
                if i == end { break }
                start = i + 1
            }
            i += 1
        }
        return (count, ok)
    }

    /// The `points` cell of a cumulative or scoring vote: its comma-separated amounts, each at least 0,
    /// added to the open ballot.
    ///
    /// - Returns: How many values the cell has, and whether they were all good.
    @inline(__always)
    mutating func readPoints(
        _ pointsField: Span<UInt8>, line: Int, idColumn: Int, text: Span<UInt8>, quoted: Span<UInt8>
    ) -> (count: Int, ok: Bool) {
        var values = 0
        var ok = true
        guard !pointsField.isEmpty else { return (values, ok) }
        var s = 0
        var i = s
        while true {
            if i == pointsField.count || pointsField[i] == UInt8(ascii: ",") {
                let slice = pointsField.extracting(s..<i)
                do {
                    let amount = try Amount.parse(bytes: slice)
                    if amount < .zero {
                        ok = false
                        let idText = voterLabel(idColumn, text: text, quoted: quoted)
                        fail(line, "votes[\(idText)].points", "points must not be negative, got '\(amount)'")
                    }
                    ballots.appendPointToOpenBallot(amount)
                } catch {
                    ok = false
                    let idText = voterLabel(idColumn, text: text, quoted: quoted)
                    fail(line, "votes[\(idText)].points", PabulibParser.describe(error, slice.decodedString()))
                }
                values += 1
                if i == pointsField.count { break }
                s = i + 1
            }
            i += 1
        }
        return (values, ok)
    }
}
