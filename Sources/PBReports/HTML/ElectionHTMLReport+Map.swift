import Foundation
import PBModel
import PBRules

extension ElectionPage {
    // MARK: Map

    func mapSection() -> String {
        var points: [(p: Int, lat: Double, lon: Double)] = []
        for p in election.projects.indices {
            guard let latText = election.projectField("latitude", of: p),
                let lonText = election.projectField("longitude", of: p),
                let lat = Double(latText.trimmingCharacters(in: .whitespaces)),
                let lon = Double(lonText.trimmingCharacters(in: .whitespaces)), lat.isFinite, lon.isFinite,
                abs(lat) <= 90, abs(lon) <= 180
            else { continue }
            points.append((p, lat, lon))
        }
        guard !points.isEmpty else {
            return HTMLPage.paragraph("This file gives no coordinates for its projects, so there is no map.")
        }
        let located = points.count
        let outliers = Self.outliers(points.map { ($0.lat, $0.lon) })
        let strays = outliers.map { points[$0].p }
        points = points.indices.filter { !outliers.contains($0) }.map { points[$0] }
        let single = outcomes.count <= 1
        let groups = [
            ScatterGroup(
                name: single ? "funded" : "funded by every rule",
                style: SeriesStyle(colour: "#009E73", marker: .circle)),
            ScatterGroup(
                name: "funded by some rules", style: SeriesStyle(colour: "#E69F00", marker: .triangle)),
            ScatterGroup(
                name: single ? "not funded" : "funded by no rule", style: SeriesStyle(colour: "#5A5A5A", marker: .ring),
                hollow: true),
        ]
        func group(_ p: Int) -> Int {
            let count = outcomes.indices.filter { funded[$0][p] }.count
            if count == outcomes.count && count > 0 { return 0 }
            return count == 0 ? 2 : 1
        }
        let meanLat = points.map(\.lat).reduce(0, +) / Double(points.count)
        // Only the outcomes that occur get a legend entry.
        let used = groups.indices.filter { g in points.contains { group($0.p) == g } }
        let slot = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0) })
        let scatter = points.map { point in
            let by = outcomes.indices.filter { funded[$0][point.p] }.map { name($0) }
            return ScatterPoint(
                x: point.lon, y: point.lat, group: slot[group(point.p)] ?? 0,
                tip:
                    "\(projectName(point.p)): \(money.format(cost(point.p))), \(NumberText.grouped(String(votes[point.p]))) "
                    + "votes; " + (by.isEmpty ? "not funded" : "funded by " + ElectionHTMLReport.joined(by)))
        }
        let chart = Charts.scatter(
            id: "map", title: "Project locations by outcome",
            description:
                "A map of \(points.count) projects by longitude and latitude; filled circles are funded by every rule, "
                + "triangles by some, hollow circles by none.", points: scatter, groups: used.map { groups[$0] },
            xLabel: "longitude (°E)", yLabel: "latitude (°N)", format: .number(decimals: 3),
            aspect: 1 / cos(meanLat * Double.pi / 180))
        var table = HTMLTable(
            caption: "Project locations and outcomes", headers: ["project", "latitude", "longitude", "outcome"],
            numeric: [1, 2])
        for point in points.sorted(by: { votes[$0.p] > votes[$1.p] }) {
            table.rows.append([
                HTMLCell(projectName(point.p)), HTMLCell(String(point.lat)), HTMLCell(String(point.lon)),
                HTMLCell(groups[group(point.p)].name),
            ])
        }
        var out = HTMLPage.paragraph(
            "Where are the funded projects? Each mark is a project at its coordinates (north up, distances to "
                + "scale); the shape and colour say which rules fund it.")
        if located < election.projects.count {
            out += HTMLPage.paragraph(
                "\(election.projects.count - located) of \(election.projects.count) projects have no coordinates "
                    + "and are not shown.", classes: "note")
        }
        if !strays.isEmpty {
            out += HTMLPage.paragraph(
                "Not shown because their coordinates lie far from all the others (probably an error in the file): "
                    + ElectionHTMLReport.joined(strays.map { projectName($0) }) + ".", classes: "note")
        }
        out += HTMLPage.figure(caption: "Project locations coloured by outcome", charts: [chart], table: table)
        return out
    }

    /// The points far from the rest: more than five times the median distance from the median point,
    /// and more than 2 km away (a stray coordinate would otherwise shrink every other point to a dot).
    static func outliers(_ points: [(lat: Double, lon: Double)]) -> Set<Int> {
        guard points.count >= 5 else { return [] }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
        let lat0 = median(points.map(\.lat))
        let lon0 = median(points.map(\.lon))
        let kmPerDegree = 111.2
        let shrink = cos(lat0 * Double.pi / 180)
        let distances = points.map { point -> Double in
            let dy = (point.lat - lat0) * kmPerDegree
            let dx = (point.lon - lon0) * kmPerDegree * shrink
            return (dx * dx + dy * dy).squareRoot()
        }
        let limit = max(5 * median(distances), 2)
        return Set(distances.indices.filter { distances[$0] > limit })
    }

    // MARK: About

    func aboutSection() -> String {
        var out = HTMLPage.paragraph(
            "To make this page again: pbsim report \(file) -o report.html --rules "
                + outcomes.map(\.rule.rawValue).joined(separator: ","))
        out += HTMLPage.paragraph(
            "The rules are computed exactly as pabutools 1.2.3 computes them, on the ballots in the file. "
                + "Voter satisfaction here is the \(satisfactionNoun); \"voters with a choice funded\" counts voters "
                + "with at least one. Amounts are in \(money.name)"
                + (election.metaValue("currency") == nil && !money.code.isEmpty ? " (inferred from the country)." : ".")
        )
        out += HTMLPage.paragraph(
            "Colours follow the Okabe–Ito palette, which people with the common forms of colour blindness can tell "
                + "apart; bars also carry patterns and map marks differ in shape, so the charts survive greyscale "
                + "printing. Every chart has its numbers in a table below it.")
        return out
    }
}
