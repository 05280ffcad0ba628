/// Axes, grid lines, legends and the frame shared by every chart.
///
/// ```swift
/// let x = LinearScale(domain: (0, 1), range: (120, 680)).niced()
/// let axis = Axis.bottom(x, y: 300, gridFrom: 20, format: .percent(decimals: 0))
/// ```
public enum Axis {
    /// The font size of tick labels, in pixels.
    static let fontSize = 11.0

    /// A horizontal axis at `y` with tick marks and labels below, and vertical grid lines up to
    /// `gridFrom` when given.
    ///
    /// - Parameters:
    ///   - scale: The horizontal scale.
    ///   - y: The axis line's y.
    ///   - gridFrom: The y where grid lines start (the top of the plot), or `nil` for none.
    ///   - format: How tick labels are written.
    ///   - ticks: The ticks (by default about five round values of the scale).
    ///   - label: The axis title, centred below the tick labels, if any.
    /// - Returns: A group with class `axis`.
    public static func bottom(
        _ scale: LinearScale, y: Double, gridFrom: Double? = nil, format: ValueFormat, ticks: [Double]? = nil,
        label: String? = nil
    ) -> SVGNode {
        let values = ticks ?? scale.ticks(count: tickCount(span: abs(scale.range.upper - scale.range.lower)))
        let step = stepOf(values)
        var group = SVGNode("g", ["class": "axis axis-x"])
        let n = SVG.number
        for value in values {
            let x = scale(value)
            if let gridFrom {
                group.append(
                    SVGNode(
                        "line",
                        [
                            "x1": n(x), "x2": n(x), "y1": n(gridFrom), "y2": n(y), "stroke": Palette.grid,
                            "class": "grid",
                        ]))
            }
            group.append(
                SVGNode("line", ["x1": n(x), "x2": n(x), "y1": n(y), "y2": n(y + 4), "stroke": Palette.axis]))
            group.append(
                SVGNode(
                    "text",
                    [
                        "x": n(x), "y": n(y + 16), "text-anchor": "middle", "font-size": n(fontSize),
                        "fill": Palette.ink, "class": "tick",
                    ], text: format.tickText(value, step: step)))
        }
        group.append(
            SVGNode(
                "line",
                [
                    "x1": n(min(scale.range.lower, scale.range.upper)),
                    "x2": n(max(scale.range.lower, scale.range.upper)),
                    "y1": n(y), "y2": n(y), "stroke": Palette.axis,
                ]))
        if let label {
            let middle = (scale.range.lower + scale.range.upper) / 2
            group.append(
                SVGNode(
                    "text",
                    [
                        "x": n(middle), "y": n(y + 34), "text-anchor": "middle", "font-size": "12",
                        "fill": Palette.ink, "class": "axis-label",
                    ], text: label))
        }
        return group
    }

    /// A vertical axis at `x` with tick marks and labels on its left, and horizontal grid lines to
    /// `gridTo` when given.
    ///
    /// - Parameters:
    ///   - scale: The vertical scale (its range usually runs from the bottom up).
    ///   - x: The axis line's x.
    ///   - gridTo: The x where grid lines end (the right of the plot), or `nil` for none.
    ///   - format: How tick labels are written.
    ///   - ticks: The ticks (by default about five round values).
    ///   - label: The axis title, written above the axis, if any.
    /// - Returns: A group with class `axis`.
    public static func left(
        _ scale: LinearScale, x: Double, gridTo: Double? = nil, format: ValueFormat, ticks: [Double]? = nil,
        label: String? = nil
    ) -> SVGNode {
        let values = ticks ?? scale.ticks(count: tickCount(span: abs(scale.range.upper - scale.range.lower)))
        let step = stepOf(values)
        var group = SVGNode("g", ["class": "axis axis-y"])
        let n = SVG.number
        for value in values {
            let y = scale(value)
            if let gridTo {
                group.append(
                    SVGNode(
                        "line",
                        ["x1": n(x), "x2": n(gridTo), "y1": n(y), "y2": n(y), "stroke": Palette.grid, "class": "grid"]))
            }
            group.append(SVGNode("line", ["x1": n(x - 4), "x2": n(x), "y1": n(y), "y2": n(y), "stroke": Palette.axis]))
            group.append(
                SVGNode(
                    "text",
                    [
                        "x": n(x - 7), "y": n(y + 4), "text-anchor": "end", "font-size": n(fontSize),
                        "fill": Palette.ink, "class": "tick",
                    ], text: format.tickText(value, step: step)))
        }
        group.append(
            SVGNode(
                "line",
                [
                    "x1": n(x), "x2": n(x), "y1": n(min(scale.range.lower, scale.range.upper)),
                    "y2": n(max(scale.range.lower, scale.range.upper)), "stroke": Palette.axis,
                ]))
        if let label {
            group.append(
                SVGNode(
                    "text",
                    [
                        "x": n(x), "y": n(min(scale.range.lower, scale.range.upper) - 8), "text-anchor": "start",
                        "font-size": "12", "fill": Palette.ink, "class": "axis-label",
                    ], text: label))
        }
        return group
    }

    /// About one tick per 90 pixels, between 2 and 8.
    static func tickCount(span: Double) -> Int {
        max(2, min(8, Int(span / 90)))
    }

    /// The smallest gap between consecutive ticks (1 when there is only one).
    static func stepOf(_ ticks: [Double]) -> Double {
        guard ticks.count > 1 else { return 1 }
        var step = Double.infinity
        for i in 1..<ticks.count { step = min(step, abs(ticks[i] - ticks[i - 1])) }
        return step
    }
}

/// One entry of a chart legend.
public struct LegendEntry: Sendable, Hashable {
    /// How the entry's key is drawn.
    public enum Kind: Sendable, Hashable {
        /// A filled swatch, as for bars.
        case swatch
        /// A short line with a marker, as for line charts.
        case line
        /// A marker alone, as for scatter plots.
        case marker
    }

    /// The series name.
    public var name: String
    /// The series style.
    public var style: SeriesStyle
    /// How the key is drawn.
    public var kind: Kind

    /// Creates an entry.
    public init(name: String, style: SeriesStyle, kind: Kind) {
        self.name = name
        self.style = style
        self.kind = kind
    }
}

extension Charts {
    /// A legend laid out in rows from `(x, y)`, wrapping at `maxWidth`.
    ///
    /// - Parameters:
    ///   - entries: The entries, in order.
    ///   - x: The left edge.
    ///   - y: The top edge.
    ///   - maxWidth: The width available.
    ///   - fills: The fill of each style (pattern references).
    /// - Returns: The legend group and its height.
    static func legend(
        _ entries: [LegendEntry], x: Double, y: Double, maxWidth: Double, fills: [SeriesStyle: String]
    ) -> (node: SVGNode, height: Double) {
        var group = SVGNode("g", ["class": "legend"])
        let n = SVG.number
        let rowHeight = 18.0
        var cx = x
        var cy = y + 9
        for entry in entries {
            let keyWidth = entry.kind == .line ? 26.0 : 14.0
            let width = keyWidth + 6 + SVG.textWidth(entry.name, fontSize: 12) + 16
            if cx > x && cx + width > x + maxWidth {
                cx = x
                cy += rowHeight
            }
            var item = SVGNode("g", ["class": "legend-item"])
            switch entry.kind {
            case .swatch:
                item.append(
                    SVGNode(
                        "rect",
                        [
                            "x": n(cx), "y": n(cy - 6), "width": "14", "height": "12",
                            "fill": fills[entry.style] ?? entry.style.colour, "stroke": entry.style.stroke,
                        ]))
            case .line:
                var line = SVGNode(
                    "line",
                    [
                        "x1": n(cx), "x2": n(cx + 26), "y1": n(cy), "y2": n(cy), "stroke": entry.style.colour,
                        "stroke-width": "2.5",
                    ])
                if let dash = entry.style.dash { line[attribute: "stroke-dasharray"] = dash }
                item.append(line)
                item.append(entry.style.markerNode(x: cx + 13, y: cy, size: 8))
            case .marker:
                item.append(entry.style.markerNode(x: cx + 7, y: cy, size: 10))
            }
            item.append(
                SVGNode(
                    "text",
                    ["x": n(cx + keyWidth + 6), "y": n(cy + 4), "font-size": "12", "fill": Palette.ink],
                    text: entry.name))
            group.append(item)
            cx += width
        }
        return (group, entries.isEmpty ? 0 : cy - y + 9)
    }

    /// The `<defs>` with one pattern per distinct style that needs one, and each style's fill.
    static func patterns(_ styles: [SeriesStyle], chartID: String) -> (defs: SVGNode?, fills: [SeriesStyle: String]) {
        var fills: [SeriesStyle: String] = [:]
        var defs = SVGNode("defs")
        for style in styles where fills[style] == nil {
            let id = "\(chartID)-p\(defs.children.count)"
            fills[style] = style.fill(patternID: id)
            if let pattern = style.patternDefinition(id: id) { defs.append(pattern) }
        }
        return (defs.children.isEmpty ? nil : defs, fills)
    }

    /// The outer `<svg>`: an accessible image with a title and a description, scaled to its container.
    static func frame(id: String, title: String, description: String, width: Double, height: Double) -> SVGNode {
        let n = SVG.number
        return SVGNode(
            "svg",
            [
                "id": id, "class": "chart", "viewBox": "0 0 \(n(width)) \(n(height))", "width": n(width),
                "height": n(height), "role": "img", "aria-labelledby": "\(id)-title \(id)-desc",
                "style": "max-width:\(n(width))px",
            ],
            children: [
                SVGNode("title", ["id": "\(id)-title"], text: title),
                SVGNode("desc", ["id": "\(id)-desc"], text: description),
            ])
    }

    /// A chart with nothing to draw: its frame and a centred note, so the page still reads.
    ///
    /// - Parameters:
    ///   - id: The chart's id.
    ///   - title: The chart's title.
    ///   - width: The width.
    ///   - height: The height.
    ///   - message: The note.
    /// - Returns: The `<svg>`.
    public static func noData(
        id: String, title: String, width: Double = 720, height: Double = 90, message: String = "No data to show."
    ) -> SVGNode {
        var svg = frame(id: id, title: title, description: message, width: width, height: height)
        let n = SVG.number
        svg.append(
            SVGNode(
                "rect",
                [
                    "x": "1", "y": "1", "width": n(width - 2), "height": n(height - 2), "fill": "#FAFAFA",
                    "stroke": Palette.grid, "stroke-dasharray": "4 3",
                ]))
        svg.append(
            SVGNode(
                "text",
                [
                    "x": n(width / 2), "y": n(height / 2 + 5), "text-anchor": "middle", "font-size": "14",
                    "fill": Palette.axis, "class": "no-data",
                ], text: message))
        return svg
    }

    /// A text element with the usual ink and font size.
    static func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 12, weight: String? = nil,
        fill: String = Palette.ink, className: String? = nil
    ) -> SVGNode {
        let n = SVG.number
        var node = SVGNode(
            "text", ["x": n(x), "y": n(y), "text-anchor": anchor, "font-size": n(size), "fill": fill], text: content)
        if let weight { node[attribute: "font-weight"] = weight }
        if let className { node[attribute: "class"] = className }
        return node
    }
}
