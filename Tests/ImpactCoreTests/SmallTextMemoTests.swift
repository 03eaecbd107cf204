import XCTest
@testable import ImpactCore

/// `SmallTextMemo` gives exactly what its maker gives for the same bytes, tells
/// apart values that differ in any one byte or in length, and turns itself off
/// for a field whose values do not repeat.
final class SmallTextMemoTests: XCTestCase {
    private func make(_ bytes: UnsafeRawBufferPointer) -> Value? {
        .text(String(decoding: bytes, as: UTF8.self))
    }

    private func lookUp(_ memo: inout SmallTextMemo, _ text: String, made: inout Int) -> Value? {
        Array(text.utf8).withUnsafeBytes { bytes in
            memo.value(bytes) { made += 1; return make($0) }
        }
    }

    func testValuesDifferingInOneByteOrInLengthAreToldApart() {
        var memo = SmallTextMemo()
        defer { memo.release() }
        var made = 0
        var texts: [String] = []
        // Every length up to 16 (and two past it), each position changed in turn:
        // a byte the two loads missed would make two of these one entry.
        for length in 1...18 {
            let base = String(repeating: "a", count: length)
            texts.append(base)
            for position in 0..<length {
                var bytes = Array(base.utf8)
                bytes[position] = UInt8(ascii: "b")
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        for round in 0..<3 {
            for text in texts {
                XCTAssertEqual(lookUp(&memo, text, made: &made), .text(text), "round \(round): \(text)")
            }
        }
        XCTAssertTrue(memo.isOn)
    }

    func testARepeatingFieldIsMadeOnceAValueAndAnIdFieldTurnsTheMemoOff() {
        var offices = SmallTextMemo()
        defer { offices.release() }
        var made = 0
        let names = ["Mumbai", "Pune", "Kolkata", "Delhi", "Chennai"]
        for row in 0..<(2 * SmallTextMemo.trial) {
            let name = names[row % names.count]
            XCTAssertEqual(lookUp(&offices, name, made: &made), .text(name))
        }
        XCTAssertTrue(offices.isOn)
        // Five names in 64 entries: each made once unless two share an entry.
        XCTAssertLessThan(made, 40)

        var ids = SmallTextMemo()
        defer { ids.release() }
        made = 0
        for row in 0..<(2 * SmallTextMemo.trial) {
            XCTAssertEqual(lookUp(&ids, "P\(row)", made: &made), .text("P\(row)"))
        }
        XCTAssertFalse(ids.isOn)
        XCTAssertEqual(made, 2 * SmallTextMemo.trial)
    }

    func testOnlyTextIsKeptAndAMissingMarkerIsAskedAgain() {
        var memo = SmallTextMemo()
        defer { memo.release() }
        var made = 0
        for _ in 0..<5 {
            let value = Array("NA".utf8).withUnsafeBytes { bytes in
                memo.value(bytes) { _ in made += 1; return .missing }
            }
            XCTAssertEqual(value, .missing)
        }
        XCTAssertEqual(made, 5)
    }
}
