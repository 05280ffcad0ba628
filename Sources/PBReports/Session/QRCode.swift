/// A QR code symbol (ISO/IEC 18004:2015) of some bytes, in byte mode: the module matrix a sheet draws.
///
/// Versions 1 to 40, error correction levels L, M, Q and H, Reed–Solomon over GF(256), the eight data
/// masks with the penalty evaluation of section 7.8.3 (N1 runs, N2 blocks, N3 finder-like patterns,
/// N4 dark proportion; evaluated before the format and version information is drawn, as 7.8 says),
/// then format and version information. The smallest version that holds the bytes is used; the level is
/// never raised on its own.
///
/// ```swift
/// let code = try QRCode(bytes: Array("https://example.org/vote#s=1".utf8), level: .medium)
/// code.size          // 25 (version 2)
/// code.isDark(x: 0, y: 0)   // true: the finder pattern's corner
/// ```
public struct QRCode: Sendable, Hashable {
    /// The error correction level: the share of codewords that can be restored.
    public enum Level: Int, Sendable, Hashable, CaseIterable {
        /// About 7%.
        case low
        /// About 15% (what a printed sheet uses).
        case medium
        /// About 25%.
        case quartile
        /// About 30%.
        case high

        /// The two bits of the format information (L 01, M 00, Q 11, H 10).
        var formatBits: Int { [1, 0, 3, 2][rawValue] }
    }

    /// Too many bytes for a version-40 symbol at this level.
    public struct TooLong: Error, Sendable, Hashable, CustomStringConvertible {
        /// The number of bytes given.
        public var count: Int
        public var description: String { "\(count) bytes do not fit in a QR code" }
    }

    /// The version, 1…40 (the symbol is `17 + 4 × version` modules wide).
    public let version: Int
    /// The error correction level.
    public let level: Level
    /// The data mask, 0…7.
    public let mask: Int
    /// Modules per side.
    public let size: Int
    /// Row-major: `modules[y * size + x]` is true for a dark module.
    public let modules: [Bool]

    /// Whether the module in column `x`, row `y` is dark.
    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Encodes `bytes` in byte mode.
    ///
    /// - Parameters:
    ///   - bytes: The content (a URL's UTF-8 bytes, say).
    ///   - level: The error correction level.
    ///   - version: A fixed version, or `nil` for the smallest that holds the bytes.
    ///   - mask: A fixed mask, or `nil` for the one with the lowest penalty (the first of equal ones).
    /// - Throws: ``TooLong`` when the bytes do not fit (in `version` when it is given).
    public init(bytes: [UInt8], level: Level, version fixed: Int? = nil, mask fixedMask: Int? = nil) throws(TooLong) {
        let candidates = fixed.map { [$0] } ?? Array(1...40)
        guard
            let version = candidates.first(where: {
                (1...40).contains($0) && Self.dataBits(bytes.count, version: $0) <= 8 * Self.dataCodewords($0, level)
            })
        else { throw TooLong(count: bytes.count) }
        self.init(
            codewords: Self.codewords(bytes, version: version, level: level), version: version, level: level,
            mask: fixedMask)
    }

    /// The symbol of a final message (data and error correction codewords, interleaved).
    init(codewords: [UInt8], version: Int, level: Level, mask fixedMask: Int?) {
        self.version = version
        self.level = level
        size = 17 + 4 * version
        var symbol = Symbol(size: size)
        symbol.drawFunctionPatterns(version: version)
        symbol.drawCodewords(codewords)
        var best = (mask: 0, penalty: Int.max, modules: symbol.modules)
        for candidate in fixedMask.map({ [$0] }) ?? Array(0..<8) {
            var masked = symbol
            masked.applyMask(candidate)
            let penalty = fixedMask == nil ? masked.penalty() : 0
            if penalty < best.penalty { best = (candidate, penalty, masked.modules) }
        }
        symbol.modules = best.modules
        symbol.drawFormat(level: level, mask: best.mask)
        if version >= 7 { symbol.drawVersion(version) }
        mask = best.mask
        modules = symbol.modules
    }

    // MARK: - Data codewords

    /// Bits of mode, count and data for `count` bytes.
    static func dataBits(_ count: Int, version: Int) -> Int { 4 + (version < 10 ? 8 : 16) + 8 * count }

    /// Error correction codewords per block, by level and version (ISO/IEC 18004 table 9).
    static let eccPerBlock: [[Int]] = [
        [
            7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28,
            30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
            28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        ],
        [
            13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28,
            30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30,
            30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
    ]

    /// Error correction blocks, by level and version (ISO/IEC 18004 table 9).
    static let blockCount: [[Int]] = [
        [
            1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17,
            18, 19, 19, 20, 21, 22, 24, 25,
        ],
        [
            1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
            31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
        ],
        [
            1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38,
            40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
        ],
        [
            1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45,
            48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
        ],
    ]

    /// Modules left for codewords once the function patterns are drawn (remainder bits included).
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    /// Data codewords of a symbol.
    static func dataCodewords(_ version: Int, _ level: Level) -> Int {
        rawDataModules(version) / 8 - eccPerBlock[level.rawValue][version - 1] * blockCount[level.rawValue][version - 1]
    }

    /// The final message: data codewords (mode, count, bytes, terminator, padding) split into blocks,
    /// each with its Reed–Solomon codewords, interleaved.
    static func codewords(_ bytes: [UInt8], version: Int, level: Level) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: version < 10 ? 8 : 16)
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacity = 8 * dataCodewords(version, level)
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        var pad: UInt8 = 0xEC
        while data.count < capacity / 8 {
            data.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        let blocks = blockCount[level.rawValue][version - 1]
        let ecc = eccPerBlock[level.rawValue][version - 1]
        let raw = rawDataModules(version) / 8
        let shortBlocks = blocks - raw % blocks
        let shortLength = raw / blocks
        let divisor = ReedSolomon.divisor(degree: ecc)
        var split: [(data: [UInt8], ecc: [UInt8])] = []
        var start = 0
        for k in 0..<blocks {
            let length = shortLength - ecc + (k < shortBlocks ? 0 : 1)
            let block = Array(data[start..<start + length])
            start += length
            split.append((block, ReedSolomon.remainder(block, divisor: divisor)))
        }
        var result: [UInt8] = []
        result.reserveCapacity(raw)
        for i in 0...(shortLength - ecc) {
            for block in split where i < block.data.count { result.append(block.data[i]) }
        }
        for i in 0..<ecc {
            for block in split { result.append(block.ecc[i]) }
        }
        return result
    }

    /// Bits appended most significant first.
    struct BitBuffer {
        var bytes: [UInt8] = []
        var count = 0

        mutating func append(_ value: Int, count bits: Int) {
            for shift in stride(from: bits - 1, through: 0, by: -1) {
                if count % 8 == 0 { bytes.append(0) }
                if (value >> shift) & 1 == 1 { bytes[count / 8] |= 0x80 >> UInt8(count % 8) }
                count += 1
            }
        }
    }

    /// Reed–Solomon over GF(2⁸) with the polynomial x⁸ + x⁴ + x³ + x² + 1 and generator roots α⁰…αⁿ⁻¹.
    enum ReedSolomon {
        static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
            var z = 0
            for i in stride(from: 7, through: 0, by: -1) {
                z = (z << 1) ^ ((z >> 7) * 0x11D)
                z ^= ((Int(y) >> i) & 1) * Int(x)
            }
            return UInt8(z)
        }

        /// The generator polynomial's coefficients, highest degree first, without the leading 1.
        static func divisor(degree: Int) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: degree)
            result[degree - 1] = 1
            var root: UInt8 = 1
            for _ in 0..<degree {
                for j in 0..<degree {
                    result[j] = multiply(result[j], root)
                    if j + 1 < degree { result[j] ^= result[j + 1] }
                }
                root = multiply(root, 0x02)
            }
            return result
        }

        /// The remainder of `data` × xⁿ divided by the generator: the error correction codewords.
        static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: divisor.count)
            for byte in data {
                let factor = byte ^ result.removeFirst()
                result.append(0)
                for i in 0..<result.count { result[i] ^= multiply(divisor[i], factor) }
            }
            return result
        }
    }
}
