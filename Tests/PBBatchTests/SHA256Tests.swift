import PBBatch
import Testing

/// SHA-256 against the FIPS 180-4 examples and digests computed by Python's hashlib.
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func theStandardExamplesHashToTheirPublishedDigests(message: String, digest: String) {
        #expect(SHA256.hex(of: message) == digest)
    }

    @Test func aMillionLettersAHashToThePublishedDigest() {
        #expect(
            SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hashingInPiecesGivesTheSameDigestAsHashingAtOnce() {
        // 1280 bytes: 0...255 five times; the digest is hashlib's.
        let bytes = (0..<5).flatMap { _ in (0...255).map(UInt8.init) }
        let expected = "d414b085826eb06778483ba35564dc849e643359f69ed9747878ba6e54985bed"
        #expect(SHA256.hex(of: bytes) == expected)
        for pieces in [1, 3, 63, 64, 65, 200] {
            var hasher = SHA256()
            var start = 0
            while start < bytes.count {
                let end = min(start + pieces, bytes.count)
                hasher.update(bytes[start..<end])
                start = end
            }
            #expect(hasher.finalize().hex == expected, "pieces of \(pieces) bytes")
        }
    }
}
