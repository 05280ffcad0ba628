extension Charts {
    // MARK: - Lines

    /// Lines over a numeric x axis, with markers, optional bands and each line's name written at its end.
    ///
    /// - Parameters:
    ///   - id: The chart's element id.
    ///   - title: The title.
    ///   - description: A sentence describing what is drawn.
    ///   - series: The lines.
    ///   - xFormat: How x ticks are written.
    ///   - yFormat: How y ticks are written.
    ///   - xLabel: The x axis title.
    ///   - yLabel: The y axis title.
    ///   - yDomain: The y extent (by default the data's, widened to round ticks).
    ///   - xTicks: The x ticks (by default round values).
    ///   - marker: Positions for a movable vertical marker (one x per step of a slider) and the one shown
    ///     at first; the page's script moves it.
    ///   - width: The width.
    ///   - height: The height.
    /// - Returns: The `<svg>`.
    public static func lineChart(
        id: String, title: String, description: String, series: [LineSeries], xFormat: ValueFormat,
        yFormat: ValueFormat, xLabel: String, yLabel: String, yDomain: (Double, Double)? = nil,
        xTicks: [Double]? = nil, marker: (positions: [Double], selected: Int)? = nil, width: Double = 720,
        height: Double = 320
    ) -> SVGNode {
        let points = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        guard !points.isEmpty else { return noData(id: id, title: title, width: width) }
        let n = SVG.number
        let ys = series.flatMap { s in s.points.flatMap { s.band ? [$0.y, $0.lo, $0.hi] : [$0.y] } }
        var y = LinearScale(
            domain: yDomain ?? LinearScale.extent(of: ys, includingZero: false) ?? (0, 1), range: (height - 48, 28))
        if yDomain == nil { y = y.niced(count: 5) }
        let yTicks = y.ticks(count: 5)
        let yTickWidth =
            yTicks.map { SVG.textWidth(yFormat.tickText($0, step: Axis.stepOf(yTicks)), fontSize: Axis.fontSize) }.max()
            ?? 20
        let left = yTickWidth + 16
        // Direct labels are bold: about 8% wider than the estimate for regular text.
        let nameRoom = min(200, (series.map { SVG.textWidth($0.name, fontSize: 12) }.max() ?? 0) * 1.08 + 22)
        let right = width - nameRoom
        let xExtent = LinearScale.extent(of: points.map(\.x), includingZero: false) ?? (0, 1)
        let x = LinearScale(domain: xExtent, range: (left, right))

        let (defs, _) = patterns([], chartID: id)
        var svg = frame(id: id, title: title, description: description, width: width, height: height)
        if let defs { svg.append(defs) }
        svg.append(Axis.left(y, x: left, gridTo: right, format: yFormat, ticks: yTicks, label: yLabel))
        svg.append(Axis.bottom(x, y: height - 48, format: xFormat, ticks: xTicks, label: xLabel))

        for line in series where line.band {
            // One polygon per run of points whose band is defined.
            var run: [LinePoint] = []
            func flush() {
                defer { run = [] }
                guard run.count > 1 else { return }
                let upper = run.map { "\(n(x($0.x))),\(n(y.clamped($0.hi)))" }
                let lower = run.reversed().map { "\(n(x($0.x))),\(n(y.clamped($0.lo)))" }
                svg.append(
                    SVGNode(
                        "polygon",
                        [
                            "points": (upper + lower).joined(separator: " "), "fill": line.style.colour,
                            "fill-opacity": "0.14", "stroke": "none", "class": "band",
                        ]))
            }
            for point in line.points {
                if point.x.isFinite && point.lo.isFinite && point.hi.isFinite { run.append(point) } else { flush() }
            }
            flush()
        }
        var ends: [(name: String, y: Double, colour: String)] = []
        for line in series {
            var d = ""
            var penDown = false
            var last: LinePoint?
            for point in line.points {
                guard point.x.isFinite && point.y.isFinite else {
                    penDown = false
                    continue
                }
                d += (penDown ? " L" : (d.isEmpty ? "M" : " M")) + "\(n(x(point.x))),\(n(y.clamped(point.y)))"
                penDown = true
                last = point
            }
            guard let last else { continue }
            var path = SVGNode(
                "path",
                [
                    "d": d, "fill": "none", "stroke": line.style.colour, "stroke-width": "2.5",
                    "stroke-linejoin": "round", "class": "line",
                ])
            if let dash = line.style.dash { path[attribute: "stroke-dasharray"] = dash }
            svg.append(path.titled(line.name))
            for point in line.points where point.x.isFinite && point.y.isFinite {
                svg.append(
                    line.style.markerNode(x: x(point.x), y: y.clamped(point.y), size: 8).titled(
                        point.tip ?? "\(line.name): \(yFormat.text(point.y)) at \(xFormat.text(point.x))"))
            }
            ends.append((line.name, y.clamped(last.y), line.style.textColour))
        }
        // Direct labels at the lines' ends, pushed apart so they do not overlap.
        ends.sort { $0.y < $1.y }
        var placed: [Double] = []
        for end in ends {
            var ly = end.y + 4
            if let previous = placed.last, ly < previous + 14 { ly = previous + 14 }
            placed.append(ly)
        }
        if let lastPlaced = placed.last, lastPlaced > height - 40 {
            let shift = lastPlaced - (height - 40)
            placed = placed.map { $0 - shift }
        }
        for (end, ly) in zip(ends, placed) {
            svg.append(
                text(end.name, x: right + 10, y: ly, weight: "600", fill: end.colour, className: "direct-label"))
        }
        if let marker, marker.positions.indices.contains(marker.selected) {
            let xs = marker.positions.map { n(x($0)) }
            let mx = xs[marker.selected]
            svg.append(
                SVGNode(
                    "line",
                    [
                        "x1": mx, "x2": mx, "y1": n(y.range.upper - 6), "y2": n(y.range.lower), "stroke": Palette.ink,
                        "stroke-width": "1.5", "stroke-dasharray": "3 3", "class": "x-marker",
                        "data-xs": xs.joined(separator: ","),
                    ]))
        }
        return svg
    }
}
