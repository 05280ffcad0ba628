/// Plain-text paragraphs for terminal reports.
enum TextWrap {
    /// Wraps text at `width` columns, each line prefixed by `indent`.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var out = ""
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && indent.count + line.count + 1 + word.count > width {
                out += indent + line + "\n"
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { out += indent + line + "\n" }
        return out
    }
}
