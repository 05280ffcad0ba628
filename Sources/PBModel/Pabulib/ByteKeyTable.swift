/// A hash table from byte strings to dense indices, looked up without making a `String`.
///
/// Keys are copied into one flat buffer, and key `k` gets index `k`. The index is built lazily:
/// while keys arrive in strictly ascending order (shorter first, then byte by byte, so `9` comes
/// before `10`), as voter ids do in most pabulib files, they cannot repeat, and ``insert(_:)``
/// only compares each key with the previous one. The first key out of order, or the first
/// ``find(_:)``, hashes every key so far; from then on the table uses open addressing with linear
/// probing and stays at most half full.
///
/// Each slot holds a key's index, length and a 64-bit word: for keys of at most 8 bytes (project
/// ids, in practice) the word is the key itself, packed, so a probe compares one word and never
/// reads the key's bytes; for longer keys it is the hash, and bytes are compared only when it
/// matches. Hashing mixes with one 64×64→128-bit multiply per 8 bytes, in the style of wyhash.
struct ByteKeyTable {
    private struct Slot {
        /// `index + 1`, or 0 for an empty slot.
        var index: Int32
        var length: Int32
        /// The packed key (at most 8 bytes) or its hash.
        var word: UInt64
    }

    private var keyBytes: [UInt8] = []
    /// Key `k` is `keyBytes[keyStarts[k]..<keyStarts[k + 1]]`.
    private var keyStarts: [Int32] = [0]
    /// Empty while the keys are ascending.
    private var slots: [Slot] = []
    private var mask = 0
    /// The number of keys the caller expects; the index is sized for it.
    private let capacity: Int

    /// Creates a table that holds `capacity` keys before its index grows.
    init(capacity: Int) {
        self.capacity = capacity
        keyStarts.reserveCapacity(capacity + 1)
    }

    /// The number of keys.
    var count: Int { keyStarts.count - 1 }

    /// Whether keys are hashed (true once keys arrived out of order or were looked up).
    private var isIndexed: Bool { !slots.isEmpty }

    /// Where key `k` is in `keyBytes`.
    @inline(__always)
    private func keyRange(_ k: Int) -> Range<Int> { Int(keyStarts[k])..<Int(keyStarts[k + 1]) }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        let product = x.multipliedFullWidth(by: 0x9FB2_1C65_1E98_DF25)
        return product.high ^ product.low
    }

    /// The slot word of `bytes` and the hash that places it.
    ///
    /// A key of at most 8 bytes packs into one word that, with the length, identifies it: two
    /// overlapping 4-byte loads for 4...8 bytes, the first, middle and last byte for 1...3.
    @inline(__always)
    private static func word(_ bytes: Span<UInt8>) -> (word: UInt64, hash: UInt64) {
        let n = bytes.count
        let seed = 0xA076_1D64_78BD_642F ^ UInt64(n)
        if n <= 8 {
            let packed: UInt64
            if n >= 4 {
                packed = UInt64(bytes.littleEndianUInt32(at: 0)) | UInt64(bytes.littleEndianUInt32(at: n - 4)) << 32
            } else if n > 0 {
                packed = UInt64(bytes[0]) | UInt64(bytes[n / 2]) << 8 | UInt64(bytes[n - 1]) << 16
            } else {
                packed = 0
            }
            return (packed, mix(packed ^ seed))
        }
        var h = seed
        var i = 0
        while i + 8 <= n {
            h = mix(h ^ bytes.littleEndianUInt64(at: i))
            i += 8
        }
        if i < n { h = mix(h ^ bytes.littleEndianUInt64(at: n - 8) ^ 0xE703_7ED1_A0B4_28DB) }
        return (h, h)
    }

    /// Whether `a` comes strictly before `b`: shorter first, then byte by byte.
    private static func precedes(_ a: Span<UInt8>, _ b: Span<UInt8>) -> Bool {
        if a.count != b.count { return a.count < b.count }
        for i in 0..<a.count where a[i] != b[i] { return a[i] < b[i] }
        return false
    }

    private static func equal(_ a: Span<UInt8>, _ b: Span<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }

    /// The slot holding `bytes`, or the empty slot where it would go, with the slot's word.
    @inline(__always)
    private func probe(_ bytes: Span<UInt8>) -> (slot: Int, word: UInt64, found: Bool) {
        let (word, hash) = ByteKeyTable.word(bytes)
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = slots[i]
            if s.index == 0 { return (i, word, false) }
            if s.word == word, Int(s.length) == bytes.count,
                bytes.count <= 8 || ByteKeyTable.equal(keyBytes.span.extracting(keyRange(Int(s.index) - 1)), bytes)
            {
                return (i, word, true)
            }
            i = (i + 1) & mask
        }
    }

    /// The index of `bytes`, or nil.
    ///
    /// - Complexity: O(`bytes.count`) expected; the first call after keys were only inserted in
    ///   ascending order hashes them all.
    mutating func find(_ bytes: Span<UInt8>) -> Int32? {
        if !isIndexed { buildIndex(size: count) }
        let p = probe(bytes)
        return p.found ? slots[p.slot].index - 1 : nil
    }

    /// Inserts `bytes` with the next index; returns false if already present.
    ///
    /// - Complexity: O(`bytes.count`) expected (amortised over the growth of the index).
    mutating func insert(_ bytes: Span<UInt8>) -> Bool {
        precondition(keyBytes.count + bytes.count <= Int(Int32.max), "keys over 2 GB")
        if !isIndexed {
            let ascending = count == 0 || ByteKeyTable.precedes(keyBytes.span.extracting(keyRange(count - 1)), bytes)
            if ascending {
                append(bytes)
                return true
            }
            buildIndex(size: count + 1)
        }
        let p = probe(bytes)
        if p.found { return false }
        slots[p.slot] = Slot(index: Int32(count + 1), length: Int32(bytes.count), word: p.word)
        append(bytes)
        if count * 2 > slots.count { buildIndex(size: count) }
        return true
    }

    private mutating func append(_ bytes: Span<UInt8>) {
        keyBytes.append(addingCapacity: bytes.count) { output in
            for i in bytes.indices { output.append(bytes[i]) }
        }
        keyStarts.append(Int32(keyBytes.count))
    }

    /// Hashes every key into new slots, room for at least `size` keys (and ``capacity``) at most
    /// half full.
    private mutating func buildIndex(size: Int) {
        var slotCount = 16
        while slotCount < max(size, capacity) * 2 { slotCount <<= 1 }
        // Filled as a local: the keys are read through a span of `self`.
        var table = [Slot](repeating: Slot(index: 0, length: 0, word: 0), count: slotCount)
        let mask = slotCount - 1
        do {
            let stored = keyBytes.span
            for k in 0..<count {
                let bytes = stored.extracting(keyRange(k))
                let (word, hash) = ByteKeyTable.word(bytes)
                var i = Int(truncatingIfNeeded: hash) & mask
                while table[i].index != 0 { i = (i + 1) & mask }
                table[i] = Slot(index: Int32(k + 1), length: Int32(bytes.count), word: word)
            }
        }
        slots = table
        self.mask = mask
    }
}
