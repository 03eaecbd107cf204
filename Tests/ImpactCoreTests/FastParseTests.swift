import XCTest
@testable import ImpactCore

/// The mapper's hot path (`FastParse`) must give what the full path gives
/// whenever it gives anything: random fields of every type, with the default
/// missing markers, markers of the pipeline's own (in other cases, long ones,
/// many), and a value map, which sends every value the full way.
final class FastParseTests: XCTestCase {
    /// The default missing markers fit the hot path's eight lanes: one more, and every value
    /// of every source that keeps the defaults would take the full path.
    func testTheDefaultMarkersKeepTheHotPath() {
        for type in [FieldType.text, .integer, .number, .date] {
            XCTAssertTrue(ValueParser(type: type).fast.enabled, "\(type)")
        }
        let fast = ValueParser(type: .integer).fast
        for (text, expected) in [("-", Value.missing), ("---", .missing), ("-3", .integer(-3)), ("--3", nil)] {
            var bytes = Array(text.utf8)
            XCTAssertEqual(bytes.withUnsafeMutableBytes { fast.parse(bytes: UnsafeRawBufferPointer($0)) }, expected, text)
        }
    }

    func testTheHotPathAgreesWithTheFullPath() throws {
        var random = MetricPropertyTests.Random(state: 9_001)
        let pieces = ["", " ", "NA", "na", "N/A", "null", "NULL", "Unknown", "-99", "-", "0", "7", "42", "-13",
                      "2019-02-28", "2019-02-29", "2020-02-29", "2019-13-01", "28/02/2019", "1e3", "12.5", "<5",
                      "Mumbai", "é", "Zoë", "x y", "TRUE", "no", "a,b", "123456789012345678", "1234567890123456789",
                      "-0", "007", "999999999999999", "9999999999999999", "-", "#REF!", "#N/A", "#n/a", "#tag"]
        let markerSets: [[String]] = [MissingMarkers.defaultList, ["", "NIL", "Sin dato"], ["-", "?"],
                                      (0..<10).map { "m\($0)" }, ["a very long marker"], ["", "#N/A"]]
        var fastAnswers = 0
        for trial in 0..<3000 {
            let type = FieldType.allCases[random.int(0...(FieldType.allCases.count - 1))]
            let markers = markerSets[random.int(0...(markerSets.count - 1))]
            let map: [String: String] = random.int(0...9) == 0 ? ["female": "F"] : [:]
            let parser = ValueParser(type: type, dateFormats: [try DatePattern("dd/MM/yyyy")],
                                     missing: MissingMarkers(markers), valueMap: map)
            let text = (0..<random.int(1...2)).map { _ in pieces[random.int(0...(pieces.count - 1))] }.joined()
            var bytes = Array(text.utf8)
            let fast = bytes.withUnsafeMutableBytes { parser.fast.parse(bytes: UnsafeRawBufferPointer($0)) }
            guard let fast else { continue }
            fastAnswers += 1
            XCTAssertEqual(fast, try parser.parse(text: text).get(), "trial \(trial): \(type) '\(text)' markers \(markers)")
            XCTAssertTrue(map.isEmpty, "a value map takes the full path")
        }
        XCTAssertGreaterThan(fastAnswers, 250, "the hot path answers the plain values")
    }
}
