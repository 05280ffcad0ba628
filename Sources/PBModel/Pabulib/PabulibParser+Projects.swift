extension PabulibParser {
    /// The PROJECTS header: `project_id` must be the first column, and `cost` must be there.
    mutating func readProjectsHeader(line: Int) {
        projectFields = FieldTable(columns: header)
        projectColumnsIndex = (header.firstIndex(of: "project_id") ?? -1, header.firstIndex(of: "cost") ?? -1)
        if projectColumnsIndex.id != 0 {
            fail(
                line, "PROJECTS",
                projectColumnsIndex.id < 0
                    ? "missing required column 'project_id'" : "'project_id' must be the first column")
        }
        if projectColumnsIndex.cost < 0 { fail(line, "PROJECTS", "missing required column 'cost'") }
    }

    /// A PROJECTS row: a new, non-empty id without a comma, a cost of at least 0, and every cell kept.
    mutating func projectRow(line: Int, width: Int, costIndex: Int, text: Span<UInt8>, quoted: Span<UInt8>) {
        let idText = scanner.string(0, in: text, quoted: quoted)
        guard scanner.fieldCount == width else {
            fail(line, "projects[\(idText)]", "expected \(width) fields, got \(scanner.fieldCount)")
            return
        }
        let idField = scanner.field(0)
        let idBytes = idField.isQuoted ? quoted.extracting(idField.range) : text.extracting(idField.range)
        if idBytes.isEmpty {
            fail(line, "projects.project_id", "empty project id")
            return
        }
        if idBytes.indices.contains(where: { idBytes[$0] == UInt8(ascii: ",") }) {
            fail(line, "projects[\(idText)].project_id", "project id contains ',' which votes use as a separator")
            return
        }
        guard projectIDs.insert(idBytes) else {
            fail(line, "projects[\(idText)].project_id", "duplicate project id '\(idText)'")
            return
        }
        var cost = Amount.zero
        do {
            let f = scanner.field(costIndex)
            cost = try Amount.parse(bytes: f.isQuoted ? quoted.extracting(f.range) : text.extracting(f.range))
            if cost < .zero {
                fail(
                    line, "projects[\(idText)].cost",
                    "must not be negative, got '\(scanner.string(costIndex, in: text, quoted: quoted))'")
            }
        } catch {
            fail(
                line, "projects[\(idText)].cost",
                PabulibParser.describe(error, scanner.string(costIndex, in: text, quoted: quoted)))
        }
        projects.append(Election.Project(id: idText, cost: cost))
        for i in 0..<width {
            let f = scanner.field(i)
            projectFields.append(f.isQuoted ? quoted.extracting(f.range) : text.extracting(f.range))
        }
    }
}
