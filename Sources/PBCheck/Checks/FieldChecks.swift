import Foundation

/// Field names, order, presence, types and values (`check_fields`), META then PROJECTS then VOTES.
extension CheckRun {
    static let metaPositions = FieldSchema.positions(FieldSchema.meta)
    static let projectPositions = FieldSchema.positions(FieldSchema.projects)
    static let votePositions = FieldSchema.positions(FieldSchema.votes)
    static let metaSpecs = Dictionary(uniqueKeysWithValues: FieldSchema.meta)
    static let projectSpecs = Dictionary(uniqueKeysWithValues: FieldSchema.projects)
    static let voteSpecs = Dictionary(uniqueKeysWithValues: FieldSchema.votes)

    static let voteTypes = ["ordinal", "approval", "cumulative", "scoring", "choose-1"]

    /// Unknown fields and field order of one record's keys.
    mutating func checkNamesAndOrder(_ keys: [String], positions: [String: Int], name: String, line: Int?) {
        let data = keys.filter { !$0.hasPrefix("__") && $0 != "key" }
        var unknown = data.filter { positions[$0] == nil }
        if name == "projects" && unknown.contains("target") {
            error(
                "invalid projects field value",
                "PROJECTS field 'target' is no longer supported. In April 2026, we renamed the unfortunately named field 'target' to 'beneficiaries'. Please update the header and the corresponding values.",
                line: line)
            unknown.removeAll { $0 == "target" }
        }
        if !unknown.isEmpty {
            error("not known \(name) fields", "\(name) contains not known fields: \(Py.repr(unknown)).", line: line)
        }
        let known = data.filter { positions[$0] != nil }
        let sorted = known.sorted { positions[$0]! < positions[$1]! }
        if known != sorted {
            warning("wrong \(name) fields order", "correct order should be: \(Py.repr(sorted))", line: line)
        }
    }

    /// One field value: presence, emptiness, type, and its rule. Returns the finding's id and
    /// message, or nil when the value is fine.
    func fieldProblem(
        field: String, value: String, spec: FieldSpec, missing: Bool, name: String, identifier: String
    ) -> (String, String)? {
        if spec.obligatory && missing {
            return (
                "missing \(name) field value",
                "\(identifier)\(name) field '\(field)' is required but was missing from the file."
            )
        }
        var value = value
        if value.isEmpty {
            if spec.nullable { return nil }
            return ("invalid \(name) field value", "\(identifier)\(name) field '\(field)' cannot be None or empty.")
        }
        if field == "latitude" || field == "longitude" {
            value = Py.strip(value.replacingOccurrences(of: ",", with: "."))
        }
        var intValue: Int?
        switch spec.type {
        case .int:
            intValue = Py.int(value)
            if intValue == nil { return datatypeProblem(field, name, identifier, spec) }
        case .float:
            if Py.float(value) == nil { return datatypeProblem(field, name, identifier, spec) }
        case .string, .list:
            break
        }
        guard let rule = spec.rule else { return nil }
        let invalid = "invalid \(name) field value"
        switch rule {
        case .country:
            if !ISOCodes.shared.isCountry(value) { return (invalid, "Value '\(value)' is not a valid country name.") }
        case .voteType:
            if !CheckRun.voteTypes.contains(value) {
                return (
                    invalid,
                    "invalid vote_type '\(value)'. Valid options are: \(CheckRun.voteTypes.joined(separator: ", "))"
                )
            }
        case .date:
            if !CheckRun.isDateFormat(value) {
                return (invalid, "\(identifier)\(name) field '\(field)' failed validation with value: \(value).")
            }
        case .language:
            if !ISOCodes.shared.isLanguage(value) { return (invalid, "wrong language ISO 639-1 format code: \(value)") }
        case .currency:
            if !ISOCodes.shared.isCurrency(value) { return (invalid, "wrong currency ISO 4217 format code: \(value)") }
        case .onlyOne:
            if intValue != 1 { return (invalid, "invalid \(field) value '\(intValue ?? 0)'. Valid options are: 1") }
        case .commentStart:
            if !value.hasPrefix("#1: ") { return (invalid, "comment should follow the '#1: ' format") }
        case .selected:
            if !(0...3).contains(intValue ?? -1) {
                return (invalid, "invalid selected value '\(intValue ?? 0)'. Valid options are: 0, 1, 2, 3")
            }
        case .age:
            if let problem = CheckRun.ageProblem(value) { return (invalid, problem) }
        case .sex:
            if !["M", "F", "O"].contains(value) {
                return (invalid, "invalid sex value '\(value)'. Valid options are: M, F, O")
            }
        case .votingMethod:
            if !["internet", "paper"].contains(value) {
                return (invalid, "invalid voting_method '\(value)'. Valid options are: internet, paper")
            }
        }
        return nil
    }

    private func datatypeProblem(_ field: String, _ name: String, _ identifier: String, _ spec: FieldSpec) -> (
        String, String
    ) {
        (
            "incorrect \(name) field datatype",
            "\(identifier)\(name) field '\(field)' has incorrect datatype. Expected \(spec.type.pythonName), found str."
        )
    }

    static func isASCIIDigits(_ s: Substring) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// `YYYY` or `DD.MM.YYYY` (the latter a real date), as `date_format` accepts.
    static func isDateFormat(_ v: String) -> Bool {
        if v.utf8.count == 4 && isASCIIDigits(Substring(v)) { return true }
        return parseDate(v) != nil
    }

    /// A `YYYY` (1 January) or real `DD.MM.YYYY` date as (year, month, day), else nil.
    static func parseDate(_ v: String) -> (Int, Int, Int)? {
        let u = Array(v.utf8)
        if u.count == 4 && isASCIIDigits(Substring(v)) {
            let y = Int(v)!
            return y >= 1 ? (y, 1, 1) : nil
        }
        guard u.count == 10, u[2] == UInt8(ascii: "."), u[5] == UInt8(ascii: ".") else { return nil }
        let parts = v.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy(isASCIIDigits), let d = Int(parts[0]), let m = Int(parts[1]),
            let y = Int(parts[2]), y >= 1, (1...12).contains(m)
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d) ? (y, m, d) : nil
    }

    /// Python's `age_value`: an integer, or an `a-b` bucket with a ≤ b.
    static func ageProblem(_ v: String) -> String? {
        if Py.int(v) != nil { return nil }
        let parts = v.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, isASCIIDigits(parts[0]), isASCIIDigits(parts[1]) {
            let a = Int(parts[0]) ?? Int.max
            let b = Int(parts[1]) ?? Int.max
            return a <= b ? nil : "Invalid age bucket '\(v)': start age must be <= end age"
        }
        return "Invalid age format '\(v)'. Expected an integer or age bucket format like '40-59'"
    }

    mutating func checkFields() {
        checkMetaFields()
        checkProjectFields()
        checkVoterFields()
    }

    mutating func checkMetaFields() {
        let meta = file.meta
        checkNamesAndOrder(meta.keys, positions: CheckRun.metaPositions, name: "meta", line: nil)
        for key in meta.keys where !key.hasPrefix("__") {
            guard let spec = CheckRun.metaSpecs[key] else { continue }
            if let (id, message) = fieldProblem(
                field: key, value: meta.values[key] ?? "", spec: spec, missing: meta.missing.contains(key),
                name: "meta", identifier: "")
            {
                error(id, message, line: meta.lines[key])
            }
        }
        checkDateRange()
        let voteType = meta.values["vote_type"]
        if voteType == "cumulative" && meta.nonEmpty("max_sum_points") == nil {
            error("missing meta field value", "For vote_type 'cumulative', 'max_sum_points' is required.")
        }
        if voteType == "choose-1" {
            for key in ["min_length", "max_length"] {
                guard let text = meta.nonEmpty(key) else { continue }
                guard let v = Py.int(text) else {
                    crash("incorrect meta field datatype", "\(key) `\(text)` is not an integer.", line: meta.lines[key])
                    return
                }
                if v != 1 {
                    error(
                        "invalid choose-1 meta constraint", "For vote_type 'choose-1', \(key) must be 1.",
                        line: meta.lines[key])
                }
            }
        } else if let text = meta.nonEmpty("max_length") {
            guard let maxLength = Py.int(text) else {
                crash(
                    "incorrect meta field datatype", "max_length `\(text)` is not an integer.",
                    line: meta.lines["max_length"])
                return
            }
            let projects = meta.values["num_projects"] ?? ""
            var suggest = maxLength == 1 && projects.isEmpty
            if maxLength == 1 && !projects.isEmpty {
                guard let n = Py.int(projects) else {
                    crash(
                        "incorrect meta field datatype", "num_projects `\(projects)` is not an integer.",
                        line: meta.lines["num_projects"])
                    return
                }
                suggest = n > 1
            }
            if suggest {
                warning(
                    "choose-1 vote_type suggested",
                    "max_length is 1 but vote_type is not 'choose-1'. This looks like a special case of approval voting and may be better represented as vote_type 'choose-1'.",
                    line: meta.lines["max_length"])
            }
        }
        if let text = meta.nonEmpty("max_length"), let projects = meta.nonEmpty("num_projects") {
            guard let m = Py.int(text), let n = Py.int(projects) else {
                crash(
                    "incorrect meta field datatype",
                    "max_length `\(text)` or num_projects `\(projects)` is not an integer.")
                return
            }
            if m > n {
                error(
                    "invalid meta field value",
                    "max_length `\(text)` cannot be higher than num_projects `\(projects)`.",
                    line: meta.lines["max_length"])
            }
        }
    }

    mutating func checkDateRange() {
        let begin = file.meta.values["date_begin"] ?? ""
        let end = file.meta.values["date_end"] ?? ""
        let b = begin.isEmpty ? nil : CheckRun.parseDate(begin)
        let e = end.isEmpty ? nil : CheckRun.parseDate(end)
        if !begin.isEmpty && b == nil {
            error(
                "invalid meta field value",
                "Invalid date_begin value '\(begin)'. Expected 'YYYY' or a real calendar date in 'DD.MM.YYYY' format.",
                line: file.meta.lines["date_begin"])
        }
        if !end.isEmpty && e == nil {
            error(
                "invalid meta field value",
                "Invalid date_end value '\(end)'. Expected 'YYYY' or a real calendar date in 'DD.MM.YYYY' format.",
                line: file.meta.lines["date_end"])
        }
        if let b, let e, e < b {
            func iso(_ d: (Int, Int, Int)) -> String {
                String(repeating: "0", count: max(0, 4 - String(d.0).count)) + "\(d.0)-"
                    + (d.1 < 10 ? "0" : "") + "\(d.1)-" + (d.2 < 10 ? "0" : "") + "\(d.2)"
            }
            error(
                "date range missmatch", "date end (\(iso(e))) earlier than start (\(iso(b)))!",
                line: file.meta.lines["date_end"])
        }
    }

    /// Checks every record of a section against its table, caching each layout's fields.
    mutating func checkRecords(
        _ records: [CheckedFile.Record], layouts: [CheckedFile.Layout], specs: [String: FieldSpec], name: String,
        label: String
    ) {
        let plans: [[(key: String, column: Int, spec: FieldSpec, missing: Bool)]] = layouts.map { layout in
            layout.keys.compactMap { key in
                guard !key.hasPrefix("__"), let spec = specs[key] else { return nil }
                return (key, layout.column[key]!, spec, layout.missing.contains(key))
            }
        }
        for r in records {
            let identifier = "\(label) `\(r.id)`: "
            for f in plans[r.layout] {
                let value = f.column < 0 ? "" : (f.column < r.cells.count ? r.cells[f.column] : "")
                if let (id, message) = fieldProblem(
                    field: f.key, value: value, spec: f.spec, missing: f.missing, name: name, identifier: identifier)
                {
                    error(id, message, line: r.line)
                }
            }
        }
    }

    mutating func checkProjectFields() {
        if let first = file.projects.first {
            checkNamesAndOrder(
                file.projectLayouts[first.layout].keys, positions: CheckRun.projectPositions, name: "projects",
                line: first.line)
        }
        checkRecords(
            file.projects, layouts: file.projectLayouts, specs: CheckRun.projectSpecs, name: "projects",
            label: "Project ID")
        for p in file.projects {
            let lat = file.project(p, "latitude") ?? ""
            let lon = file.project(p, "longitude") ?? ""
            let identifier = "Project ID `\(p.id)`: "
            if lat.isEmpty != lon.isEmpty {
                error(
                    "invalid projects field value",
                    "\(identifier)projects fields 'latitude' and 'longitude' must either both be provided or both be empty.",
                    line: p.line)
                continue
            }
            if lat.isEmpty { continue }
            if CheckRun.coordinate(lat, limit: 90) == nil {
                error(
                    "invalid projects field value",
                    "\(identifier)projects field 'latitude' has invalid coordinate value: \(lat). Expected a number in range [-90, 90].",
                    line: p.line)
            }
            if CheckRun.coordinate(lon, limit: 180) == nil {
                error(
                    "invalid projects field value",
                    "\(identifier)projects field 'longitude' has invalid coordinate value: \(lon). Expected a number in range [-180, 180].",
                    line: p.line)
            }
        }
    }

    /// A coordinate (`,` read as `.`) within ±`limit`, else nil.
    static func coordinate(_ text: String, limit: Double) -> Double? {
        guard let x = Py.float(text.replacingOccurrences(of: ",", with: ".")), x >= -limit, x <= limit else {
            return nil
        }
        return x
    }

    mutating func checkVoterFields() {
        var keys = ["voter_id"]
        if let first = file.voters.first {
            keys += file.voterLayouts[first.layout].keys.filter { $0 != "voter_id" }
        }
        checkNamesAndOrder(keys, positions: CheckRun.votePositions, name: "votes", line: file.voters.first?.line)
        // The records' checks, with the voter id as the value of `voter_id`.
        checkRecords(
            file.voters, layouts: file.voterLayouts, specs: CheckRun.voteSpecs, name: "votes", label: "Voter ID")
    }
}
