/// A `.pb` file parsed as pabulib-checker 1.0.8's `parse_pb_lines` parses it: META as an ordered
/// dictionary, PROJECTS and VOTES as records keyed by id (first occurrence kept), cells
/// stripped, structural problems collected, and missing obligatory fields filled with defaults.
struct CheckedFile {
    /// A parser finding (`file structure error` / `file structure warning`).
    struct Note {
        var message: String
        var line: Int?
    }

    /// The columns of one PROJECTS or VOTES header: record keys in dictionary order, and where
    /// each key's value is (a column, or a default for a missing obligatory field).
    struct Layout {
        var keys: [String]
        var column: [String: Int]
        /// Obligatory fields the header lacks, filled with defaults.
        var missing: Set<String>
        /// Default text for a missing field (`""`, `"0"`, `"0.0"`, or `"[]"` for lists).
        var defaults: [String: String]
    }

    /// One project or voter.
    struct Record {
        var id: String
        var line: Int
        var layout: Int
        var cells: [String]
    }

    /// An ordered string dictionary (Python `dict` semantics: re-assignment keeps the position).
    struct Meta {
        var keys: [String] = []
        var values: [String: String] = [:]
        var lines: [String: Int] = [:]
        /// Obligatory keys the file lacks (present in `values` with a default).
        var missing: Set<String> = []

        subscript(key: String) -> String? {
            get { values[key] }
            set {
                if values[key] == nil { keys.append(key) }
                values[key] = newValue
            }
        }

        /// `meta.get(key)` truthiness for a string value: present and non-empty.
        func nonEmpty(_ key: String) -> String? {
            guard let v = values[key], !v.isEmpty else { return nil }
            return v
        }
    }

    var meta = Meta()
    var projectLayouts: [Layout] = []
    var voterLayouts: [Layout] = []
    var projects: [Record] = []
    var projectIndex: [String: Int] = [:]
    var voters: [Record] = []
    var voterIndex: [String: Int] = [:]
    var votesInProjects = false
    var scoresInProjects = false
    var structureErrors: [Note] = []
    var structureWarnings: [Note] = []

    /// The value of `key` in a project (`record.get(key)`), nil when the record has no such key.
    func value(_ r: Record, _ key: String, in layouts: [Layout]) -> String? {
        let layout = layouts[r.layout]
        guard let c = layout.column[key] else { return nil }
        if c < 0 { return layout.defaults[key] }
        return c < r.cells.count ? r.cells[c] : ""
    }

    func project(_ r: Record, _ key: String) -> String? { value(r, key, in: projectLayouts) }
    func voter(_ r: Record, _ key: String) -> String? { value(r, key, in: voterLayouts) }

    /// Whether `key` is a default-filled missing obligatory field of the record.
    func isMissing(_ r: Record, _ key: String, in layouts: [Layout]) -> Bool {
        layouts[r.layout].missing.contains(key)
    }

    init(text: CheckerText) {
        var section = ""
        var header: [String] = []
        var sequence: [String] = []
        var seen: Set<String> = []
        var currentLayout = -1
        let rows = text.rows
        var r = 0

        func whitespace(_ raw: String, _ location: String, _ line: Int) {
            if !raw.isEmpty && Py.hasSurroundingSpace(raw) {
                structureErrors.append(
                    Note(message: "\(location) contains leading or trailing whitespace: \(Py.repr(raw)).", line: line))
            }
        }

        while r < rows.count {
            let row = rows[r]
            r += 1
            let cells = row.cells
            if cells.isEmpty { continue }
            let first = Py.strip(cells[0])
            let lowered = first.utf8.count <= 8 ? first.lowercased() : ""  // markers are short
            if lowered == "meta" || lowered == "projects" || lowered == "votes" {
                whitespace(cells[0], "Section marker '\(first)'", row.line)
                section = lowered
                sequence.append(section)
                if seen.contains(section) {
                    structureErrors.append(Note(message: "Duplicated section '\(first)'.", line: row.line))
                } else {
                    seen.insert(section)
                }
                if section == "meta" {
                    guard r < rows.count else {
                        structureErrors.append(
                            Note(message: "META section is missing the required header 'key;value'.", line: row.line))
                        continue
                    }
                    let next = rows[r]
                    for (k, cell) in next.cells.enumerated() {
                        whitespace(cell, "META header column \(k + 1)", next.line)
                    }
                    let h = next.cells.map { Py.strip($0).lowercased() }
                    if h.count >= 2 && h[0] == "key" && h[1] == "value" {
                        r += 1
                    } else {
                        structureErrors.append(
                            Note(message: "META section must start with the header 'key;value'.", line: next.line))
                    }
                    continue
                }
                let upper = section.uppercased()
                guard r < rows.count else {
                    structureErrors.append(
                        Note(message: "\(upper) section is missing its column header row.", line: row.line))
                    header = []
                    currentLayout = -1
                    continue
                }
                let raw = rows[r]
                r += 1
                for (k, cell) in raw.cells.enumerated() {
                    whitespace(cell, "\(upper) header column \(k + 1)", raw.line)
                }
                header = raw.cells.map { Py.strip($0) }
                let normalized = header.map { $0.lowercased() }
                if Set(normalized).count != normalized.count {
                    structureErrors.append(
                        Note(
                            message: "\(upper) section contains duplicated column names: \(Py.repr(header)).",
                            line: raw.line))
                }
                if section == "projects" {
                    if normalized.first != "project_id" {
                        structureErrors.append(
                            Note(
                                message: "PROJECTS section must start with 'project_id', found: \(header.first ?? "").",
                                line: raw.line))
                    }
                    votesInProjects = normalized.contains("votes")
                    scoresInProjects = normalized.contains("score")
                    projectLayouts.append(
                        CheckedFile.layout(idKey: "project_id", header: header, schema: FieldSchema.projects))
                    currentLayout = projectLayouts.count - 1
                } else {
                    if normalized.first != "voter_id" {
                        structureErrors.append(
                            Note(
                                message: "VOTES section must start with 'voter_id', found: \(header.first ?? "").",
                                line: raw.line))
                    }
                    voterLayouts.append(
                        CheckedFile.layout(idKey: "voter_id", header: header, schema: FieldSchema.votes))
                    currentLayout = voterLayouts.count - 1
                }
                continue
            }
            if section.isEmpty {
                structureErrors.append(
                    Note(message: "Found data row before any section header: \(Py.repr(cells)).", line: row.line))
                continue
            }
            if section == "meta" {
                whitespace(cells[0], "META key", row.line)
                if first.isEmpty {
                    structureErrors.append(Note(message: "META contains an empty key.", line: row.line))
                    continue
                }
                if meta.values[first] != nil {
                    structureErrors.append(Note(message: "Duplicated META key '\(first)'.", line: row.line))
                }
                let raw = cells.count > 1 ? cells[1] : ""
                whitespace(raw, "META value for key '\(first)'", row.line)
                meta[first] = Py.strip(raw)
                meta.lines[first] = row.line
                if cells.count > 2 {
                    structureWarnings.append(
                        Note(
                            message: "META row for key '\(first)' has extra columns; only the first value is used.",
                            line: row.line))
                }
                continue
            }
            if header.isEmpty || currentLayout < 0 {
                structureErrors.append(
                    Note(
                        message: "\(section.uppercased()) section contains data rows before a valid header.",
                        line: row.line))
                continue
            }
            let upper = section.uppercased()
            if cells.count > header.count {
                structureWarnings.append(
                    Note(
                        message: "\(upper) row '\(first)' has extra columns; trailing values are ignored.",
                        line: row.line))
            }
            let isProjects = section == "projects"
            let idName = isProjects ? "project_id" : "voter_id"
            whitespace(cells[0], "\(upper) \(idName)", row.line)
            if first.isEmpty {
                structureErrors.append(Note(message: "\(upper) contains an empty \(idName).", line: row.line))
                continue
            }
            if (isProjects ? projectIndex[first] : voterIndex[first]) != nil {
                structureErrors.append(Note(message: "Duplicated \(idName) '\(first)'.", line: row.line))
                continue
            }
            var stripped: [String] = []
            stripped.reserveCapacity(header.count)
            stripped.append(first)
            for k in 1..<max(header.count, 1) {
                let rawValue = k < cells.count ? cells[k] : ""
                whitespace(rawValue, "\(upper) row '\(first)' field '\(header[k])'", row.line)
                stripped.append(Py.strip(rawValue))
            }
            let record = Record(id: first, line: row.line, layout: currentLayout, cells: stripped)
            if isProjects {
                projectIndex[first] = projects.count
                projects.append(record)
            } else {
                voterIndex[first] = voters.count
                voters.append(record)
            }
        }

        // Missing obligatory META fields get defaults, appended at the end.
        for (name, spec) in FieldSchema.meta where spec.obligatory && meta.values[name] == nil {
            meta[name] = name == "num_votes" ? "" : spec.type.defaultText
            meta.missing.insert(name)
        }
        let missing = ["meta", "projects", "votes"].filter { !seen.contains($0) }
        if !missing.isEmpty {
            structureErrors.append(
                Note(
                    message: "Missing required sections: \(missing.map { $0.uppercased() }.joined(separator: ", ")).",
                    line: nil))
        }
        var unique: [String] = []
        for s in sequence where !unique.contains(s) { unique.append(s) }
        if !unique.isEmpty && unique != ["meta", "projects", "votes"].filter({ unique.contains($0) }) {
            structureErrors.append(Note(message: "Sections must appear in the order META, PROJECTS, VOTES.", line: nil))
        }
    }

    /// The record layout of a header: the id key first, then the other columns (a repeated name
    /// keeps its first position and its last column), then defaults for missing obligatory fields.
    static func layout(idKey: String, header: [String], schema: [(String, FieldSpec)]) -> Layout {
        var keys = [idKey]
        var column = [idKey: 0]
        for (k, name) in header.enumerated().dropFirst() {
            if column[name] == nil { keys.append(name) }
            column[name] = k
        }
        var missing: Set<String> = []
        var defaults: [String: String] = [:]
        for (name, spec) in schema where spec.obligatory && column[name] == nil {
            keys.append(name)
            column[name] = -1
            missing.insert(name)
            defaults[name] = spec.type.defaultText
        }
        return Layout(keys: keys, column: column, missing: missing, defaults: defaults)
    }
}
