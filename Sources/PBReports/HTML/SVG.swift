import PBSupport
/// Escaping of text for HTML and SVG.
///
/// Every piece of text that reaches a report (scenario names, proposal titles, `.pb` project names,
/// category labels) goes through ``escape(_:)``, whether it lands in an element or in an attribute:
///
/// ```swift
/// Markup.escape(#"Parks & "play" <areas>"#)   // Parks &amp; &quot;play&quot; &lt;areas&gt;
/// ```
public enum Markup {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by character references, safe both as element
    /// content and inside a double- or single-quoted attribute value.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The escaped text.
    public static func escape(_ text: String) -> String {
        HTMLText.escape(text)
    }
}

/// An element of an SVG drawing, rendered with every attribute value and text escaped.
///
/// Charts build a tree of nodes and render it once; nothing is concatenated by hand, so no label can
/// break the markup:
///
/// ```swift
/// let label = SVGNode("text", ["x": "10", "y": "20"], text: "Parks & play")
/// label.render()   // <text x="10" y="20">Parks &amp; play</text>
/// ```
public struct SVGNode: Sendable, Hashable {
    /// One attribute: a name and its (unescaped) value.
    public struct Attribute: Sendable, Hashable {
        /// The attribute name, e.g. `fill`.
        public var name: String
        /// The value, escaped when rendered.
        public var value: String
    }

    /// The element name, e.g. `rect`.
    public var name: String
    /// The attributes, in the order they are rendered.
    public var attributes: [Attribute]
    /// The child elements, rendered after ``text``.
    public var children: [SVGNode]
    /// The element's text content (escaped when rendered), if any.
    public var text: String?

    /// Creates an element.
    ///
    /// - Parameters:
    ///   - name: The element name.
    ///   - attributes: Attribute names and values, in order.
    ///   - text: Text content, if any.
    ///   - children: Child elements.
    public init(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil,
        children: [SVGNode] = []
    ) {
        self.name = name
        self.attributes = attributes.map { Attribute(name: $0.key, value: $0.value) }
        self.text = text
        self.children = children
    }

    /// The value of an attribute, if set.
    public subscript(attribute name: String) -> String? {
        get { attributes.first { $0.name == name }?.value }
        set {
            if let index = attributes.firstIndex(where: { $0.name == name }) {
                if let newValue { attributes[index].value = newValue } else { attributes.remove(at: index) }
            } else if let newValue {
                attributes.append(Attribute(name: name, value: newValue))
            }
        }
    }

    /// A copy with an attribute set.
    public func with(_ name: String, _ value: String) -> SVGNode {
        var copy = self
        copy[attribute: name] = value
        return copy
    }

    /// A copy with a `<title>` child first, which browsers show on hover and the report's script
    /// turns into a styled tooltip.
    public func titled(_ tip: String?) -> SVGNode {
        guard let tip, !tip.isEmpty else { return self }
        var copy = self
        copy.children.insert(SVGNode("title", text: tip), at: 0)
        return copy
    }

    /// Appends a child.
    public mutating func append(_ child: SVGNode) {
        children.append(child)
    }

    /// Appends children.
    public mutating func append(contentsOf nodes: [SVGNode]) {
        children.append(contentsOf: nodes)
    }

    /// Every node of the tree, depth first, this one included.
    public var allNodes: [SVGNode] {
        [self] + children.flatMap(\.allNodes)
    }

    /// The markup, with attribute values and text escaped.
    ///
    /// - Complexity: O(size of the tree).
    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        out += "<" + name
        for attribute in attributes {
            out += " " + attribute.name + "=\"" + Markup.escape(attribute.value) + "\""
        }
        if children.isEmpty && text == nil {
            out += "/>"
            return
        }
        out += ">"
        if let text { out += Markup.escape(text) }
        for child in children { child.render(into: &out) }
        out += "</" + name + ">"
    }
}

/// Helpers for SVG coordinates and text.
public enum SVG {
    /// A coordinate with at most two decimals and no trailing zeros: `12.5`, `3`, `0` (never `-0`);
    /// `0` for a value that is not finite.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let hundredths = (x * 100).rounded()
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        let magnitude = Int64(abs(hundredths))
        let whole = magnitude / 100
        let fraction = magnitude % 100
        var text = (negative ? "-" : "") + String(whole)
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return text
    }

    /// The approximate width of a line of text in a sans-serif font, for layout (labels are measured
    /// before the browser lays them out, so this errs on the wide side).
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - fontSize: The font size in pixels.
    /// - Returns: The width in pixels.
    public static func textWidth(_ text: String, fontSize: Double) -> Double {
        // Widths in ems, close to DejaVu Sans (the widest of the fonts the page asks for on Linux).
        var units = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!":
                units += 0.3
            case " ":
                units += 0.32
            case "(", ")", "[", "]", "t", "f", "r", "-":
                units += 0.41
            case "m", "w", "M", "W", "%", "@":
                units += 0.95
            case _ where character.isUppercase:
                units += 0.72
            case _ where character.isNumber:
                units += 0.64
            default:
                units += 0.62
            }
        }
        return units * fontSize
    }

    /// The text shortened with an ellipsis so that it fits `width` pixels.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - width: The room, in pixels.
    ///   - fontSize: The font size in pixels.
    /// - Returns: The text, or its longest prefix that fits followed by `…`.
    public static func clipped(_ text: String, toWidth width: Double, fontSize: Double) -> String {
        guard textWidth(text, fontSize: fontSize) > width else { return text }
        var prefix = ""
        for character in text {
            if textWidth(prefix + String(character) + "…", fontSize: fontSize) > width { break }
            prefix.append(character)
        }
        return prefix.trimmingTrailingSpaces() + "…"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
