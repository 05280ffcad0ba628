import Foundation
import Testing

@testable import PBReports

@Suite("QR codes")
struct QRCodeTests {
    /// One code of `Fixtures/qr-reference.json` (written by `make-qr-reference.py` with segno).
    struct Reference: Decodable {
        var bytes: String
        var level: String
        var fixedVersion: Int?
        var fixedMask: Int?
        var version: Int
        var mask: Int
        var rows: [String]

        enum CodingKeys: String, CodingKey {
            case bytes, level, version, mask, rows
            case fixedVersion = "fixed_version"
            case fixedMask = "fixed_mask"
        }
    }

    struct ReferenceFile: Decodable {
        var generator: String
        var cases: [Reference]
    }

    static func references() throws -> ReferenceFile {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/qr-reference.json")
        return try JSONDecoder().decode(ReferenceFile.self, from: Data(contentsOf: url))
    }

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8).map { $0 <= 0x39 ? $0 - 0x30 : $0 - 0x61 + 10 }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// A row of the fixture (4 modules a hexadecimal digit) as text of 0 and 1, `size` long.
    static func row(hex: String, size: Int) -> String {
        let bits = hex.map { digit -> String in
            let value = Int(String(digit), radix: 16) ?? 0
            return (0..<4).map { (value >> (3 - $0)) & 1 == 1 ? "1" : "0" }.joined()
        }.joined()
        return String(bits.prefix(size))
    }

    static func rows(_ code: QRCode) -> [String] {
        (0..<code.size).map { y in (0..<code.size).map { code.isDark(x: $0, y: y) ? "1" : "0" }.joined() }
    }

    @Test("the Reed–Solomon codewords of the standard's HELLO WORLD examples (1-M and 1-Q)")
    func reedSolomon() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(
            QRCode.ReedSolomon.remainder(data, divisor: QRCode.ReedSolomon.divisor(degree: 10))
                == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
        #expect(
            QRCode.ReedSolomon.remainder(Array(data.prefix(13)), divisor: QRCode.ReedSolomon.divisor(degree: 13))
                == [168, 72, 22, 82, 217, 54, 156, 0, 46, 15, 180, 122, 16])
    }

    @Test(
        "HELLO WORLD 1-Q: the standard's codewords placed, mask 1 chosen by the penalty, every module as the reference")
    func helloWorld() {
        let codewords: [UInt8] = [
            32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236,
            168, 72, 22, 82, 217, 54, 156, 0, 46, 15, 180, 122, 16,
        ]
        let code = QRCode(codewords: codewords, version: 1, level: .quartile, mask: nil)
        #expect(code.mask == 1)
        #expect(
            Self.rows(code) == [
                "111111100001001111111", "100000100100001000001", "101110100100101011101",
                "101110101101001011101", "101110100111001011101", "100000101111001000001",
                "111111101010101111111", "000000001101000000000", "011000100101101101000",
                "000101011010010111011", "011000100011011110010", "001110000110000000100",
                "110111111110111011111", "000000001000011101111", "111111100111010000110",
                "100000100000111000010", "101110100111011010101", "101110100000000001000",
                "101110101100001000011", "100000101110100100001", "111111100100001001011",
            ])
    }

    @Test(
        "every module of 357 codes equals segno's: member links, random bytes at each level, versions 1 to 40, all eight masks"
    )
    func matchesReference() throws {
        let file = try Self.references()
        #expect(file.cases.count > 300)
        var versions = Set<Int>()
        var masks = Set<Int>()
        for reference in file.cases {
            let level: QRCode.Level = ["L": .low, "M": .medium, "Q": .quartile, "H": .high][reference.level] ?? .low
            let code = try QRCode(
                bytes: Self.bytes(hex: reference.bytes), level: level, version: reference.fixedVersion,
                mask: reference.fixedMask)
            let expected = reference.rows.map { Self.row(hex: $0, size: reference.rows.count) }
            #expect(code.version == reference.version, "\(reference.bytes) \(reference.level)")
            #expect(code.mask == reference.mask, "\(reference.bytes) \(reference.level)")
            #expect(Self.rows(code) == expected, "\(reference.bytes) \(reference.level)")
            versions.insert(code.version)
            masks.insert(code.mask)
        }
        #expect(versions.isSuperset(of: Set(1...18)) && versions.contains(40))
        #expect(masks == Set(0..<8))
    }

    @Test("content too long for a version-40 code, or for a fixed version, is an error, not a crash")
    func tooLong() {
        #expect(throws: QRCode.TooLong.self) { try QRCode(bytes: Array(repeating: 0x41, count: 2332), level: .medium) }
        #expect(throws: QRCode.TooLong.self) {
            try QRCode(bytes: Array(repeating: 0x41, count: 15), level: .medium, version: 1)
        }
        #expect((try? QRCode(bytes: Array(repeating: 0x41, count: 14), level: .medium, version: 1))?.size == 21)
    }

    @Test("the sheet: one card and one code per link, 12 to an A4 page, names escaped")
    func sheet() throws {
        let cards = (1...13).map { (label: "Member \($0) <&>", link: "http://127.0.0.1:8080/vote#s=ab&t=\($0)") }
        let svg = try QRSheet.svg(title: "Riverside & co", cards: cards)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains(#"height="594mm""#))
        #expect(svg.components(separatedBy: #"shape-rendering="crispEdges""#).count - 1 == 13)
        #expect(svg.contains("Member 13 &lt;&amp;&gt;") && !svg.contains("<&>"))
        #expect(svg.contains("Riverside &amp; co"))
        #expect(svg.contains(">http://127.0.0.1:8080/vote#s=ab<") && svg.contains(">&amp;t=13<"))
    }
}
