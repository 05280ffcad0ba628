import Foundation

/// Dataset-quality checks (`check_dataset_quality_warnings`): declared META lists against the
/// data, label spellings, comment numbering, project coordinates.
extension CheckRun {
    mutating func checkDatasetQuality() {
        checkDeclaredDomains()
        checkLabelConsistency()
        checkCommentNumbering()
        checkCoordinatesDiffer()
    }

    mutating func checkDeclaredDomains() {
        let comparisons: [(meta: String, field: String, projects: Bool, list: Bool)] = [
            ("categories", "category", true, true),
            ("neighborhoods", "neighborhood", true, false),
            ("neighborhoods", "neighborhood", false, false),
            ("subdistricts", "district", true, false),
            ("subdistricts", "district", false, false),
        ]
        for c in comparisons {
            guard let declaredText = file.meta.nonEmpty(c.meta) else { continue }
            let declared = Set(Py.splitList(declaredText))
            var observed: Set<String> = []
            let records = c.projects ? file.projects : file.voters
            for r in records {
                let raw = (c.projects ? file.project(r, c.field) : file.voter(r, c.field)) ?? ""
                if c.list {
                    observed.formUnion(Py.splitList(raw))
                } else {
                    let v = Py.strip(raw)
                    if !v.isEmpty { observed.insert(v) }
                }
            }
            if observed.isEmpty { continue }
            let unused = CheckRun.pySorted(declared.subtracting(observed))
            let undeclared = CheckRun.pySorted(observed.subtracting(declared))
            if !unused.isEmpty {
                warning(
                    "unused declared metadata values",
                    "META field '\(c.meta)' declares values not used in data: \(Py.repr(unused)).",
                    line: file.meta.lines[c.meta])
            }
            if !undeclared.isEmpty {
                warning(
                    "undeclared metadata values used",
                    "Data uses values for '\(c.field)' that are not listed in META field '\(c.meta)': \(Py.repr(undeclared)).",
                    line: file.meta.lines[c.meta])
            }
        }
    }

    /// `_normalize_text_key`: NFKD, non-ASCII dropped, stripped, lower-cased, runs of
    /// whitespace made one space.
    static func normalizedLabel(_ s: String) -> String {
        let ascii = String(
            String.UnicodeScalarView(s.decomposedStringWithCompatibilityMapping.unicodeScalars.filter { $0.isASCII }))
        var out = ""
        var pendingSpace = false
        for c in Py.strip(ascii).lowercased().unicodeScalars {
            if Py.isSpace(c) {
                pendingSpace = true
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    mutating func checkLabelConsistency() {
        let fields: [(projects: Bool, field: String, list: Bool)] = [
            (true, "category", true), (true, "beneficiaries", true), (true, "district", false),
            (true, "neighborhood", false), (false, "district", false), (false, "neighborhood", false),
        ]
        for f in fields {
            let scope = f.projects ? "Projects" : "Votes"
            // Skip the (common) case of a column the section does not have.
            let layouts = f.projects ? file.projectLayouts : file.voterLayouts
            if !layouts.contains(where: { $0.column[f.field] != nil }) { continue }
            var groups: [String: Set<String>] = [:]
            var groupOrder: [String] = []
            var normalized: [String: String] = [:]
            for r in f.projects ? file.projects : file.voters {
                let raw = (f.projects ? file.project(r, f.field) : file.voter(r, f.field)) ?? ""
                let values: [String]
                if f.list {
                    values = Py.splitList(raw)
                    if Set(values).count != values.count {
                        warning(
                            "duplicate values inside list field",
                            "\(scope) record `\(r.id)` contains duplicate values in '\(f.field)': \(Py.repr(values)).",
                            line: r.line)
                    }
                } else {
                    let v = Py.strip(raw)
                    values = v.isEmpty ? [] : [v]
                }
                for v in values {
                    let key: String
                    if let k = normalized[v] {
                        key = k
                    } else {
                        key = CheckRun.normalizedLabel(v)
                        normalized[v] = key
                    }
                    if groups[key] == nil { groupOrder.append(key) }
                    groups[key, default: []].insert(v)
                }
            }
            for key in groupOrder where groups[key]!.count > 1 {
                warning(
                    "inconsistent label normalization",
                    "\(scope) field '\(f.field)' contains values that differ only by case, spacing, or diacritics: \(Py.repr(CheckRun.pySorted(groups[key]!))).",
                    line: nil)
            }
        }
    }

    mutating func checkCommentNumbering() {
        guard let comment = file.meta.nonEmpty("comment") else { return }
        // re.findall(r"#(\d+):", comment)
        var markers: [String] = []
        let u = Array(comment.unicodeScalars)
        var i = 0
        while i < u.count {
            if u[i] == "#" {
                var j = i + 1
                while j < u.count, u[j].properties.numericType == .decimal { j += 1 }
                if j > i + 1, j < u.count, u[j] == ":" {
                    markers.append(String(String.UnicodeScalarView(u[(i + 1)..<j])))
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        let line = file.meta.lines["comment"]
        if markers.isEmpty {
            error(
                "invalid comment numbering", "META field 'comment' should use numbered comments such as '#1: ...'.",
                line: line)
            return
        }
        let expected = (1...markers.count).map(String.init)
        if markers != expected {
            warning(
                "non-sequential comment numbering",
                "META field 'comment' uses non-sequential numbering: \(Py.repr(markers)). Expected \(Py.repr(expected)).",
                line: line)
        }
    }

    mutating func checkCoordinatesDiffer() {
        var pairs: [(Double, Double)] = []
        for p in file.projects {
            let lat = file.project(p, "latitude") ?? ""
            let lon = file.project(p, "longitude") ?? ""
            if lat.isEmpty || lon.isEmpty { continue }
            if let a = CheckRun.coordinate(lat, limit: 90), let b = CheckRun.coordinate(lon, limit: 180) {
                pairs.append((a, b))
            }
        }
        if pairs.count > 1, pairs.allSatisfy({ $0 == pairs[0] }) {
            warning(
                "identical project coordinates",
                "All projects with coordinates share the same latitude/longitude pair. Please verify whether this is intentional."
            )
        }
    }
}
