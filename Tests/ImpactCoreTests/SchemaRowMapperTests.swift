import XCTest
import ImpactCore

final class SchemaRowMapperTests: XCTestCase {
    func testAForeignExportMapsWithConfigurationOnly() throws {
        // An office that writes "Survivor Ref;Rescued On;Age at rescue;...", dd/MM/yyyy, -99 and 1,500.
        let definition = try source("trainings", [
            "kind": "trainings",
            "path": "exports/trainings.csv",
            "csv": ["delimiter": ";"] as KeyValuePairs<String, Any>,
            "date_format": "dd/MM/yyyy",
            "missing": ["", "-99"],
            "columns": [
                "session_id": ["Programme ID", "Prog. ID"],
                "date": "Held On:",
                "audience": ["column": "Audience Type", "values": ["police": ["Police", "Cops"]] as KeyValuePairs<String, Any>] as KeyValuePairs<String, Any>,
                "participants": "No. of Attendees",
            ] as KeyValuePairs<String, Any>,
            "identifying": ["Trainer Name"],
        ])
        XCTAssertEqual(definition.delimiter, ";")
        let table = ColumnTable(["PROG. ID", "held on", "Trainer Name", "Audience  Type", "No of attendees.", "Venue"])
        let mapper = RowMapper(definition: definition, columns: table, file: "trainings.csv")
        XCTAssertNoThrow(try mapper.checkHeader())
        XCTAssertEqual(mapper.identifyingColumns, ["Trainer Name"])
        XCTAssertEqual(mapper.droppedColumns, ["Venue"])

        let given: [[String?]] = [
            ["T-1", "03/11/2014", "A. Trainer", "Cops", "1,500", "Hall"],
            ["T-2", "2015-01-09", "B. Trainer", "judge", "-99", "Court"],
            ["T-3", "1/2/2016", nil, "Police", "<5", nil],
        ]
        let expected: [[Value]] = [
            [.text("T-1"), .missing, .date(Day(year: 2014, month: 11, day: 3)!), .missing, .text("police"), .integer(1500)],
            [.text("T-2"), .missing, .date(Day(year: 2015, month: 1, day: 9)!), .missing, .text("judge"), .missing],
            [.text("T-3"), .missing, .date(Day(year: 2016, month: 2, day: 1)!), .missing, .text("police"), .censored(below: 5)],
        ]
        let row = RowBuffer(columns: table)
        for (i, values) in given.enumerated() {
            fill(row, values, line: i + 2)
            let mapped = mapper.map(row)
            XCTAssertEqual(mapped.findings, [], "line \(i + 2)")
            XCTAssertEqual(mapped.record.values, expected[i], "line \(i + 2)")
            XCTAssertEqual(mapped.record.line, i + 2)
        }
    }

    func testUnreadTextFieldsAreLeftMissingAndTypedFieldsStillChecked() throws {
        // A run maps no String for a text column nothing reads; a date or number is still
        // parsed (its type check can reject the row), and so is a read text field.
        let definition = try source("rescues", ["path": "r.csv"])
        let table = ColumnTable(["person_id", "office", "place", "age", "date"])
        let mapper = RowMapper(definition: definition, columns: table, file: "r.csv", unread: ["place", "office", "age"])
        let mapped = mapper.map(makeRow(table, ["P1", "Pune", "a hotel", "twelve", "2014-01-01"], line: 2))
        let slot = { (name: String) in definition.schema.slot(of: name) ?? -1 }
        XCTAssertEqual(mapped.record[slot("place")], .missing)
        XCTAssertEqual(mapped.record[slot("office")], .missing)
        XCTAssertEqual(mapped.record[slot("person_id")], .text("P1"))
        XCTAssertEqual(mapped.findings.map { "\($0.field ?? "") \($0.check)" }, ["age type"],
                       "an integer field is parsed whatever 'unread' says")
        let whole = RowMapper(definition: definition, columns: table, file: "r.csv").map(makeRow(table, ["P1", "Pune", "a hotel", "12", "2014-01-01"], line: 3))
        XCTAssertEqual(whole.record[slot("place")], .text("a hotel"))
    }

    func testAMissingNamedColumnListsTheHeadersFound() throws {
        let definition = try source("rescues", ["path": "r.csv", "columns": ["date": "Rescued On", "age": ["Age", "Age at rescue"]] as KeyValuePairs<String, Any>])
        let mapper = RowMapper(definition: definition, columns: ColumnTable(["person_id", "Rescue Date", "Years"]), file: "r.csv")
        XCTAssertThrowsError(try mapper.checkHeader()) { error in
            let message = (error as? ConfigError)?.message ?? ""
            XCTAssertTrue(message.contains("'Rescued On' (for date)"), message)
            XCTAssertTrue(message.contains("any of 'Age', 'Age at rescue' (for age)"), message)
            XCTAssertTrue(message.contains("'person_id', 'Rescue Date', 'Years'"), message)
        }
    }

    /// KoboToolbox writes a question inside a group as `group_case/office`: the mapping by the
    /// question's name is told the header it surely meant.
    func testAMissingColumnNamesTheHeaderSurelyMeant() throws {
        let definition = try source("rescues", ["path": "k.csv", "columns": ["date": "rescue_date", "office": "Ofice"] as KeyValuePairs<String, Any>])
        let mapper = RowMapper(definition: definition, columns: ColumnTable(["group_case/rescue_date", "group_case/office", "_id"]), file: "k.csv")
        XCTAssertThrowsError(try mapper.checkHeader()) { error in
            let message = (error as? ConfigError)?.message ?? ""
            XCTAssertTrue(message.contains("'rescue_date' (for date; did you mean 'group_case/rescue_date'?)"), message)
            XCTAssertTrue(message.contains("'Ofice' (for office)"), "a slip in the last part alone is no guess: \(message)")
        }
    }

    func testIdentifyingColumnsAreNeverReadEvenUnderAFieldName() throws {
        // "place" is a field of rescues, but this office's "Place" column holds addresses.
        let definition = try source("rescues", ["path": "r.csv", "identifying": ["Place", "Name"]])
        let table = ColumnTable(["person_id", "date", "Name", "Place"])
        let mapper = RowMapper(definition: definition, columns: table, file: "r.csv")
        let mapped = mapper.map(makeRow(table, ["P1", "2014-01-01", "SECRET NAME", "12 SECRET ROAD"], line: 2))
        let slot = try XCTUnwrap(definition.schema.slot(of: "place"))
        XCTAssertEqual(mapped.record[slot], .missing)
        XCTAssertFalse(mapped.record.values.contains { $0.display.contains("SECRET") })
        XCTAssertEqual(mapper.identifyingColumns, ["Name", "Place"])
        XCTAssertFalse(mapper.rawMappedValues(makeRow(table, ["P1", "2014-01-01", "SECRET NAME", "12 SECRET ROAD"], line: 2))
            .contains { $0.contains("SECRET") })
        // What a reader is asked to copy: the mapped columns, never the identifying ones.
        XCTAssertEqual(RowMapper.mappedColumns(of: definition, in: table), [true, true, false, false])
        XCTAssertEqual(RowMapper.mappedColumns(of: definition, in: table),
                       table.names.indices.map { mapper.fieldSlots.contains($0) })
    }

    func testAMappedColumnMarkedIdentifyingIsAConfigError() {
        XCTAssertThrowsError(try source("rescues", ["path": "r.csv", "columns": ["person_id": "Survivor Name"] as KeyValuePairs<String, Any>,
                                                    "identifying": ["survivor name"]]))
    }

    func testJSONColumnsAreResolvedAgainWhenTheTableGrows() throws {
        let definition = try source("suspects", ["path": "s.json", "columns": ["suspect_id": "accused_no", "bail": "bail.granted"] as KeyValuePairs<String, Any>])
        let table = ColumnTable(["accused_no"])
        let mapper = RowMapper(definition: definition, columns: table, file: "s.json")
        let row = RowBuffer(columns: table)
        fill(row, ["S1"], line: 3)
        let bail = try XCTUnwrap(definition.schema.slot(of: "bail"))
        XCTAssertEqual(mapper.map(row).record[bail], .missing)
        table.add("bail.granted")
        fill(row, ["S2", "yes"], line: 9)
        XCTAssertEqual(mapper.map(row).record[bail], .bool(true))
    }

    func testTypeProblemsAreFindingsWithFieldAndLine() throws {
        let definition = try source("rescues", ["path": "r.csv", "date_format": "dd/MM/yyyy"])
        let table = ColumnTable(["person_id", "date", "age"])
        let mapper = RowMapper(definition: definition, columns: table, file: "r.csv")
        let mapped = mapper.map(makeRow(table, ["P1", "31/02/2014", "twelve"], line: 7))
        XCTAssertEqual(mapped.findings.map { "\($0.file):\($0.line) \($0.field ?? "") \($0.check)" },
                       ["r.csv:7 date type", "r.csv:7 age type"])
        XCTAssertTrue(mapped.hasErrors)
    }

    func testACustomKindNeedsNoSwiftChange() throws {
        let definition = try source("hotline", [
            "kind": "custom", "path": "calls.csv",
            "fields": ["call_id": "text", "received": "date", "minutes": "number"] as KeyValuePairs<String, Any>,
            "primary_date": "received",
        ])
        XCTAssertEqual(definition.schema.fields, [FieldSpec("call_id", .text), FieldSpec("received", .date), FieldSpec("minutes", .number)])
        XCTAssertEqual(definition.schema.primaryDate, "received")
        XCTAssertEqual(definition.schema.kind, "hotline")
    }

    func testBuiltInKindsHaveTheirPrimaryDates() {
        let expected = ["rescues": "date", "suspects": "arrest_date", "trainings": "date",
                        "aftercare": "start_date", "outreach": "date"]
        for name in RecordKinds.names {
            XCTAssertEqual(RecordKinds.builtIn(name)?.schema.primaryDate, expected[name], name)
        }
        XCTAssertEqual(RecordKinds.builtIn("rescues")?.type(of: "age"), .integer)
        XCTAssertEqual(RecordKinds.builtIn("aftercare")?.type(of: "services"), .list)
        XCTAssertNil(RecordKinds.builtIn("donations"))
    }
}
