extension Span where Element == UInt8 {
    /// The 8 bytes at `offset` as a little-endian word.
    ///
    /// Reads a bounds-checked 8-byte span, so the optimizer makes it one unaligned load with a
    /// single range check.
    @inline(__always)
    func littleEndianUInt64(at offset: Int) -> UInt64 {
        let b = extracting(offset..<offset + 8)
        return UInt64(b[0]) | UInt64(b[1]) << 8 | UInt64(b[2]) << 16 | UInt64(b[3]) << 24
            | UInt64(b[4]) << 32 | UInt64(b[5]) << 40 | UInt64(b[6]) << 48 | UInt64(b[7]) << 56
    }

    /// The 4 bytes at `offset` as a little-endian word.
    @inline(__always)
    func littleEndianUInt32(at offset: Int) -> UInt32 {
        let b = extracting(offset..<offset + 4)
        return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
    }

    /// The bytes as a string, ill-formed UTF-8 repaired as `String(decoding:as:)` does.
    func decodedString() -> String {
        if let valid = try? UTF8Span(validating: self) { return String(copying: valid) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for i in indices { bytes.append(self[i]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
