import Crypto

/// SHA-256 digests as 64 lowercase hexadecimal digits, for the stable keys of batch tasks and the
/// content hashes of their inputs (computed by apple/swift-crypto).
///
/// The digests are the standard ones, so the keys of databases written by earlier versions (which
/// hashed with their own SHA-256) are found unchanged.
///
/// ```swift
/// ContentHash.hex(of: "abc")   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
enum ContentHash {
    /// The SHA-256 digest of `bytes`, in hexadecimal.
    static func hex(of bytes: some Sequence<UInt8>) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// The SHA-256 digest of `text`'s UTF-8 bytes, in hexadecimal.
    static func hex(of text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
