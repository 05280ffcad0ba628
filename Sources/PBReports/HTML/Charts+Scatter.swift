extension Charts {
    // MARK: - Scatter

    /// Points in two numeric dimensions, coloured and shaped by group.
    ///
    /// - Parameters:
    ///   - id: The chart's element id.
    ///   - title: The title.
    ///   - description: A sentence describing what is drawn.
    ///   - points: The points (non-finite ones are skipped).
    ///   - groups: The groups, indexed by each point's `group`.
    ///   - xLabel: The x axis title.
    ///   - yLabel: The y axis title.
    ///   - format: How ticks are written.
    ///   - aspect: For maps, the pixels per y unit over the pixels per x unit (e.g. `1 / cos(latitude)`);
    ///     `nil` lets each axis fill the plot.
    ///   - width: The width.
    ///   - maxHeight: The most height the plot may take.
    /// - Returns: The `<svg>`.
    public static func scatter(
        id: String, title: String, description: String, points: [ScatterPoint], groups: [ScatterGroup],
        xLabel: String, yLabel: String, format: ValueFormat, aspect: Double? = nil, width: Double = 860,
        maxHeight: Double = 520
    ) -> SVGNode {
        let shown = points.filter { $0.x.isFinite && $0.y.isFinite && groups.indices.contains($0.group) }
        guard !shown.isEmpty else { return noData(id: id, title: title, width: width) }
        let n = SVG.number
        let (defs, fills) = patterns([], chartID: id)
        let (legendNode, legendHeight) = legend(
            groups.map { LegendEntry(name: $0.name, style: $0.style, kind: .marker) }, x: 60, y: 8,
            maxWidth: width - 80, fills: fills)
        let top = 8 + legendHeight + 26
        let left = 70.0
        let right = width - 20
        var xExtent = LinearScale.extent(of: shown.map(\.x), includingZero: false) ?? (0, 1)
        var yExtent = LinearScale.extent(of: shown.map(\.y), includingZero: false) ?? (0, 1)
        // A margin of 6% on each side keeps markers off the axes.
        let xPad = (xExtent.1 - xExtent.0) * 0.06
        let yPad = (yExtent.1 - yExtent.0) * 0.06
        xExtent = (xExtent.0 - xPad, xExtent.1 + xPad)
        yExtent = (yExtent.0 - yPad, yExtent.1 + yPad)
        let plotWidth = right - left
        var plotHeight = min(maxHeight, plotWidth * 0.7)
        if let aspect, aspect > 0 {
            // Same ground distance per pixel on both axes: widen one extent to fill the plot.
            let xSpan = xExtent.1 - xExtent.0
            let ySpan = yExtent.1 - yExtent.0
            plotHeight = min(maxHeight, max(220, plotWidth * ySpan * aspect / xSpan))
            let pixelsPerX = min(plotWidth / xSpan, plotHeight / (ySpan * aspect))
            let wantX = plotWidth / pixelsPerX
            let wantY = plotHeight / (pixelsPerX * aspect)
            let cx = (xExtent.0 + xExtent.1) / 2
            let cy = (yExtent.0 + yExtent.1) / 2
            xExtent = (cx - wantX / 2, cx + wantX / 2)
            yExtent = (cy - wantY / 2, cy + wantY / 2)
        }
        let bottom = top + plotHeight
        let height = bottom + 50
        let x = LinearScale(domain: xExtent, range: (left, right))
        let y = LinearScale(domain: yExtent, range: (bottom, top))
        var svg = frame(id: id, title: title, description: description, width: width, height: height)
        if let defs { svg.append(defs) }
        svg.append(legendNode)
        svg.append(Axis.left(y, x: left, gridTo: right, format: format, label: yLabel))
        svg.append(Axis.bottom(x, y: bottom, gridFrom: top, format: format, label: xLabel))
        svg.append(
            SVGNode(
                "rect",
                [
                    "x": n(left), "y": n(top), "width": n(plotWidth), "height": n(plotHeight), "fill": "none",
                    "stroke": Palette.grid,
                ]))
        // Draw hollow groups first so that filled markers stay on top.
        let order = shown.sorted { (groups[$0.group].hollow ? 0 : 1) < (groups[$1.group].hollow ? 0 : 1) }
        for point in order {
            let group = groups[point.group]
            svg.append(
                group.style.markerNode(x: x(point.x), y: y(point.y), size: 11, hollow: group.hollow)
                    .with("class", "point").titled(point.tip))
        }
        return svg
    }
}
