import XCTest
@testable import ImpactCore

final class ValueInternerTests: XCTestCase {
    /// Ids in order of first appearance, as a Dictionary keyed by (kind, bytes) gives them.
    func testIdsMatchADictionaryThroughGrowthForShortLongAndOtherValues() throws {
        var interner = ValueInterner(capacity: 2)
        var reference: [String: Int] = [:]
        func key(_ value: Value) -> String {
            switch value {
            case .text(let text): return "t" + Array(text.utf8).map(String.init).joined(separator: ",")
            default: return "v\(value)"
            }
        }
        let day = try XCTUnwrap(Day(year: 2020, month: 2, day: 29))
        var values: [Value] = [.text(""), .text("P1"), .text("P1\u{0}"), .text("P1234567"), .text("P12345678"),
                               .text("Ä1"), .integer(12), .text("12"), .date(day), .text("a much longer person id, 40 bytes long!!")]
        var state: UInt64 = 7
        for n in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let pick = Int(state >> 40) % 3000
            values.append(n % 5 == 0 ? .integer(pick) : .text(n % 2 == 0 ? "P\(pick)" : "person-number-\(pick)-long"))
            // The value of the row before, again (the interner's shortcut past the hash).
            if n % 7 == 3, let last = values.last { values.append(last) }
        }
        for value in values {
            let (id, isNew) = interner.intern(value)
            if let known = reference[key(value)] {
                XCTAssertEqual(id, known, "\(value)")
                XCTAssertFalse(isNew)
            } else {
                XCTAssertEqual(id, reference.count, "a new value gets the next id: \(value)")
                XCTAssertTrue(isNew)
                reference[key(value)] = id
            }
        }
        XCTAssertEqual(interner.count, reference.count)
        XCTAssertNotEqual(interner.intern(.text("P1")).id, interner.intern(.text("P1\u{0}")).id, "a NUL byte makes another key")
    }

    /// Text hashed from its bytes sees every byte, the last seven (read in pieces) too (ids that
    /// differ only in their last bytes would otherwise pile into one probe run, and a
    /// distinct count over millions of them would crawl):
    /// one byte changed anywhere in values of 1 to 40 bytes changes the hash, and the
    /// hash of a value is the same however long the buffer around it.
    func testTextHashSeesEveryByte() {
        for length in 1...40 {
            let base = (0..<length).map { UInt8(97 + $0 % 26) }
            let hash = ValueInterner.hash(.text(String(decoding: base, as: UTF8.self)))
            for position in 0..<length {
                var changed = base
                changed[position] = UInt8(ascii: "#")
                XCTAssertNotEqual(ValueInterner.hash(.text(String(decoding: changed, as: UTF8.self))), hash,
                                  "length \(length), byte \(position)")
            }
            let padded = base + [UInt8](repeating: 0xFF, count: 9)
            padded.withUnsafeBytes { buffer in
                XCTAssertEqual(ValueInterner.bytes(UnsafeRawBufferPointer(rebasing: buffer[..<length])), hash, "length \(length)")
            }
        }
    }
}
