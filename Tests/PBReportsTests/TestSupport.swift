import Foundation
import PBReports

/// Paths of the repository's files, found from this file's location.
enum Repository {
    /// The repository root (two folders above this test target).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// A pabulib file of the rules' oracle fixtures.
    static func pabulib(_ name: String) -> String {
        path("Tests/PBRulesTests/Fixtures/pabulib/\(name).pb")
    }
}

/// Reading generated markup in tests.
enum Page {
    /// Every match of a regular expression's first capture group.
    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
            return []
        }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            guard match.numberOfRanges > 1, let r = Range(match.range(at: 1), in: text) else { return nil }
            return String(text[r])
        }
    }

    /// The number of non-overlapping occurrences of `needle`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The `<h2>` headings, in order.
    static func headings(_ html: String) -> [String] {
        captures("<h2[^>]*>(.*?)</h2>", in: html)
    }

    /// Each `<figure>…</figure>` element.
    static func figures(_ html: String) -> [String] {
        captures("(<figure.*?</figure>)", in: html)
    }

    /// Every `src` and `href` attribute value.
    static func links(_ html: String) -> [String] {
        captures(#"(?:src|href)\s*=\s*["']([^"']*)["']"#, in: html)
    }

    /// The nodes of a tree with a given element name.
    static func nodes(_ name: String, in svg: SVGNode) -> [SVGNode] {
        svg.allNodes.filter { $0.name == name }
    }

    /// The nodes of a tree whose `class` attribute contains `className`.
    static func nodes(classed className: String, in svg: SVGNode) -> [SVGNode] {
        svg.allNodes.filter { ($0[attribute: "class"] ?? "").split(separator: " ").contains(Substring(className)) }
    }
}
