import ImpactCore
@testable import ImpactIngest
import XCTest

/// DHIS2's tracker writes an event's data as a list of name/value objects; named as pairs,
/// each object becomes the field `<list>.<name>`, whatever the members' order and chunk size.
final class JSONPairsTests: XCTestCase {
    private let events = """
        {"pager": {"page": 1},
         "events": [
          {"event": "E1", "eventDate": "2019-03-04", "dataValues": [
            {"dataElement": "code", "value": "S-001", "storedBy": "admin"},
            {"value": 16, "created": "2019-03-04", "dataElement": "age"},
            {"dataElement": "services", "value": ["medical", "legal"]},
            {"dataElement": "consent", "value": true}]},
          {"event": "E2", "eventDate": "2019-03-05", "dataValues": [
            {"dataElement": "age", "value": null},
            {"dataElement": "code", "value": "S-002"}]},
          {"event": "E3", "eventDate": "2019-03-06", "dataValues": []}
         ]}

        """

    private func read(_ path: String, chunk: Int, pairs: [JSONPairList]) throws -> (CollectingSink, SourceFormat) {
        var options = JSONOptions(chunkSize: chunk)
        options.pairLists = pairs
        return try collect(path, .json(options))
    }

    func testEachPairBecomesAFieldNamedByIt() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("events.json", events)
        let pairs = [JSONPairList(path: "dataValues", nameKey: "dataElement", valueKey: "value")]
        for chunk in [1, 3, 64 * 1024] {
            let (sink, format) = try read(path, chunk: chunk, pairs: pairs)
            XCTAssertEqual(format.recordsKey, "events")
            XCTAssertEqual(sink.columns, ["event", "eventDate", "dataValues.code", "dataValues.age", "dataValues.services",
                                          "dataValues.consent"], "chunk \(chunk)")
            func value(_ record: Int, _ name: String) -> RawValue? {
                guard let slot = sink.columns.firstIndex(of: name), slot < sink.records[record].values.count else { return nil }
                return sink.records[record].values[slot]
            }
            XCTAssertEqual(sink.records.count, 3)
            XCTAssertEqual(value(0, "dataValues.code"), .text("S-001"))
            XCTAssertEqual(value(0, "dataValues.age"), .text("16"))
            XCTAssertEqual(value(0, "dataValues.services"), .list(["medical", "legal"]))
            XCTAssertEqual(value(0, "dataValues.consent"), .text("true"))
            XCTAssertEqual(value(1, "dataValues.code"), .text("S-002"))
            XCTAssertEqual(value(1, "dataValues.age"), .missing)
            XCTAssertTrue(sink.findings.isEmpty && sink.malformed.isEmpty, "\(sink.findings)")
        }
    }

    func testItemsThatAreNoPairsAreSkippedWithAWarning() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("odd.json", """
            [{"id": 1, "attributes": [{"attribute": "a", "value": "x"}, "loose", {"value": "nameless"}]},
             {"id": 2, "attributes": [{"attribute": "a", "value": {"nested": 1}}]}]

            """)
        let (sink, _) = try read(path, chunk: 64 * 1024, pairs: [JSONPairList(path: "attributes", nameKey: "attribute", valueKey: "value")])
        XCTAssertEqual(sink.records.count, 2)
        XCTAssertEqual(sink.columns, ["id", "attributes.a"])
        XCTAssertEqual(sink.records.map { $0.values.count > 1 ? $0.values[1] : nil }, [.text("x"), .missing])
        XCTAssertEqual(Set(sink.findings.map(\.check)), ["json.pairs"], "\(sink.findings)")
    }

    func testTheHintNamesTheMembersAListOfPairsHas() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("entities.json", """
            [{"id": 1, "attributes": [{"displayName": "Age", "attribute": "w75KJ2mc4zz", "value": "16"}],
              "files": [{"filename": "a.jpg", "size": 10}]}]

            """)
        let (sink, _) = try read(path, chunk: 3, pairs: [])
        let hints = Dictionary(uniqueKeysWithValues: sink.findings.compactMap { f in f.field.map { ($0, f.hint ?? "") } })
        XCTAssertTrue(hints["attributes"]?.contains("json: { pairs: { attributes: [attribute, value] } }") ?? false, "\(hints)")
        XCTAssertTrue(hints["attributes"]?.contains("--pairs attributes=attribute,value") ?? false, "\(hints)")
        XCTAssertTrue(hints["files"]?.contains("a list of objects (its first object has filename, size) is not read as fields") ?? false,
                      "\(hints)")
        XCTAssertTrue(hints["files"]?.contains("read them so with json: { each: files } in the pipeline (--each files)") ?? false, "\(hints)")
    }

    func testWithoutPairsTheHintSaysHowToNameThem() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("events.json", events)
        let (sink, _) = try read(path, chunk: 64 * 1024, pairs: [])
        let hint = sink.findings.first { $0.check == "json.nested_list" }?.hint ?? ""
        XCTAssertTrue(hint.contains("json: { pairs: { dataValues: [dataElement, value] } }"), hint)
    }
}
