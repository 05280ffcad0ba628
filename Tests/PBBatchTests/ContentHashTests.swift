import Foundation
import Testing

@testable import PBBatch

/// Task keys and content hashes: SHA-256 against the FIPS 180-4 examples, and the keys of a database
/// written before pbsim hashed with swift-crypto.
@Suite struct ContentHashTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func theStandardExamplesHashToTheirPublishedDigests(message: String, digest: String) {
        #expect(ContentHash.hex(of: message) == digest)
        #expect(ContentHash.hex(of: Array(message.utf8)) == digest)
    }

    @Test func aMillionLettersAHashToThePublishedDigest() {
        #expect(
            ContentHash.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// `Fixtures/keys-0.5.0.sqlite` was written by pbsim 0.5.0 at 572b82f (its own SHA-256) running
    /// `Fixtures/keys.yaml`; every task of the suite must be found in it, so nothing runs again.
    @Test func aDatabaseWrittenBeforeTheChangeHasEveryTaskOfItsSuiteDone() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("results.sqlite")
        try FileManager.default.copyItem(atPath: Fixtures.path("keys-0.5.0.sqlite"), toPath: database)
        let summary = try runSuite("keys.yaml", into: database, jobs: 1)
        #expect(summary.plan.tasks > 0)
        #expect(summary.plan.alreadyDone == summary.plan.tasks)
        #expect(summary.plan.toRun == 0)
    }
}
