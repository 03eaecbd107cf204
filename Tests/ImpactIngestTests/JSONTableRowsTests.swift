import ImpactCore
@testable import ImpactIngest
import XCTest

/// A JSON table export: rows as lists of values, their columns named by a list beside them
/// (DHIS2's analytics `headers`, pandas' `columns`) or by a first row of names (the Google
/// Sheets API's `values`, a plain array of arrays). Each row is a record; nothing is read as
/// a record that is not one (DHIS2's header objects were, before).
final class JSONTableRowsTests: XCTestCase {
    private func read(_ text: String, ext: String = "json", recordsKey: String? = nil,
                      chunkSize: Int = 64 * 1024) throws -> (CollectingSink, SourceFormat) {
        let dir = try TemporaryDirectory()
        let path = try dir.write("table.\(ext)", Array(text.utf8))
        var sink = CollectingSink()
        var options = JSONOptions(recordsKey: recordsKey, chunkSize: chunkSize)
        options.recordsKey = recordsKey
        let format = try SourceReader.read(path: path, format: .json(options), into: &sink)
        return (sink, format)
    }

    private let analytics = """
        {"headers":[{"name":"dx","column":"Data","valueType":"TEXT","hidden":false,"meta":true},\
        {"name":"ou","column":"Organisation unit","valueType":"TEXT","meta":true},\
        {"name":"pe","column":"Period","valueType":"TEXT","meta":true},\
        {"name":"value","column":"Value","valueType":"NUMBER","meta":false}],\
        "metaData":{"items":{"Ou1":{"name":"Mumbai"}},"dimensions":{"dx":["Dx1"]}},\
        "rows":[["Dx1","Ou1","202401","35"],["Dx1","Ou1","202402","41"],["Dx1","Ou2","202401","7"]],\
        "height":3,"width":4,"headerWidth":4}
        """

    func testDHIS2AnalyticsRowsAreRecordsNamedByTheirHeaders() throws {
        for chunk in [3, 64 * 1024] {
            let (sink, format) = try read(analytics, chunkSize: chunk)
            XCTAssertEqual(format.kind, .jsonWrapped)
            XCTAssertEqual(format.recordsKey, "rows")
            XCTAssertEqual(format.columnsFrom, "headers")
            XCTAssertEqual(sink.columns, ["dx", "ou", "pe", "value"], "the headers' names, not their display columns")
            XCTAssertEqual(sink.records.map(\.values), [
                [.text("Dx1"), .text("Ou1"), .text("202401"), .text("35")],
                [.text("Dx1"), .text("Ou1"), .text("202402"), .text("41")],
                [.text("Dx1"), .text("Ou2"), .text("202401"), .text("7")],
            ], "chunks of \(chunk) bytes")
            XCTAssertTrue(sink.malformed.isEmpty)
            XCTAssertTrue(sink.findings.isEmpty, "\(sink.findings)")
        }
    }

    func testRowsBeforeTheirNamesAreReadOnceTheNamesAreKnown() throws {
        let split = #"{"index": [0, 1], "data": [[1, "Pune"], [2, null]], "columns": ["n", "office", "age"]}"#
        let (sink, format) = try read(split)
        XCTAssertEqual(format.recordsKey, "data")
        XCTAssertEqual(format.columnsFrom, "columns")
        XCTAssertEqual(format.columns, ["n", "office", "age"], "a column no row holds a value for is a field too")
        XCTAssertEqual(sink.columns, ["n", "office", "age"])
        XCTAssertEqual(sink.records.map(\.values), [[.text("1"), .text("Pune"), .missing], [.text("2"), .missing, .missing]])
        XCTAssertTrue(sink.findings.isEmpty, "read twice, reported once: \(sink.findings)")
    }

    func testAFirstRowOfNamesNamesTheColumns() throws {
        let sheet = """
            {"range": "Sheet1!A1:C4", "majorDimension": "ROWS", "values": [
              ["id", "office", "age"],
              ["P1", "Delhi", "14"],
              ["P2", "Pune"],
              ["P3", "Delhi", "30", "x"]
            ]}
            """
        let (sink, format) = try read(sheet)
        XCTAssertEqual(format.recordsKey, "values")
        XCTAssertEqual(format.columnsFrom, JSONTable.firstRow)
        XCTAssertEqual(sink.columns, ["id", "office", "age"])
        XCTAssertEqual(sink.records.map(\.line), [3, 4], "each row's own line")
        XCTAssertEqual(sink.records.last?.values, [.text("P2"), .text("Pune"), .missing],
                       "a short row (trailing empty cells dropped) leaves the rest without a value")
        XCTAssertEqual(sink.malformed.map(\.finding.check), ["json.field_count"])
        XCTAssertEqual(sink.malformed.first?.finding.line, 5)
        XCTAssertEqual(sink.malformed.first?.finding.message, "the row has 4 values; the columns are 3")
    }

    func testAnArrayOfArraysWithAHeaderRow() throws {
        let (sink, format) = try read("[[\"id\", \"place\"],\n [\"P1\", {\"district\": \"Thane\"}],\n [\"P2\", [\"a\", \"b\"]]]\n")
        XCTAssertEqual(format.kind, .jsonArray)
        XCTAssertEqual(format.columnsFrom, JSONTable.firstRow)
        XCTAssertEqual(sink.columns, ["id", "place", "place.district"])
        XCTAssertEqual(sink.records.map(\.values), [
            [.text("P1"), .missing, .text("Thane")],
            [.text("P2"), .list(["a", "b"]), .missing],
        ], "a value is read as a record's member is: an object flattened, a list kept")
    }

    func testRowsWithoutNamesAreEachRejected() throws {
        let (sink, _) = try read(#"[[1, "a"], [2, "b"], [3, "c"]]"#)
        XCTAssertTrue(sink.records.isEmpty)
        XCTAssertEqual(sink.malformed.count, 3, "every row is accounted for")
        XCTAssertEqual(sink.malformed.first?.finding.message,
                       "row 1 of the table holds values, not the names of its columns; no row can be read")
        XCTAssertTrue(sink.malformed.allSatisfy { $0.finding.hint?.contains("header row") == true })
    }

    func testEmptyAndRepeatedNamesAreWarnedOf() throws {
        let (sink, _) = try read(#"{"headers": ["id", "", "id"], "rows": [["P1", "x", "P9"]]}"#)
        XCTAssertEqual(sink.columns, ["id", "column_2"])
        XCTAssertEqual(sink.records.map(\.values), [[.text("P1"), .text("x")]], "the repeated column's values are not read")
        XCTAssertEqual(sink.findings.map(\.check), ["json.headers", "json.headers"])
        XCTAssertEqual(sink.findings.last?.message,
                       "'headers' names 'id' twice (columns 1 and 3); the values of column 3 are not read")
    }

    func testNamedRecordsKeysAndOtherListsKeepTheirMeaning() throws {
        // Records under a key named for them are read as records, even under `headers`.
        let (named, _) = try read(#"{"headers": [{"id": "A"}, {"id": "B"}]}"#, recordsKey: "headers")
        XCTAssertEqual(named.records.count, 2)
        // A table's rows holding an object among the lists: that element is rejected, the rest read.
        let (mixed, _) = try read(#"{"headers": [{"name": "ou"}], "rows": [["Mumbai"], 7]}"#)
        XCTAssertEqual(mixed.records.map(\.values), [[.text("Mumbai")]])
        XCTAssertEqual(mixed.malformed.map(\.finding.message), ["element 2 of the table is not a list of values, as the table's other rows are"])
        // A JSON Lines line holding a list is still no record; the hint says how a table is read.
        let (lines, _) = try read("[\"Mumbai\", 12]\n{\"ou\": \"Pune\"}\n", ext: "jsonl")
        XCTAssertEqual(lines.malformed.map(\.finding.message), ["the line does not hold a JSON object"])
        XCTAssertTrue(lines.malformed.first?.finding.hint?.contains("names the columns") == true)
        XCTAssertEqual(lines.records.count, 1)
    }

    /// JSON Lines whose first line names the columns (jsonlines.org's tabular example): each
    /// line after it is a row; a broken line is rejected and the reading goes on, as for objects.
    func testJSONLinesOfListsWithAFirstLineOfNames() throws {
        let text = """
            ["Name", "Session", "Score"]
            ["Gilbert", "2013", 24]
            ["May", "2012B", 14, false]
            ["Alexa", "2013" 29]
            ["Deloise", "2012A", 19]

            """
        let (sink, format) = try read(text, ext: "jsonl")
        XCTAssertEqual(format.kind, .jsonLines)
        XCTAssertEqual(format.columnsFrom, JSONTable.firstRow)
        XCTAssertEqual(sink.columns, ["Name", "Session", "Score"])
        XCTAssertEqual(sink.records.map(\.line), [2, 5])
        XCTAssertEqual(sink.records.last?.values, [.text("Deloise"), .text("2012A"), .text("19")])
        XCTAssertEqual(sink.malformed.map(\.finding.check), ["json.field_count", "json.syntax"])
        XCTAssertEqual(sink.malformed.map(\.row.line), [3, 4])
        // Such a file is read in one piece: every part would need its first line.
        let dir = try TemporaryDirectory()
        let big = try dir.write("big.jsonl", Array((text + String(repeating: "[\"P\", \"2013\", 1]\n", count: 2000)).utf8))
        XCTAssertNil(try JSONLinesSplit.plan(path: big, options: JSONOptions(), parts: 2, minimumPartBytes: 1024))
        let objects = try dir.write("objects.jsonl", Array(String(repeating: "{\"a\": 1}\n", count: 2000).utf8))
        XCTAssertNotNil(try JSONLinesSplit.plan(path: objects, options: JSONOptions(), parts: 2, minimumPartBytes: 1024),
                        "objects are still read in parts")
    }

    func testHeaderObjectsWithoutRowsAreNoRecords() throws {
        let (empty, format) = try read(#"{"headers": [{"name": "ou"}], "metaData": {}, "rows": [], "height": 0}"#)
        XCTAssertEqual(format.recordsKey, "rows")
        XCTAssertTrue(empty.records.isEmpty, "DHIS2's header objects are not records")
        XCTAssertEqual(empty.findings.map(\.check), ["file.no_records"])
        let (none, _) = try read(#"{"headers": ["ou", "value"], "metaData": {}}"#)
        XCTAssertTrue(none.records.isEmpty)
        XCTAssertEqual(none.findings.map(\.check), ["json.records_key"])
    }
}
