/// A hash table from byte strings to dense indices, looked up without making a `String`.
struct ByteKeyTable {
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int] = []
    private var keyEnds: [Int] = []
    private var slots: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    private static func hash(_ bytes: ArraySlice<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    private func equals(_ k: Int, _ bytes: ArraySlice<UInt8>) -> Bool {
        let s = keyStarts[k]
        let e = keyEnds[k]
        guard e - s == bytes.count else { return false }
        var i = s
        for b in bytes {
            if keyBytes[i] != b { return false }
            i += 1
        }
        return true
    }

    /// The index of `bytes`, or nil.
    func find(_ bytes: ArraySlice<UInt8>) -> Int32? {
        var i = ByteKeyTable.hash(bytes) & mask
        while true {
            let s = slots[i]
            if s < 0 { return nil }
            if equals(Int(s), bytes) { return s }
            i = (i + 1) & mask
        }
    }

    /// Inserts `bytes` with the next index; returns false if already present.
    mutating func insert(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = ByteKeyTable.hash(bytes) & mask
        while true {
            let s = slots[i]
            if s < 0 { break }
            if equals(Int(s), bytes) { return false }
            i = (i + 1) & mask
        }
        slots[i] = Int32(keyStarts.count)
        keyStarts.append(keyBytes.count)
        keyBytes.append(contentsOf: bytes)
        keyEnds.append(keyBytes.count)
        if keyStarts.count * 2 > slots.count { grow() }
        return true
    }

    private mutating func grow() {
        var bigger = ByteKeyTable(capacity: slots.count)
        for k in 0..<keyStarts.count {
            _ = bigger.insert(keyBytes[keyStarts[k]..<keyEnds[k]])
        }
        self = bigger
    }
}
