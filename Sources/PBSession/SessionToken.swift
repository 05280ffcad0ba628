import Crypto

/// Secret tokens of sessions: 192 random bits from the system's cryptographic generator, kept only as
/// SHA-256 digests (apple/swift-crypto), compared in constant time.
///
/// ```swift
/// let token = SessionToken.generate()            // 48 lowercase hexadecimal digits
/// let digest = SessionToken.digest(of: token)    // what the database keeps
/// SessionToken.matches(token, digest: digest)    // true
/// ```
public enum SessionToken {
    /// Random bytes per token (192 bits).
    public static let byteCount = 24

    /// A new token: ``byteCount`` bytes from `SystemRandomNumberGenerator` (the kernel's `getrandom` on
    /// Linux, a cryptographic source), as lowercase hexadecimal.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        while bytes.count < byteCount {
            let word = generator.next()
            for k in 0..<8 where bytes.count < byteCount { bytes.append(UInt8(truncatingIfNeeded: word >> (8 * k))) }
        }
        return hex(bytes)
    }

    /// A new session id: 64 random bits as 16 hexadecimal digits (not a secret, but not guessable either).
    public static func sessionID() -> String {
        var generator = SystemRandomNumberGenerator()
        let word: UInt64 = generator.next()
        return hex((0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) })
    }

    /// The SHA-256 digest of a token's text (32 bytes).
    public static func digest(of token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// Whether `token` hashes to `digest`, comparing every byte whatever the first difference (so the
    /// time taken says nothing about where the digests differ).
    public static func matches(_ token: String, digest: [UInt8]) -> Bool {
        equalInConstantTime(Self.digest(of: token), digest)
    }

    /// Whether two byte strings are equal, in a time that depends only on their lengths.
    public static func equalInConstantTime(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    /// Whether `text` looks like a token (48 lowercase hexadecimal digits), before any lookup.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 2 * byteCount
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
