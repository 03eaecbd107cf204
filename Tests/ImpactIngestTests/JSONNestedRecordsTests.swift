import ImpactCore
@testable import ImpactIngest
import XCTest

/// API answers that nest their records one object down: GraphQL's `{"data": {"cases": [...]}}`,
/// CKAN's `{"result": {"fields": [...], "records": [...]}}`, DHIS2's SQL view `{"listGrid":
/// {"headers": [...], "rows": [[...]]}}`. Found under such a wrapping key, or named with a
/// dotted records key (`data.cases`). Before, a one-line GraphQL answer was one blank record.
final class JSONNestedRecordsTests: XCTestCase {
    func testRecordsOneObjectDownAreFound() throws {
        let dir = try TemporaryDirectory()
        let graphQL = try dir.write("gql.json", #"{"data": {"cases": [{"id": "C1", "office": "Pune"}, {"id": "C2", "office": "Thane"}]}}"#)
        let (cases, format) = try collect(graphQL)
        XCTAssertEqual(format.kind, .jsonWrapped)
        XCTAssertEqual(format.recordsKey, "data.cases")
        XCTAssertEqual(cases.records.map(\.values), [[.text("C1"), .text("Pune")], [.text("C2"), .text("Thane")]])

        let ckan = try dir.write("ckan.json", """
            {"help": "https://demo.ckan.org/api/3/action/help_show?name=datastore_search", "success": true,
             "result": {"resource_id": "r1", "fields": [{"id": "_id", "type": "int"}, {"id": "office", "type": "text"}],
                        "records": [{"_id": 1, "office": "Pune"}, {"_id": 2, "office": "Thane"}, {"_id": 3, "office": "Pune"}],
                        "total": 3}}

            """)
        let (records, ckanFormat) = try collect(ckan)
        XCTAssertEqual(ckanFormat.recordsKey, "result.records")
        XCTAssertNil(ckanFormat.columnsFrom, "the fields list names no table: the records are objects")
        XCTAssertEqual(records.columns, ["_id", "office"])
        XCTAssertEqual(records.records.count, 3)

        let grid = try dir.write("grid.json", #"{"listGrid": {"title": "v", "headers": [{"name": "ou", "column": "Org unit"}, {"name": "n"}], "rows": [["Pune", "3"], ["Thane", "4"]]}}"#)
        let (rows, gridFormat) = try collect(grid)
        XCTAssertEqual(gridFormat.recordsKey, "listGrid.rows")
        XCTAssertEqual(gridFormat.columnsFrom, "listGrid.headers")
        XCTAssertEqual(rows.records.map(\.values), [[.text("Pune"), .text("3")], [.text("Thane"), .text("4")]])
    }

    /// A named records key that the file does not hold.
    private func graphQLWithout(_ dir: TemporaryDirectory) throws -> String {
        try dir.write("none.json", "{\"data\": {\"cases\": [{\"id\": \"C1\"}]}}\n")
    }

    func testADottedRecordsKeyAndWhatWinsOverIt() throws {
        let dir = try TemporaryDirectory()
        let deep = try dir.write("deep.json", "{\"meta\": {\"n\": 2},\n \"body\": {\"page\": {\"items\": [{\"id\": \"A\"}, {\"id\": \"B\"}]}}}\n")
        var options = JSONOptions()
        options.recordsKey = "body.page.items"
        let (named, format) = try collect(deep, .json(options))
        XCTAssertEqual(format.recordsKey, "body.page.items")
        XCTAssertEqual(named.records.count, 2)
        let (unnamed, _) = try collect(deep)
        XCTAssertEqual(unnamed.records.count, 1, "'body' is no wrapping key: nothing is guessed two objects down")
        XCTAssertEqual(unnamed.findings.map(\.check), ["json.nested_list"], "the list is warned of, with its path")
        var elsewhere = JSONOptions()
        elsewhere.recordsKey = "data.items"
        let (missing, _) = try collect(graphQLWithout(dir), .json(elsewhere))
        XCTAssertEqual(missing.findings.map(\.check), ["json.records_key"])
        XCTAssertTrue(missing.findings.first?.hint?.contains("a dotted key such as data.cases") == true)

        // A key written with its dot is the records key of that name.
        let dotted = try dir.write("dotted.json", "{\"a.b\": [{\"id\": \"A\"}],\n \"a\": {\"b\": [{\"id\": \"X\"}, {\"id\": \"Y\"}]}}\n")
        options.recordsKey = "a.b"
        let (first, _) = try collect(dotted, .json(options))
        XCTAssertEqual(first.records.map(\.values), [[.text("A")]], "the first met")

        // A list of records at the top level wins over one a level down.
        let both = try dir.write("both.json", #"{"data": {"cases": [{"id": "C1"}]}, "items": [{"id": "I1"}, {"id": "I2"}]}"#)
        let (top, topFormat) = try collect(both)
        XCTAssertEqual(topFormat.recordsKey, "items")
        XCTAssertEqual(top.records.count, 2)

        // JSON Lines whose records hold such an object stay JSON Lines.
        let lines = try dir.write("lines.json", "{\"id\": 1, \"data\": {\"x\": [{\"a\": 1}]}}\n{\"id\": 2, \"data\": {\"x\": []}}\n")
        let (sink, linesFormat) = try collect(lines)
        XCTAssertEqual(linesFormat.kind, .jsonLines)
        XCTAssertEqual(sink.records.count, 2)
    }
}
