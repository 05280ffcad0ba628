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
