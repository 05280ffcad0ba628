/// The iteration order of a CPython 3.11 `set` of strings under `PYTHONHASHSEED=0`, which decides
/// the order of pabutools' MES analytics (`calculate_project_loss` lists the candidates of a
/// round in the order of the `set` of projects MES keeps).
///
/// It reproduces `str.__hash__` (SipHash-1-3 with the all-zero key that `PYTHONHASHSEED=0`
/// sets) and `Objects/setobject.c`: open addressing with 9 linear probes then perturbed jumps,
/// growth when the table is 60 % full, and `set.copy()` re-inserting into a fresh table.
struct PythonSet {
    private var keys: [Int?]
    private var hashes: [Int64]
    private var mask: Int
    private var fill = 0
    private let hashOf: (Int) -> Int64

    static let minSize = 8
    static let linearProbes = 9
    static let perturbShift: UInt64 = 5

    /// An empty set whose element `k` hashes as `hash(k)`.
    init(hash: @escaping (Int) -> Int64) {
        keys = Array(repeating: nil, count: Self.minSize)
        hashes = Array(repeating: 0, count: Self.minSize)
        mask = Self.minSize - 1
        hashOf = hash
    }

    /// The elements in iteration order.
    var elements: [Int] { keys.compactMap { $0 } }
    var count: Int { fill }

    /// `set.add`: appends an element (assumed absent).
    mutating func add(_ key: Int) {
        let h = hashOf(key)
        let slot = Self.freeSlot(in: keys, mask: mask, hash: h)
        keys[slot] = key
        hashes[slot] = h
        fill += 1
        if fill * 5 >= mask * 3 { resize(minUsed: fill > 50_000 ? fill * 2 : fill * 4) }
    }

    /// `set.copy()` (and `set(other)`): a new set filled from this one by CPython's `set_merge`.
    func copy() -> PythonSet {
        var s = PythonSet(hash: hashOf)
        guard fill > 0 else { return s }
        if fill * 5 >= s.mask * 3 { s.resize(minUsed: fill * 2) }
        if s.mask == mask {
            s.keys = keys
            s.hashes = hashes
            s.fill = fill
            return s
        }
        for (k, h) in zip(keys, hashes) where k != nil { s.insertClean(k!, h) }
        s.fill = fill
        return s
    }

    /// `self.difference(empty set)`, as `set_difference` builds it.
    func differenceWithEmpty() -> PythonSet {
        if fill >> 2 > 0 { return copy() }
        var s = PythonSet(hash: hashOf)
        for k in elements { s.add(k) }
        return s
    }

    private mutating func resize(minUsed: Int) {
        var size = Self.minSize
        while size <= minUsed { size <<= 1 }
        let old = zip(keys, hashes).compactMap { k, h in k.map { ($0, h) } }
        keys = Array(repeating: nil, count: size)
        hashes = Array(repeating: 0, count: size)
        mask = size - 1
        for (k, h) in old { insertClean(k, h) }
    }

    private mutating func insertClean(_ key: Int, _ hash: Int64) {
        let slot = Self.freeSlot(in: keys, mask: mask, hash: hash)
        keys[slot] = key
        hashes[slot] = hash
    }

    private static func freeSlot(in keys: [Int?], mask: Int, hash: Int64) -> Int {
        var perturb = UInt64(bitPattern: hash)
        var i = Int(UInt64(bitPattern: hash) & UInt64(mask))
        while true {
            if keys[i] == nil { return i }
            if i + linearProbes <= mask {
                for j in 1...linearProbes where keys[i + j] == nil { return i + j }
            }
            perturb >>= perturbShift
            i = Int((UInt64(i) &* 5 &+ 1 &+ perturb) & UInt64(mask))
        }
    }

    /// CPython's `hash(s)` for a `str` with hash randomisation off (`PYTHONHASHSEED=0`).
    static func stringHash(_ s: String) -> Int64 {
        let scalars = s.unicodeScalars.map(\.value)
        guard !scalars.isEmpty else { return 0 }
        let width = scalars.max()! < 0x100 ? 1 : (scalars.max()! < 0x10000 ? 2 : 4)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * width)
        for v in scalars {
            for k in 0..<width { bytes.append(UInt8((v >> (8 * UInt32(k))) & 0xff)) }
        }
        let h = Int64(bitPattern: sipHash13(bytes))
        return h == -1 ? -2 : h
    }

    /// SipHash-1-3 with key (0, 0), as CPython's `Python/pyhash.c` computes it.
    static func sipHash13(_ data: [UInt8]) -> UInt64 {
        var v0: UInt64 = 0x736f_6d65_7073_6575
        var v1: UInt64 = 0x646f_7261_6e64_6f6d
        var v2: UInt64 = 0x6c79_6765_6e65_7261
        var v3: UInt64 = 0x7465_6462_7974_6573
        func rotl(_ x: UInt64, _ b: UInt64) -> UInt64 { (x << b) | (x >> (64 - b)) }
        func round() {
            v0 = v0 &+ v1
            v2 = v2 &+ v3
            v1 = rotl(v1, 13) ^ v0
            v3 = rotl(v3, 16) ^ v2
            v0 = rotl(v0, 32)
            v2 = v2 &+ v1
            v0 = v0 &+ v3
            v1 = rotl(v1, 17) ^ v2
            v3 = rotl(v3, 21) ^ v0
            v2 = rotl(v2, 32)
        }
        var i = 0
        while data.count - i >= 8 {
            var m: UInt64 = 0
            for k in 0..<8 { m |= UInt64(data[i + k]) << (8 * UInt64(k)) }
            v3 ^= m
            round()
            v0 ^= m
            i += 8
        }
        var b = UInt64(data.count) << 56
        var t: UInt64 = 0
        for k in 0..<(data.count - i) { t |= UInt64(data[i + k]) << (8 * UInt64(k)) }
        b |= t
        v3 ^= b
        round()
        v0 ^= b
        v2 ^= 0xff
        round()
        round()
        round()
        return (v0 ^ v1) ^ (v2 ^ v3)
    }
}
