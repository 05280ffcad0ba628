/// One bar: a value, an optional interval (whiskers) and the texts that go with it.
public struct BarValue: Sendable, Hashable {
    /// The bar's length; NaN draws no bar.
    public var value: Double
    /// The interval's lower end (NaN: no whiskers).
    public var lo: Double
    /// The interval's upper end (NaN: no whiskers).
    public var hi: Double
    /// The text at the bar's end (by default the value, formatted).
    public var label: String?
    /// The hover text (by default category, series and value).
    public var tip: String?
    /// A style for this bar alone, overriding its series'.
    public var style: SeriesStyle?

    /// Creates a bar.
    public init(
        _ value: Double, lo: Double = .nan, hi: Double = .nan, label: String? = nil, tip: String? = nil,
        style: SeriesStyle? = nil
    ) {
        self.value = value
        self.lo = lo
        self.hi = hi
        self.label = label
        self.tip = tip
        self.style = style
    }
}

/// A series of bars, one per category of a chart.
public struct BarSeries: Sendable, Hashable {
    /// The series name (legend).
    public var name: String
    /// The style of its bars.
    public var style: SeriesStyle
    /// One value per category, aligned with the chart's categories.
    public var values: [BarValue]

    /// Creates a series.
    public init(name: String, style: SeriesStyle, values: [BarValue]) {
        self.name = name
        self.style = style
        self.values = values
    }
}

/// A labelled line across a chart at a value (e.g. "all need met" at 100%).
public struct ReferenceLine: Sendable, Hashable {
    /// The value.
    public var value: Double
    /// The label.
    public var label: String

    /// Creates a reference line.
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

/// A point of a line chart, with an optional interval drawn as a band.
public struct LinePoint: Sendable, Hashable {
    /// The x value.
    public var x: Double
    /// The y value (NaN leaves a gap in the line).
    public var y: Double
    /// The band's lower end (NaN for none).
    public var lo: Double
    /// The band's upper end (NaN for none).
    public var hi: Double
    /// The hover text.
    public var tip: String?

    /// Creates a point.
    public init(x: Double, y: Double, lo: Double = .nan, hi: Double = .nan, tip: String? = nil) {
        self.x = x
        self.y = y
        self.lo = lo
        self.hi = hi
        self.tip = tip
    }
}

/// A line of a line chart.
public struct LineSeries: Sendable, Hashable {
    /// The series name, written at the line's end.
    public var name: String
    /// The line's colour, dash and markers.
    public var style: SeriesStyle
    /// The points, in x order.
    public var points: [LinePoint]
    /// Whether to shade the band between each point's `lo` and `hi`.
    public var band: Bool

    /// Creates a line.
    public init(name: String, style: SeriesStyle, points: [LinePoint], band: Bool = false) {
        self.name = name
        self.style = style
        self.points = points
        self.band = band
    }
}

/// A point of a scatter plot.
public struct ScatterPoint: Sendable, Hashable {
    /// The x value.
    public var x: Double
    /// The y value.
    public var y: Double
    /// The index of its group (colour and marker).
    public var group: Int
    /// The hover text.
    public var tip: String

    /// Creates a point.
    public init(x: Double, y: Double, group: Int, tip: String) {
        self.x = x
        self.y = y
        self.group = group
        self.tip = tip
    }
}

/// A group of scatter points sharing a style.
public struct ScatterGroup: Sendable, Hashable {
    /// The group's name (legend).
    public var name: String
    /// Its colour and marker.
    public var style: SeriesStyle
    /// Whether its markers are drawn hollow.
    public var hollow: Bool

    /// Creates a group.
    public init(name: String, style: SeriesStyle, hollow: Bool = false) {
        self.name = name
        self.style = style
        self.hollow = hollow
    }
}

/// A segment of a stacked bar (e.g. one funded project's cost).
public struct StackSegment: Sendable, Hashable {
    /// The segment's length.
    public var value: Double
    /// The hover text.
    public var tip: String

    /// Creates a segment.
    public init(value: Double, tip: String) {
        self.value = value
        self.tip = tip
    }
}

/// A row of a stacked bar chart.
public struct StackRow: Sendable, Hashable {
    /// The row label.
    public var label: String
    /// The row's colour.
    public var style: SeriesStyle
    /// The segments, left to right.
    public var segments: [StackSegment]
    /// The text right of the bar (e.g. `97% used`).
    public var note: String

    /// Creates a row.
    public init(label: String, style: SeriesStyle, segments: [StackSegment], note: String) {
        self.label = label
        self.style = style
        self.segments = segments
        self.note = note
    }
}

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

    // MARK: - Stacked bars

    /// One horizontal bar per row made of segments laid end to end against a total (e.g. each rule's
    /// funded projects against the budget).
    ///
    /// - Parameters:
    ///   - id: The chart's element id.
    ///   - title: The title.
    ///   - description: A sentence describing what is drawn.
    ///   - rows: The rows, top to bottom.
    ///   - total: The length of the full bar (drawn as a dashed outline).
    ///   - totalLabel: The label of the full bar, e.g. `budget £1.5M`.
    ///   - format: How axis values are written.
    ///   - width: The width.
    /// - Returns: The `<svg>`.
    public static func stackedBars(
        id: String, title: String, description: String, rows: [StackRow], total: Double, totalLabel: String,
        format: ValueFormat, width: Double = 860
    ) -> SVGNode {
        guard !rows.isEmpty, total.isFinite, total > 0 else { return noData(id: id, title: title, width: width) }
        let n = SVG.number
        let labelRoom = min(width * 0.34, (rows.map { SVG.textWidth($0.label, fontSize: 12) }.max() ?? 0) + 14)
        let noteRoom = min(170, (rows.map { SVG.textWidth($0.note, fontSize: 11) }.max() ?? 0) + 14)
        let left = labelRoom
        let right = width - noteRoom
        let rowHeight = 24.0
        let gap = 12.0
        let top = 26.0
        let bottom = top + Double(rows.count) * (rowHeight + gap)
        let height = bottom + 30
        let longest = rows.map { $0.segments.reduce(0) { $0 + ($1.value.isFinite ? max($1.value, 0) : 0) } }.max() ?? 0
        let x = LinearScale(domain: (0, max(total, longest)), range: (left, right))
        var svg = frame(id: id, title: title, description: description, width: width, height: height)
        svg.append(Axis.bottom(x, y: bottom, gridFrom: top, format: format))
        let tx = x(total)
        svg.append(
            SVGNode(
                "line",
                [
                    "x1": n(tx), "x2": n(tx), "y1": n(top - 8), "y2": n(bottom), "stroke": Palette.ink,
                    "stroke-dasharray": "5 3", "stroke-width": "1.2", "class": "reference",
                ]))
        svg.append(text(totalLabel, x: tx, y: top - 11, anchor: "end", size: 11))
        for (r, row) in rows.enumerated() {
            let y = top + gap / 2 + Double(r) * (rowHeight + gap)
            let label = SVG.clipped(row.label, toWidth: labelRoom - 14, fontSize: 12)
            svg.append(
                text(label, x: left - 8, y: y + rowHeight / 2 + 4, anchor: "end").titled(
                    label == row.label ? nil : row.label))
            svg.append(
                SVGNode(
                    "rect",
                    [
                        "x": n(left), "y": n(y), "width": n(tx - left), "height": n(rowHeight), "fill": "#FFFFFF",
                        "stroke": "#BDBDBD", "stroke-dasharray": "3 2",
                    ]))
            var start = 0.0
            for (s, segment) in row.segments.enumerated() where segment.value.isFinite && segment.value > 0 {
                let x0 = x(start)
                let x1 = x(start + segment.value)
                start += segment.value
                svg.append(
                    SVGNode(
                        "rect",
                        [
                            "x": n(x0), "y": n(y), "width": n(max(x1 - x0, 0.5)), "height": n(rowHeight),
                            "fill": row.style.colour, "fill-opacity": s % 2 == 0 ? "1" : "0.62", "stroke": "#FFFFFF",
                            "stroke-width": "1", "class": "segment",
                        ]
                    ).titled(segment.tip))
            }
            svg.append(text(row.note, x: right + 8, y: y + rowHeight / 2 + 4, size: 11, className: "value"))
        }
        return svg
    }
}
