/// Builders of the report's charts as inline SVG.
///
/// Each builder takes the data and returns a complete `<svg>` (see ``SVGNode``) with a `<title>` and a
/// `<desc>` for screen readers, a hover text on every mark, and colours, patterns and markers from
/// ``SeriesStyle``. Values that are NaN are skipped; a chart with nothing to draw renders a "No data to
/// show." note instead of failing.
///
/// ```swift
/// let svg = Charts.groupedBars(
///     id: "spend-domain", title: "Spend by domain", description: "…",
///     categories: ["health", "transport"],
///     series: [BarSeries(name: "service-led", style: .palette(0), values: [BarValue(0.4), BarValue(0.6)])],
///     format: .percent(decimals: 0))
/// print(svg.render())
/// ```
public enum Charts {
    // MARK: - Horizontal bars

    /// Horizontal bars, one group per category and one bar per series, with optional whiskers.
    ///
    /// - Parameters:
    ///   - id: The chart's element id (unique in the page; pattern ids derive from it).
    ///   - title: The chart's title (for assistive technology; the page shows its own caption).
    ///   - description: A sentence describing what is drawn.
    ///   - categories: The category labels, top to bottom.
    ///   - series: The series, each with one value per category.
    ///   - format: How values are written.
    ///   - domain: The value axis's extent (by default the data's, with 0, widened to round ticks).
    ///   - references: Labelled lines across the plot.
    ///   - width: The width in pixels.
    ///   - showValues: Whether to write each value at its bar's end.
    ///   - heading: A heading written above the plot (for small multiples), if any.
    /// - Returns: The `<svg>`.
    public static func groupedBars(
        id: String, title: String, description: String, categories: [String], series: [BarSeries],
        format: ValueFormat, domain: (Double, Double)? = nil, references: [ReferenceLine] = [],
        width: Double = 860, showValues: Bool = true, heading: String? = nil
    ) -> SVGNode {
        let finite = series.flatMap { $0.values.flatMap { [$0.value, $0.lo, $0.hi] } }.filter(\.isFinite)
        guard !categories.isEmpty, !series.isEmpty, !finite.isEmpty else {
            return noData(id: id, title: title, width: width)
        }
        let n = SVG.number
        let labelSize = 12.0
        let labelRoom = min(width * 0.36, (categories.map { SVG.textWidth($0, fontSize: labelSize) }.max() ?? 0) + 14)
        let valueRoom = showValues ? 58.0 : 14.0
        let left = labelRoom
        let right = width - valueRoom

        let styles = series.map(\.style) + series.flatMap { $0.values.compactMap(\.style) }
        let (defs, fills) = patterns(styles, chartID: id)
        var top = 8.0
        var headingNode: SVGNode?
        if let heading {
            headingNode = text(heading, x: 0, y: 20, size: 13, weight: "700", className: "chart-heading")
            top += 24
        }
        var legendNode: SVGNode?
        if series.count > 1 {
            let (node, height) = legend(
                series.map { LegendEntry(name: $0.name, style: $0.style, kind: .swatch) }, x: left, y: top,
                maxWidth: right - left, fills: fills)
            legendNode = node
            top += height + 10
        }
        if !references.isEmpty { top += 14 }

        let barHeight = series.count == 1 ? 18.0 : (series.count <= 3 ? 13.0 : 11.0)
        let groupGap = series.count == 1 ? 7.0 : 12.0
        let groupHeight = Double(series.count) * barHeight + groupGap
        let plotHeight = Double(categories.count) * groupHeight
        let bottom = top + plotHeight
        let height = bottom + 30

        let extent =
            domain
            ?? LinearScale.extent(of: finite + references.map(\.value), includingZero: true) ?? (0, 1)
        var x = LinearScale(domain: extent, range: (left, right))
        if domain == nil { x = x.niced(count: Axis.tickCount(span: right - left)) }

        var svg = frame(id: id, title: title, description: description, width: width, height: height)
        if let defs { svg.append(defs) }
        if let headingNode { svg.append(headingNode) }
        if let legendNode { svg.append(legendNode) }
        // Zebra bands help the eye keep a group's bars together.
        if series.count > 1 {
            for i in categories.indices where i % 2 == 1 {
                svg.append(
                    SVGNode(
                        "rect",
                        [
                            "x": "0", "y": n(top + Double(i) * groupHeight), "width": n(width),
                            "height": n(groupHeight), "fill": "#F6F7F9",
                        ]))
            }
        }
        svg.append(Axis.bottom(x, y: bottom, gridFrom: top, format: format))
        let zero = x.clamped(0)
        svg.append(
            SVGNode(
                "line", ["x1": n(zero), "x2": n(zero), "y1": n(top), "y2": n(bottom), "stroke": Palette.axis]))
        for reference in references where reference.value.isFinite {
            let rx = x(reference.value)
            guard rx >= left - 0.5, rx <= right + 0.5 else { continue }
            svg.append(
                SVGNode(
                    "line",
                    [
                        "x1": n(rx), "x2": n(rx), "y1": n(top - 4), "y2": n(bottom), "stroke": Palette.ink,
                        "stroke-dasharray": "5 3", "stroke-width": "1.2", "class": "reference",
                    ]))
            svg.append(text(reference.label, x: rx, y: top - 7, anchor: "middle", size: 11))
        }

        for (c, category) in categories.enumerated() {
            let groupTop = top + Double(c) * groupHeight + groupGap / 2
            let label = SVG.clipped(category, toWidth: labelRoom - 14, fontSize: labelSize)
            svg.append(
                text(label, x: left - 8, y: groupTop + Double(series.count) * barHeight / 2 + 4, anchor: "end")
                    .titled(label == category ? nil : category))
            for (s, item) in series.enumerated() {
                guard c < item.values.count else { continue }
                let bar = item.values[c]
                let y = groupTop + Double(s) * barHeight
                let style = bar.style ?? item.style
                let tip =
                    bar.tip
                    ?? "\(category) · \(item.name): \(format.text(bar.value))"
                    + (bar.lo.isFinite && bar.hi.isFinite ? " (\(format.text(bar.lo))–\(format.text(bar.hi)))" : "")
                var end = zero
                if bar.value.isFinite {
                    let x1 = x.clamped(bar.value)
                    end = max(end, x1)
                    svg.append(
                        SVGNode(
                            "rect",
                            [
                                "x": n(min(zero, x1)), "y": n(y + 1), "width": n(max(abs(x1 - zero), 0.8)),
                                "height": n(barHeight - 2), "fill": fills[style] ?? style.colour,
                                "stroke": style.stroke,
                                "stroke-width": "0.8", "class": "bar",
                            ]
                        ).titled(tip))
                }
                if bar.lo.isFinite && bar.hi.isFinite {
                    let x0 = x.clamped(bar.lo)
                    let x1 = x.clamped(bar.hi)
                    end = max(end, x1)
                    let cy = y + barHeight / 2
                    let cap = max(2.0, barHeight / 2 - 2)
                    let d =
                        "M\(n(x0)),\(n(cy)) H\(n(x1)) M\(n(x0)),\(n(cy - cap)) V\(n(cy + cap)) "
                        + "M\(n(x1)),\(n(cy - cap)) V\(n(cy + cap))"
                    svg.append(
                        SVGNode(
                            "path",
                            ["d": d, "stroke": Palette.ink, "stroke-width": "1.3", "fill": "none", "class": "whisker"]
                        ).titled(tip))
                }
                if showValues && (bar.value.isFinite || bar.label != nil) {
                    svg.append(
                        text(
                            bar.label ?? format.text(bar.value), x: end + 4, y: y + barHeight / 2 + 3.5,
                            size: barHeight >= 13 ? 11 : 10, className: "value"))
                }
            }
        }
        return svg
    }
}
