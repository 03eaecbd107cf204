import XCTest
@testable import ImpactCore

final class DatePatternISOTests: XCTestCase {
    /// The hot path's `yyyy-MM-dd` reader gives what the `iso` pattern gives, on every
    /// ten-byte text it accepts, and leaves the rest (nil) to the pattern.
    func testTheDigitReaderAgreesWithTheISOPattern() {
        var state: UInt64 = 99
        let alphabet = Array("0123456789-0123456789/ x".utf8)
        var accepted = 0
        for n in 0..<60_000 {
            var bytes: [UInt8]
            if n % 3 == 0 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let year = 1 + Int(state >> 33) % 9999, month = Int(state >> 20) % 14, day = Int(state >> 8) % 33
                bytes = Array(String(format: "%04d-%02d-%02d", year, month, day).utf8)
            } else {
                bytes = (0..<10).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return alphabet[Int(state >> 33) % alphabet.count]
                }
                bytes[4] = n % 2 == 0 ? 0x2D : bytes[4]
                bytes[7] = n % 2 == 0 ? 0x2D : bytes[7]
            }
            bytes.withUnsafeBufferPointer { buffer in
                let fast = DatePattern.isoDigits(buffer)
                if let fast {
                    accepted += 1
                    XCTAssertEqual(fast, DatePattern.iso.parse(bytes: buffer), String(decoding: bytes, as: UTF8.self))
                } else if let slow = DatePattern.iso.parse(bytes: buffer) {
                    XCTFail("the digit reader refused \(String(decoding: bytes, as: UTF8.self)), which is \(slow.iso)")
                }
            }
        }
        XCTAssertGreaterThan(accepted, 10_000, "real days were among the cases")
    }
}
