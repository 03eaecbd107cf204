import ImpactCore
@testable import ImpactIngest
import XCTest

/// `JSONOptions.each`: a list inside each record whose objects are records of their own (a
/// case's survivors, a KoboToolbox repeat group), each with the record's other fields.
final class JSONEachListTests: XCTestCase {
    private let cases = """
        {"count": 4, "results": [
         {"case_id": "C1", "office": "Pune",
          "survivors": [{"sid": "S1", "age": 14},
                        {"sid": "S2", "age": 30, "needs": ["shelter", "legal"]}],
          "closed": "2024-01-06"},
         {"case_id": "C2", "survivors": [{"sid": "S3"}, 7], "office": "Thane"},
         {"case_id": "C3", "office": "Pune", "survivors": []},
         {"case_id": "C4", "office": "Pune"}
        ]}

        """

    private func read(_ text: String, ext: String = "json", chunkSize: Int = 64 * 1024) throws -> CollectingSink {
        let dir = try TemporaryDirectory()
        let path = try dir.write("cases.\(ext)", Array(text.utf8))
        var options = JSONOptions(chunkSize: chunkSize)
        options.each = "survivors"
        var sink = CollectingSink()
        _ = try SourceReader.read(path: path, format: .json(options), into: &sink)
        return sink
    }

    func testEachObjectIsARecordWithItsRecordsOtherFields() throws {
        for chunk in [1, 5, 64 * 1024] {
            let sink = try read(cases, chunkSize: chunk)
            XCTAssertEqual(sink.columns, ["case_id", "office", "survivors.sid", "survivors.age", "survivors.needs", "closed"])
            XCTAssertEqual(sink.records.map(\.values), [
                [.text("C1"), .text("Pune"), .text("S1"), .text("14"), .missing, .text("2024-01-06")],
                [.text("C1"), .text("Pune"), .text("S2"), .text("30"), .list(["shelter", "legal"]), .text("2024-01-06")],
                [.text("C2"), .text("Thane"), .text("S3"), .missing, .missing, .missing],
            ], "chunks of \(chunk) bytes: a field after the list is each survivor's too")
            XCTAssertEqual(sink.records.map(\.line), [3, 4, 6], "each record on its object's line")
            XCTAssertTrue(sink.malformed.isEmpty)
            XCTAssertEqual(sink.findings.map(\.check), ["json.each"], "one warning per list and file: \(sink.findings)")
            XCTAssertEqual(sink.findings.first?.message, "an item of the list is not an object; it was skipped")
        }
    }

    func testARecordWithoutObjectsGivesNoRowAndOneWarning() throws {
        let lines = """
            {"case_id": "C3", "office": "Pune", "survivors": []}
            {"case_id": "C1", "survivors": [{"sid": "S1"}]}
            {"case_id": "C4", "office": "Pune"}
            {"case_id": "C5", "survivors": [{"sid": "S5"}
            """
        let sink = try read(lines + "\n", ext: "jsonl")
        XCTAssertEqual(sink.records.map(\.values).map { $0.first }, [.text("C1")])
        XCTAssertEqual(sink.findings.map(\.message),
                       ["the record's list 'survivors' holds no object, so it gives no row (the first such record of the file)"])
        XCTAssertEqual(sink.findings.first?.line, 1)
        XCTAssertEqual(sink.malformed.map(\.finding.line), [4], "a broken line is rejected as it is")
    }
}
