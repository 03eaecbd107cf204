import XCTest
import ImpactCore

/// One text spelled two ways (a precomposed letter, or a letter and a combining mark) is one
/// value once read: the same UTF-8 bytes, so one key of a distinct count and one group.
/// Swift's `==` on strings already calls them equal, so these tests compare bytes.
final class TextFormTests: XCTestCase {
    /// (NFC, NFD) pairs, with a Devanagari letter whose NFC form is itself decomposed (क़).
    private let spellings: [(String, String)] = [
        ("Jos\u{E9}", "Jose\u{301}"), ("S\u{101}ngli", "Sa\u{304}ngli"), ("Zo\u{EB}", "Zoe\u{308}"),
        ("\u{915}\u{93C}\u{93E}\u{926}\u{93F}\u{930}", "\u{958}\u{93E}\u{926}\u{93F}\u{930}"),
        ("Cura\u{E7}ao-\u{1EC7}", "Curac\u{327}ao-e\u{323}\u{302}"),
    ]

    private func bytes(_ value: Value?) -> [UInt8]? {
        guard case .text(let text) = value else { return nil }
        return Array(text.utf8)
    }

    func testTheMappersPathsGiveOneSpellingOfEachText() throws {
        let parser = ValueParser(type: .text)
        for (composed, decomposed) in spellings {
            let expected = Array(composed.utf8)
            for spelling in [composed, decomposed, " \(decomposed) "] {
                XCTAssertEqual(bytes(try parser.parse(text: spelling).get()), expected, "full path: \(Array(spelling.unicodeScalars))")
                var raw = Array(spelling.utf8)
                let fast = raw.withUnsafeMutableBytes { parser.fast.parse(bytes: UnsafeRawBufferPointer($0)) }
                if let fast { XCTAssertEqual(bytes(fast), expected, "hot path: \(Array(spelling.unicodeScalars))") }
            }
        }
        // Plain ASCII comes out as it went in.
        XCTAssertEqual(bytes(try parser.parse(text: "SV00458").get()), Array("SV00458".utf8))
        XCTAssertEqual(TextForm.nfc("office 12"), "office 12")
    }

    /// The hot path finds a combining mark wherever it stands in a field of any length (its
    /// check for ASCII reads short fields in overlapping words).
    func testAMarkAnywhereInAFieldIsFound() throws {
        let parser = ValueParser(type: .text)
        var answered = 0
        for before in 1...18 {
            for after in 1...18 {
                let head = String(repeating: "a", count: before), tail = String(repeating: "b", count: after)
                var raw = Array((head + "e\u{301}" + tail).utf8)
                let fast = raw.withUnsafeMutableBytes { parser.fast.parse(bytes: UnsafeRawBufferPointer($0)) }
                XCTAssertEqual(bytes(fast), Array((head + "\u{E9}" + tail).utf8), "\(before) + mark + \(after)")
                if fast != nil { answered += 1 }
            }
        }
        XCTAssertEqual(answered, 18 * 18, "fields that start and end in ASCII take the hot path")
    }

    /// A list field's items and a value map's results are read the same way.
    func testListItemsAndMappedValuesToo() throws {
        let list = ValueParser(type: .list)
        guard case .list(let items) = try list.parse(.list(["Jose\u{301}", "Zoe\u{308}"])).get() else {
            return XCTFail("not a list")
        }
        XCTAssertEqual(items.map { Array($0.utf8) }, [Array("Jos\u{E9}".utf8), Array("Zo\u{EB}".utf8)])
        let mapped = ValueParser(type: .text, valueMap: ["f": "Fe\u{301}minin"])
        XCTAssertEqual(bytes(try mapped.parse(text: "F").get()), Array("F\u{E9}minin".utf8))
    }
}
