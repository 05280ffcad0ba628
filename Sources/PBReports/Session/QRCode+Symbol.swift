extension QRCode {
    /// The module matrix while it is drawn: which modules are dark, and which belong to function patterns
    /// (finders, separators, timing, alignment, format and version areas, the dark module).
    struct Symbol: Sendable {
        let size: Int
        var modules: [Bool]
        var isFunction: [Bool]

        init(size: Int) {
            self.size = size
            modules = Array(repeating: false, count: size * size)
            isFunction = modules
        }

        subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

        mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
            modules[y * size + x] = dark
            isFunction[y * size + x] = true
        }

        /// Timing, finder (with separators) and alignment patterns; the format and version areas and the
        /// dark module are reserved light (the mask is evaluated with them light, ISO/IEC 18004 7.8).
        mutating func drawFunctionPatterns(version: Int) {
            for i in 0..<size {
                set(6, i, i % 2 == 0)
                set(i, 6, i % 2 == 0)
            }
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                for dy in -4...4 {
                    for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                        let distance = max(abs(dx), abs(dy))
                        set(x + dx, y + dy, distance != 2 && distance != 4)
                    }
                }
            }
            let positions = QRCode.alignmentPositions(version)
            let last = positions.count - 1
            for (i, x) in positions.enumerated() {
                for (j, y) in positions.enumerated()
                where !(i == 0 && j == 0 || i == 0 && j == last || i == last && j == 0) {
                    for dy in -2...2 {
                        for dx in -2...2 { set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            for (x, y) in Self.formatPositions(size: size).flatMap({ [$0.0, $0.1] }) { set(x, y, false) }
            set(8, size - 8, false)
            if version >= 7 {
                for (a, b) in Self.versionPositions(size: size) {
                    set(a.0, a.1, false)
                    set(b.0, b.1, false)
                }
            }
        }

        /// The data and error correction codewords, in the zigzag of two-module columns from the bottom
        /// right (ISO/IEC 18004 7.7.3); remainder bits stay light.
        mutating func drawCodewords(_ codewords: [UInt8]) {
            var i = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for j in 0..<2 {
                        let x = right - j
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        if !isFunction[y * size + x] && i < codewords.count * 8 {
                            modules[y * size + x] = (codewords[i >> 3] >> UInt8(7 - (i & 7))) & 1 == 1
                            i += 1
                        }
                    }
                }
                right -= 2
            }
        }

        /// Flips the data modules where mask `mask`'s condition holds (x is the column, y the row).
        mutating func applyMask(_ mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !isFunction[y * size + x] {
                    let flip: Bool
                    switch mask {
                    case 0: flip = (x + y) % 2 == 0
                    case 1: flip = y % 2 == 0
                    case 2: flip = x % 3 == 0
                    case 3: flip = (x + y) % 3 == 0
                    case 4: flip = (x / 3 + y / 2) % 2 == 0
                    case 5: flip = x * y % 2 + x * y % 3 == 0
                    case 6: flip = (x * y % 2 + x * y % 3) % 2 == 0
                    default: flip = ((x + y) % 2 + x * y % 3) % 2 == 0
                    }
                    if flip { modules[y * size + x].toggle() }
                }
            }
        }

        /// The penalty of ISO/IEC 18004 7.8.3.1: N1 = 3 (+1 per module beyond 5 in a run of one colour in
        /// a row or column), N2 = 3 per 2×2 block of one colour, N3 = 40 per 1:1:3:1:1 finder-like pattern
        /// with 4 light modules (or the edge) before or after it, N4 = 10 per 5% that the dark share is
        /// away from 50%.
        func penalty() -> Int {
            var runs = 0
            var blocks = 0
            var finders = 0
            var dark = 0
            var column = [Bool](repeating: false, count: size)
            for i in 0..<size {
                var rowRun = 0
                var columnRun = 0
                for j in 0..<size {
                    let here = self[j, i]
                    let below = self[i, j]
                    column[j] = below
                    if here { dark += 1 }
                    if j > 0 && here == self[j - 1, i] {
                        rowRun += 1
                    } else {
                        if rowRun >= 5 { runs += rowRun - 2 }
                        rowRun = 1
                    }
                    if j > 0 && below == self[i, j - 1] {
                        columnRun += 1
                    } else {
                        if columnRun >= 5 { runs += columnRun - 2 }
                        columnRun = 1
                    }
                    if i > 0 && j > 0 && here == self[j - 1, i] && here == self[j, i - 1] && here == self[j - 1, i - 1]
                    {
                        blocks += 3
                    }
                }
                if rowRun >= 5 { runs += rowRun - 2 }
                if columnRun >= 5 { runs += columnRun - 2 }
                finders += finderLike(Array(modules[i * size..<(i + 1) * size])) + finderLike(column)
            }
            // NB: the dark share as a Double, truncated: the reference encoder computes it the same way.
            let share = Double(dark) / Double(size * size)
            return runs + blocks + finders + 10 * Int(abs(share * 100 - 50) / 5)
        }

        /// 40 for each dark-light-dark×3-light-dark run in `line` that has 4 light modules (or the edge)
        /// before or after it; a counted pattern is skipped whole, another from its middle on.
        func finderLike(_ line: [Bool]) -> Int {
            let pattern = [true, false, true, true, true, false, true]
            func find(from start: Int) -> Int? {
                guard start <= size - 7 else { return nil }
                return (start...(size - 7)).first { k in (0..<7).allSatisfy { line[k + $0] == pattern[$0] } }
            }
            var count = 0
            var next = find(from: 0)
            while let index = next {
                var offset = index + 7
                let lightBefore = !line[max(index - 4, 0)..<index].contains(true)
                let lightAfter = !line[min(offset, size)..<min(offset + 4, size)].contains(true)
                if index == 0 || index == size - 7 || lightBefore || lightAfter {
                    count += 40
                } else {
                    offset = index + 4
                }
                next = find(from: offset)
            }
            return count
        }

        /// The format information (level and mask, BCH-protected, masked with 101010000010010) in its two
        /// copies, and the dark module.
        mutating func drawFormat(level: Level, mask: Int) {
            let data = level.formatBits << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            for (i, (a, b)) in Self.formatPositions(size: size).enumerated() {
                let dark = (bits >> i) & 1 == 1
                set(a.0, a.1, dark)
                set(b.0, b.1, dark)
            }
            set(8, size - 8, true)
        }

        /// The version information (6 bits and a 12-bit BCH code) in its two copies, from version 7 on.
        mutating func drawVersion(_ version: Int) {
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for (i, (a, b)) in Self.versionPositions(size: size).enumerated() {
                let dark = (bits >> i) & 1 == 1
                set(a.0, a.1, dark)
                set(b.0, b.1, dark)
            }
        }

        /// Where format bit i (0 = least significant) goes, as (x, y) in each of its two copies.
        static func formatPositions(size: Int) -> [((Int, Int), (Int, Int))] {
            (0..<15).map { i in
                let first: (Int, Int) =
                    switch i {
                    case 0...5: (8, i)
                    case 6: (8, 7)
                    case 7: (8, 8)
                    case 8: (7, 8)
                    default: (14 - i, 8)
                    }
                let second = i < 8 ? (size - 1 - i, 8) : (8, size - 15 + i)
                return (first, second)
            }
        }

        /// Where version bit i goes, as (x, y) in the top-right block and (x, y) in the bottom-left one.
        static func versionPositions(size: Int) -> [((Int, Int), (Int, Int))] {
            (0..<18).map { i in
                let a = size - 11 + i % 3
                let b = i / 3
                return ((a, b), (b, a))
            }
        }
    }

    /// The centres of the alignment patterns along each axis (ISO/IEC 18004 annex E).
    static func alignmentPositions(_ version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        let size = 17 + 4 * version
        return [6] + (0..<(count - 1)).reversed().map { size - 7 - $0 * step }
    }
}
