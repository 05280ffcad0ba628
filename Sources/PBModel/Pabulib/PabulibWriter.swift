import Foundation

/// Writes an ``Election`` as pabulib text.
///
/// Reading the text back gives an equal election: every META key, every extra column and the
/// ballots survive. Cells that contain `;`, `"` or a line break are quoted.
public enum PabulibWriter {
    /// The pabulib text of `election`.
    public static func text(of election: Election) -> String {
        var out = ""
        out.reserveCapacity(64 + election.ballots.projects.count * 6 + election.voterCount * 24)
        out += "META\nkey;value\n"
        for entry in election.meta {
            var value = entry.value
            if entry.key == "budget", (try? Amount(parsing: value)) != election.budget {
                value = election.budget.description
            }
            if entry.key == "vote_type" {
                // Keep the file's spelling (`Approval`, `choose-1`) when it still names the vote type.
                if VoteType(metaValue: entry.value) != election.voteType { value = election.voteType.rawValue }
            }
            out += cell(entry.key) + ";" + cell(value) + "\n"
        }
        out += "PROJECTS\n"
        let pf = election.projectFields
        out += pf.columns.map(cell).joined(separator: ";") + "\n"
        let costColumn = pf.columnIndex("cost")
        for (row, project) in election.projects.enumerated() {
            var cells: [String] = []
            cells.reserveCapacity(pf.columns.count)
            for c in 0..<pf.columns.count {
                if c == 0 {
                    cells.append(project.id)
                } else if c == costColumn {
                    let original = row < pf.rowCount ? pf[row, c] : ""
                    cells.append((try? Amount(parsing: original)) == project.cost ? original : project.cost.description)
                } else {
                    cells.append(row < pf.rowCount ? pf[row, c] : "")
                }
            }
            out += cells.map(cell).joined(separator: ";") + "\n"
        }
        out += "VOTES\n"
        let columns =
            election.voteColumns.isEmpty
            ? ["voter_id", "vote"] + (election.voteType.hasPoints ? ["points"] : []) : election.voteColumns
        out += columns.map(cell).joined(separator: ";") + "\n"
        let vf = election.voterFields
        let ids = election.projects.map(\.id)
        for v in 0..<election.voterCount {
            var extra = 0
            var cells: [String] = []
            cells.reserveCapacity(columns.count)
            for name in columns {
                switch name {
                case "vote":
                    cells.append(election.ballots.projects(of: v).map { ids[Int($0)] }.joined(separator: ","))
                case "points":
                    cells.append(election.ballots.points(of: v).map(\.description).joined(separator: ","))
                default:
                    if v < vf.rowCount && extra < vf.columns.count {
                        cells.append(vf[v, extra])
                    } else {
                        cells.append(name == "voter_id" ? String(v + 1) : "")
                    }
                    extra += 1
                }
            }
            out += cells.map(cell).joined(separator: ";") + "\n"
        }
        return out
    }

    /// Writes `election` to `path` as every pbsim output is written (atomically, through links,
    /// devices and FIFOs; see `OutputFile`), so a failure never leaves a half-written file.
    ///
    /// - Throws: the reason, naming `path`.
    public static func write(_ election: Election, to path: String) throws {
        try OutputFile.write(Data(text(of: election).utf8), to: path)
    }

    private static func cell(_ s: String) -> String {
        guard
            s.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else {
            return s
        }
        // Double quotes byte by byte: a quote followed by a combining mark is one Character, so
        // Character-level replacement would miss it.
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for b in s.utf8 {
            bytes.append(b)
            if b == UInt8(ascii: "\"") { bytes.append(b) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
