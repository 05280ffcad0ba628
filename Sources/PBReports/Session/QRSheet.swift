import Foundation

/// A printable sheet of QR codes, one card per member link: the facilitator prints it, cuts the cards
/// and hands them round the room.
///
/// The SVG is 210 mm wide (A4) and a whole number of A4 pages tall: 3 × 4 cards per page, each card
/// with the session's name, the member's label, the code (error correction level M, a 4-module quiet
/// zone, about 1 mm per module) and the link in small print for anyone who cannot scan.
///
/// ```swift
/// let svg = try QRSheet.svg(title: "Riverside panel", cards: [("Member 1", link1), ("Member 2", link2)])
/// ```
public enum QRSheet {
    /// Millimetres: page width and height, cards per row and per page.
    static let pageWidth = 210.0
    static let pageHeight = 297.0
    static let columns = 3
    static let rows = 4
    /// Width of the code with its quiet zone, in millimetres.
    static let codeWidth = 46.0

    /// The sheet's SVG text.
    ///
    /// - Parameters:
    ///   - title: Printed on every card (the session's name).
    ///   - cards: One per member: a label (name or "Member 3") and the link the code holds.
    /// - Returns: A standalone SVG document.
    /// - Throws: ``QRCode/TooLong`` for a link too long for a QR code.
    public static func svg(title: String, cards: [(label: String, link: String)]) throws(QRCode.TooLong) -> String {
        let cardWidth = pageWidth / Double(columns)
        let cardHeight = pageHeight / Double(rows)
        let pages = max(1, (cards.count + columns * rows - 1) / (columns * rows))
        let height = pageHeight * Double(pages)
        var root = SVGNode(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "width": "\(format(pageWidth))mm",
                "height": "\(format(height))mm",
                "viewBox": "0 0 \(format(pageWidth)) \(format(height))", "font-family": "sans-serif",
            ])
        root.append(SVGNode("title", text: "\(title): member links"))
        root.append(SVGNode("rect", ["width": format(pageWidth), "height": format(height), "fill": "#fff"]))
        for (k, card) in cards.enumerated() {
            let page = k / (columns * rows)
            let slot = k % (columns * rows)
            let x = Double(slot % columns) * cardWidth
            let y = Double(page) * pageHeight + Double(slot / columns) * cardHeight
            let code = try QRCode(bytes: Array(card.link.utf8), level: .medium)
            var group = SVGNode("g", ["transform": "translate(\(format(x)) \(format(y)))"])
            group.append(
                SVGNode(
                    "rect",
                    [
                        "x": "2", "y": "2", "width": format(cardWidth - 4), "height": format(cardHeight - 4),
                        "fill": "none", "stroke": "#bbb", "stroke-width": "0.2", "stroke-dasharray": "1 1",
                    ]))
            group.append(
                SVGNode(
                    "text", ["x": format(cardWidth / 2), "y": "8", "font-size": "3", "text-anchor": "middle"],
                    text: clipped(title, to: 34)))
            group.append(
                SVGNode(
                    "text",
                    [
                        "x": format(cardWidth / 2), "y": "13", "font-size": "4", "font-weight": "bold",
                        "text-anchor": "middle",
                    ], text: clipped(card.label, to: 28)))
            group.append(Self.code(code, x: (cardWidth - codeWidth) / 2, y: 15, width: codeWidth))
            for (line, text) in lines(card.link, width: 56).prefix(3).enumerated() {
                group.append(
                    SVGNode(
                        "text",
                        [
                            "x": format(cardWidth / 2), "y": format(15 + codeWidth + 3 + 2.6 * Double(line)),
                            "font-size": "2", "font-family": "monospace", "text-anchor": "middle",
                        ], text: text))
            }
            root.append(group)
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.render() + "\n"
    }

    /// The code as one path of dark modules (a run of dark modules in a row is one rectangle), on a white
    /// square with the 4-module quiet zone.
    static func code(_ code: QRCode, x: Double, y: Double, width: Double) -> SVGNode {
        let quiet = 4
        let scale = width / Double(code.size + 2 * quiet)
        var path = ""
        for row in 0..<code.size {
            var column = 0
            while column < code.size {
                guard code.isDark(x: column, y: row) else {
                    column += 1
                    continue
                }
                let start = column
                while column < code.size && code.isDark(x: column, y: row) { column += 1 }
                path += "M\(start + quiet) \(row + quiet)h\(column - start)v1h-\(column - start)z"
            }
        }
        var group = SVGNode(
            "g",
            [
                "transform": "translate(\(format(x)) \(format(y))) scale(\(format(scale, digits: 6)))",
                "shape-rendering": "crispEdges",
            ])
        let side = String(code.size + 2 * quiet)
        group.append(SVGNode("rect", ["width": side, "height": side, "fill": "#fff"]))
        group.append(SVGNode("path", ["d": path, "fill": "#000"]))
        return group
    }

    /// The link in lines for the card: a new line before each `&` (the token starts on its own line),
    /// then pieces of at most `width` characters.
    static func lines(_ link: String, width: Int) -> [String] {
        var parts: [Substring] = []
        var rest = Substring(link)
        while let ampersand = rest.dropFirst().firstIndex(of: "&") {
            parts.append(rest[..<ampersand])
            rest = rest[ampersand...]
        }
        parts.append(rest)
        return parts.flatMap { part -> [String] in
            stride(from: 0, to: part.count, by: width).map { String(part.dropFirst($0).prefix(width)) }
        }
    }

    static func clipped(_ text: String, to count: Int) -> String {
        text.count <= count ? text : String(text.prefix(count - 1)) + "…"
    }

    static func format(_ value: Double, digits: Int = 3) -> String {
        var text = String(format: "%.\(digits)f", value)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text
    }
}
