extension Charts {
    // MARK: - Histogram

    /// Vertical bars over labelled bins, e.g. the share of voters in each band of satisfaction.
    ///
    /// - Parameters:
    ///   - id: The chart's element id.
    ///   - title: The title (also written above the bars).
    ///   - description: A sentence describing what is drawn.
    ///   - bins: The bin labels, left to right.
    ///   - values: One value per bin (NaN draws nothing).
    ///   - style: The bars' style.
    ///   - format: How values are written.
    ///   - yMax: The top of the axis (by default the largest value, rounded up), so that small multiples
    ///     share a scale.
    ///   - xLabel: The x axis title.
    ///   - width: The width.
    ///   - height: The height.
    /// - Returns: The `<svg>`.
    public static func histogram(
        id: String, title: String, description: String, bins: [String], values: [Double], style: SeriesStyle,
        format: ValueFormat, yMax: Double? = nil, xLabel: String, width: Double = 360, height: Double = 240
    ) -> SVGNode {
        guard !bins.isEmpty, values.contains(where: \.isFinite) else {
            return noData(id: id, title: title, width: width, height: 120)
        }
        let n = SVG.number
        let (defs, fills) = patterns([style], chartID: id)
        let top = 40.0
        let bottom = height - 48
        var y = LinearScale(
            domain: (0, yMax ?? LinearScale.extent(of: values, includingZero: true)?.1 ?? 1), range: (bottom, top))
        y = y.niced(count: 4)
        let ticks = y.ticks(count: 4)
        let left =
            (ticks.map { SVG.textWidth(format.tickText($0, step: Axis.stepOf(ticks)), fontSize: Axis.fontSize) }.max()
                ?? 20) + 14
        let right = width - 8
        let band = BandScale(count: bins.count, range: (left, right), paddingInner: 0.18, paddingOuter: 0.1)
        var svg = frame(id: id, title: title, description: description, width: width, height: height)
        if let defs { svg.append(defs) }
        svg.append(text(title, x: left, y: 16, size: 13, weight: "700", className: "chart-heading"))
        svg.append(Axis.left(y, x: left, gridTo: right, format: format, ticks: ticks))
        svg.append(
            SVGNode(
                "line", ["x1": n(left), "x2": n(right), "y1": n(bottom), "y2": n(bottom), "stroke": Palette.axis]))
        let fill = fills[style] ?? style.colour
        for (i, bin) in bins.enumerated() {
            let cx = band.center(i)
            let labelSize = band.bandwidth >= 34 ? 10.5 : 9.5
            svg.append(text(bin, x: cx, y: bottom + 14, anchor: "middle", size: labelSize, className: "tick"))
            guard i < values.count, values[i].isFinite else { continue }
            let top = y.clamped(values[i])
            svg.append(
                SVGNode(
                    "rect",
                    [
                        "x": n(band.start(i)), "y": n(top), "width": n(band.bandwidth),
                        "height": n(max(bottom - top, 0.8)), "fill": fill, "stroke": style.stroke,
                        "stroke-width": "0.8",
                        "class": "bar",
                    ]
                ).titled("\(bin): \(format.text(values[i]))"))
            svg.append(
                text(format.text(values[i]), x: cx, y: top - 4, anchor: "middle", size: 9.5, className: "value"))
        }
        svg.append(
            text(xLabel, x: (left + right) / 2, y: height - 14, anchor: "middle", size: 11, className: "axis-label"))
        return svg
    }
}
