/// The colours of the charts: the Okabe–Ito palette, distinguishable with the common forms of colour
/// blindness.
///
/// Colour is never the only cue: each series also has a fill pattern (bars), a marker shape and a dash
/// (lines and points), and charts label their series directly or with a legend. The palette leaves
/// out Okabe–Ito's yellow, too light on white paper.
///
/// Okabe, M. and Ito, K. (2008), *Color Universal Design (CUD): how to make figures and
/// presentations that are friendly to colorblind people*.
public enum Palette {
    /// Blue, orange, bluish green, vermilion, sky blue, reddish purple, black.
    public static let okabeIto: [String] = [
        "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000",
    ]

    /// Ink for text and axes.
    public static let ink = "#222222"
    /// Axis lines and tick marks.
    public static let axis = "#767676"
    /// Grid lines.
    public static let grid = "#E3E3E3"
}

/// How a bar is filled besides its colour: a pattern of white marks that survives greyscale printing.
public enum FillPattern: String, Sendable, Hashable, CaseIterable {
    case solid, diagonal, dots, horizontal, crosshatch, vertical, backDiagonal
}

/// The shape of a point marker on a line or scatter chart.
public enum MarkerShape: String, Sendable, Hashable, CaseIterable {
    case circle, square, triangle, diamond, cross, triangleDown, ring
}

/// The look of one data series: colour, fill pattern, marker and dash.
///
/// ```swift
/// let style = SeriesStyle.palette(1)   // orange, diagonal stripes, squares, dashed line
/// ```
public struct SeriesStyle: Sendable, Hashable {
    /// The main colour (CSS hex).
    public var colour: String
    /// The bar fill pattern.
    public var pattern: FillPattern
    /// The point marker.
    public var marker: MarkerShape
    /// The line's `stroke-dasharray`, or `nil` for a solid line.
    public var dash: String?
    /// A reference series (e.g. share of need): light grey hatching with a dark outline, so it reads as
    /// "what to compare against" rather than as one more regime.
    public var isReference: Bool

    /// Creates a style.
    public init(
        colour: String, pattern: FillPattern = .solid, marker: MarkerShape = .circle, dash: String? = nil,
        isReference: Bool = false
    ) {
        self.colour = colour
        self.pattern = pattern
        self.marker = marker
        self.dash = dash
        self.isReference = isReference
    }

    /// The `index`-th style: colours, patterns, markers and dashes each cycle on their own.
    public static func palette(_ index: Int) -> SeriesStyle {
        let i = max(index, 0)
        let patterns: [FillPattern] = [.solid, .diagonal, .dots, .crosshatch, .horizontal, .backDiagonal, .vertical]
        let markers: [MarkerShape] = [.circle, .square, .triangle, .diamond, .cross, .triangleDown, .ring]
        let dashes: [String?] = [nil, "7 4", "2 3", "10 3 2 3", "4 4", nil, "1 3"]
        return SeriesStyle(
            colour: Palette.okabeIto[i % Palette.okabeIto.count], pattern: patterns[i % patterns.count],
            marker: markers[i % markers.count], dash: dashes[i % dashes.count])
    }

    /// The style of a reference series such as "share of need".
    public static let reference = SeriesStyle(
        colour: "#5A5A5A", pattern: .diagonal, marker: .ring, dash: "3 3", isReference: true)

    /// A darker shade of the colour for text on white (orange and sky blue are too light to read).
    public var textColour: String {
        switch colour.uppercased() {
        case "#E69F00": "#8A5F00"
        case "#56B4E9": "#1B6A94"
        case "#009E73": "#00694B"
        case "#CC79A7": "#8C3D70"
        case "#D55E00": "#A64900"
        default: colour
        }
    }

    /// The outline colour of a bar.
    var stroke: String { isReference ? "#4D4D4D" : colour }

    /// The SVG `fill` of a bar with this style, given the id of its pattern definition.
    func fill(patternID: String) -> String {
        if pattern == .solid && !isReference { return colour }
        return "url(#\(patternID))"
    }

    /// The `<pattern>` definition for this style, or `nil` for a solid fill.
    func patternDefinition(id: String) -> SVGNode? {
        if pattern == .solid && !isReference { return nil }
        let background = isReference ? "#ECECEC" : colour
        let mark = isReference ? "#7A7A7A" : "#FFFFFF"
        let markOpacity = isReference ? "1" : "0.8"
        var node = SVGNode(
            "pattern",
            ["id": id, "patternUnits": "userSpaceOnUse", "width": "6", "height": "6"],
            children: [SVGNode("rect", ["width": "6", "height": "6", "fill": background])])
        func line(_ d: String) -> SVGNode {
            SVGNode(
                "path",
                ["d": d, "stroke": mark, "stroke-width": "1.4", "stroke-opacity": markOpacity, "fill": "none"])
        }
        switch pattern {
        case .solid, .diagonal: node.append(line("M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2"))
        case .backDiagonal: node.append(line("M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2"))
        case .dots:
            node.append(
                SVGNode("circle", ["cx": "3", "cy": "3", "r": "1.3", "fill": mark, "fill-opacity": markOpacity]))
        case .horizontal: node.append(line("M0,3 h6"))
        case .vertical: node.append(line("M3,0 v6"))
        case .crosshatch: node.append(line("M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2 M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2"))
        }
        return node
    }

    /// A point marker of this style centred at `(x, y)`.
    ///
    /// - Parameters:
    ///   - x: The centre's x.
    ///   - y: The centre's y.
    ///   - size: The marker's width in pixels.
    ///   - hollow: Whether to draw only the outline.
    func markerNode(x: Double, y: Double, size: Double, hollow: Bool = false) -> SVGNode {
        let r = size / 2
        let fill = hollow || marker == .ring ? "#FFFFFF" : colour
        let n = SVG.number
        switch marker {
        case .circle, .ring:
            return SVGNode(
                "circle",
                ["cx": n(x), "cy": n(y), "r": n(r), "fill": fill, "stroke": colour, "stroke-width": "1.6"])
        case .square:
            return SVGNode(
                "rect",
                [
                    "x": n(x - r * 0.9), "y": n(y - r * 0.9), "width": n(r * 1.8), "height": n(r * 1.8), "fill": fill,
                    "stroke": colour, "stroke-width": "1.6",
                ])
        case .triangle:
            let points = "\(n(x)),\(n(y - r * 1.1)) \(n(x + r)),\(n(y + r * 0.8)) \(n(x - r)),\(n(y + r * 0.8))"
            return SVGNode("polygon", ["points": points, "fill": fill, "stroke": colour, "stroke-width": "1.6"])
        case .triangleDown:
            let points = "\(n(x)),\(n(y + r * 1.1)) \(n(x + r)),\(n(y - r * 0.8)) \(n(x - r)),\(n(y - r * 0.8))"
            return SVGNode("polygon", ["points": points, "fill": fill, "stroke": colour, "stroke-width": "1.6"])
        case .diamond:
            let points = "\(n(x)),\(n(y - r * 1.2)) \(n(x + r)),\(n(y)) \(n(x)),\(n(y + r * 1.2)) \(n(x - r)),\(n(y))"
            return SVGNode("polygon", ["points": points, "fill": fill, "stroke": colour, "stroke-width": "1.6"])
        case .cross:
            let d =
                "M\(n(x - r)),\(n(y - r)) L\(n(x + r)),\(n(y + r)) M\(n(x - r)),\(n(y + r)) L\(n(x + r)),\(n(y - r))"
            return SVGNode("path", ["d": d, "stroke": colour, "stroke-width": "2.2", "fill": "none"])
        }
    }
}

/// How the values of an axis, a bar label or a table cell are written.
public enum ValueFormat: Sendable, Hashable {
    /// A share as a percentage: `0.713` → `71.3%` with one decimal.
    case percent(decimals: Int)
    /// A plain number with thousands separators.
    case number(decimals: Int)
    /// An amount of money in a currency (ISO 4217 code, or empty for plain numbers).
    case money(code: String)

    /// A value in full.
    ///
    /// - Parameter value: The value.
    /// - Returns: The text (`n/a` for NaN).
    public func text(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        switch self {
        case .percent(let decimals): return NumberText.percent(value, decimals: decimals)
        case .number(let decimals): return NumberText.grouped(value, decimals: decimals)
        case .money(let code): return CurrencyText(code: code).format(value)
        }
    }

    /// A tick label, with just enough decimals for ticks `step` apart.
    ///
    /// - Parameters:
    ///   - value: The tick's value.
    ///   - step: The distance between ticks.
    /// - Returns: The label.
    public func tickText(_ value: Double, step: Double) -> String {
        switch self {
        case .percent:
            return NumberText.percent(value, decimals: Self.decimals(forStep: step * 100))
        case .number:
            // The shortest form of each tick: 0, 0.25, 0.5 rather than 0.00, 0.25, 0.50.
            var text = NumberText.grouped(value, decimals: Self.decimals(forStep: step))
            if text.contains(".") {
                while text.last == "0" { text.removeLast() }
                if text.last == "." { text.removeLast() }
            }
            return text == "-0" ? "0" : text
        case .money(let code):
            return CurrencyText(code: code).compact(value)
        }
    }

    /// The decimals needed to write a multiple of `step` exactly: 0 for 5, 1 for 0.5, 2 for 0.25.
    static func decimals(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var decimals = 0
        var s = step
        while abs(s - s.rounded()) > 1e-6 * max(1, s) && decimals < 6 {
            s *= 10
            decimals += 1
        }
        return decimals
    }
}
