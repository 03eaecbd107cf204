import Foundation
@testable import ImpactPipeline
import XCTest

final class SHA256Tests: XCTestCase {
    func testKnownDigests() {
        XCTAssertEqual(SHA256.hex(Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// A file read in chunks (more than one, the last one partial) gives the digest of
    /// its bytes and its size; a file that cannot be read gives no fingerprint.
    func testAFileFingerprintIsItsBytesDigestAndSize() throws {
        let bytes = (0..<((1 << 18) * 2 + 1234)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        let path = FileManager.default.temporaryDirectory.path + "/fingerprint-\(UUID().uuidString).bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let print = try XCTUnwrap(InputFingerprint.of(path: path))
        XCTAssertEqual(print.bytes, bytes.count)
        XCTAssertEqual(print.sha256, SHA256.hex(bytes))
        XCTAssertNil(InputFingerprint.of(path: path + ".absent"))
    }

    func testChunkedUpdatesEqualOneUpdate() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let chunked = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) { chunked.update(bytes[chunk..<min(chunk + 37, bytes.count)]) }
        XCTAssertEqual(chunked.finalize(), SHA256.hex(bytes))
    }
}
