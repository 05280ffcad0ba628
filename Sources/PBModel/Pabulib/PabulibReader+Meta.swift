extension PabulibReader {
    /// The `META` section of pabulib text, read as ``parse(_:file:)-(Array<UInt8>,_)`` reads it (quoting
    /// included), without reading the projects and votes: for a quick look at a file, such as a batch
    /// leaving out the rules that do not apply to its vote type.
    ///
    /// Unlike a full parse it reports nothing: rows that are not `key;value` are skipped, and it stops
    /// at the first other section.
    ///
    /// ```swift
    /// let meta = PabulibReader.meta(of: Array("META\nkey;value\nvote_type;approval\nPROJECTS\n".utf8))
    /// meta.first { $0.key == "vote_type" }?.value   // "approval"
    /// ```
    ///
    /// - Parameter bytes: The text of a `.pb` file.
    /// - Returns: The entries of its first section when that is `META`, in file order; otherwise none.
    public static func meta(of bytes: [UInt8]) -> [Election.MetaEntry] {
        let text = bytes.span
        var scanner = RecordScanner(text: text)
        var quotedBuffer: [UInt8] = []
        var entries: [Election.MetaEntry] = []
        var inMeta = false
        var needHeader = false
        while scanner.next(in: text, quoted: &quotedBuffer) {
            if scanner.isBlankRecord { continue }
            let quoted = quotedBuffer.span
            if let section = scanner.section(in: text, quoted: quoted) {
                guard section == .meta, !inMeta else { break }
                inMeta = true
                needHeader = true
                continue
            }
            guard inMeta else { break }
            if needHeader {
                needHeader = false
                continue
            }
            if scanner.fieldCount == 2 {
                entries.append(
                    Election.MetaEntry(
                        key: scanner.string(0, in: text, quoted: quoted),
                        value: scanner.string(1, in: text, quoted: quoted)
                    ))
            }
        }
        return entries
    }

    /// The vote type the `META` section of pabulib text names (see ``meta(of:)``), or `nil` when it
    /// names none or an unknown one.
    ///
    /// - Parameter bytes: The text of a `.pb` file.
    /// - Returns: The vote type.
    public static func voteType(of bytes: [UInt8]) -> VoteType? {
        meta(of: bytes).first { $0.key == "vote_type" }.flatMap { VoteType(metaValue: $0.value) }
    }
}
