import XCTest
import ImpactCore

final class CheckValidatorTests: XCTestCase {
    private let asOf = Day(year: 2019, month: 12, day: 31)!

    /// Maps and validates `rows` (first is the header); returns "line field check severity" per finding and the tally.
    private func run(_ definition: SourceDefinition, _ rows: [[String?]],
                     relationships: [RelationshipTarget: RelationshipIndex] = [:]) throws -> ([String], SourceTally, [Record]) {
        let table = ColumnTable(rows[0].map { $0 ?? "" })
        let mapper = RowMapper(definition: definition, columns: table, file: "f.csv")
        let validator = try SourceValidator(definition: definition, file: "f.csv", asOf: asOf, relationships: relationships)
        let row = RowBuffer(columns: table)
        var out: [String] = []
        var records: [Record] = []
        for (i, values) in rows.dropFirst().enumerated() {
            fill(row, values, line: i + 2)
            let verdict = validator.validate(mapper.map(row), row: row)
            out += verdict.findings.map { "\($0.line) \($0.field ?? "-") \($0.check) \($0.severity.rawValue)" }
            if let record = verdict.record { records.append(record) }
        }
        return (out, validator.tally, records)
    }

    func testDefaultChecksOfRescues() throws {
        let definition = try source("rescues", ["path": "r.csv"])
        let (findings, tally, _) = try run(definition, [
            ["person_id", "date", "age", "sex"],
            ["P1", "2014-01-01", "14", "F"],
            [nil, "2014-01-01", "30", "F"],          // required person_id
            ["P3", "2020-01-01", "30", "F"],         // after as-of: kept, warned (outside every period)
            ["P4", "2014-01-01", "150", "F"],        // age above 120
            ["P1", "2014-01-01", "14", "F"],         // exact duplicate of line 2: warning only
            ["P6", "2014-01-01", "<5", "F"],         // censored: fine
        ])
        XCTAssertEqual(findings, [
            "3 person_id required error",
            "4 date range warning",
            "5 age range error",
            "6 - duplicate warning",
        ])
        XCTAssertEqual(tally, SourceTally(read: 6, accepted: 4, rejected: 2, warned: 2))
        XCTAssertTrue(tally.reconciles)
    }

    func testPipelineChecksWithSeverities() throws {
        let definition = try source("suspects", [
            "path": "s.csv",
            "checks": [
                ["accepted_values": ["field": "verdict", "values": ["convicted", "acquitted", "pending"]] as KeyValuePairs<String, Any>] as KeyValuePairs<String, Any>,
                ["unique": "suspect_id"] as KeyValuePairs<String, Any>,
                ["order": "verdict_date >= arrest_date", "severity": "warning"] as KeyValuePairs<String, Any>,
                ["relationships": ["field": "case_id", "to": "rescues.case_id", "severity": "warning"] as KeyValuePairs<String, Any>] as KeyValuePairs<String, Any>,
                ["duplicate": "off"] as KeyValuePairs<String, Any>,
            ],
        ])
        let rescues = try XCTUnwrap(RecordKinds.builtIn("rescues")).schema
        let target = RelationshipTarget(source: "rescues", field: "case_id")
        var index = try RelationshipIndex(target: target, schema: rescues)
        index.insert(.text("C1"))
        let (findings, tally, records) = try run(definition, [
            ["suspect_id", "case_id", "arrest_date", "verdict", "verdict_date"],
            ["S1", "C1", "2015-01-01", "convicted", "2016-01-01"],
            ["S1", "C1", "2015-01-01", "convicted", "2016-01-01"],  // unique (duplicate is off)
            ["S3", "C9", "2015-01-01", "guilty", nil],            // accepted_values error + relationships warning
            ["S4", "C1", "2015-06-01", "pending", "2015-01-01"],  // order warning
            ["S5", nil, "2015-01-01", "pending", nil],
        ], relationships: [target: index])
        XCTAssertEqual(findings, [
            "3 suspect_id unique error",
            "4 verdict accepted_values error",
            "4 case_id relationships warning",
            "5 verdict_date order warning",
        ])
        XCTAssertEqual(tally, SourceTally(read: 5, accepted: 3, rejected: 2, warned: 1))
        XCTAssertEqual(records.map(\.line), [2, 5, 6])
    }

    func testARejectedRowDoesNotClaimItsUniqueKey() throws {
        let definition = try source("suspects", ["path": "s.csv", "checks": [["unique": "suspect_id"] as KeyValuePairs<String, Any>]])
        let (findings, tally, _) = try run(definition, [
            ["suspect_id", "arrest_date"],
            ["S1", "31/31/2030"],   // rejected: not a date
            ["S1", "2015-01-01"],   // so this one is the first S1 accepted
            ["S1", "2015-02-01"],
        ])
        XCTAssertEqual(findings, ["2 arrest_date type error", "4 suspect_id unique error"])
        XCTAssertEqual(tally.accepted, 1)
    }

    func testAPipelineRangeReplacesTheDefault() throws {
        let definition = try source("rescues", ["path": "r.csv", "checks": [
            ["range": ["field": "age", "min": 0, "max": 17] as KeyValuePairs<String, Any>, "severity": "warning"] as KeyValuePairs<String, Any>,
        ]])
        let (findings, tally, _) = try run(definition, [["person_id", "date", "age"], ["P1", "2014-01-01", "30"]])
        XCTAssertEqual(findings, ["2 age range warning"])
        XCTAssertEqual(tally.accepted, 1)
    }

    func testATypeCheckMayBeLoweredToAWarning() throws {
        let definition = try source("rescues", ["path": "r.csv", "checks": [["type": "age", "severity": "warning"] as KeyValuePairs<String, Any>]])
        let (findings, _, records) = try run(definition, [["person_id", "date", "age"], ["P1", "2014-01-01", "about 20"]])
        XCTAssertEqual(findings, ["2 age type warning"])
        XCTAssertEqual(records.first?[try XCTUnwrap(definition.schema.slot(of: "age"))], .missing)
    }

    func testAValueThatDoesNotParseIsReportedOnceByTypeNotAgainAsMissing() throws {
        let definition = try source("rescues", ["path": "r.csv"])
        let (findings, _, _) = try run(definition, [["person_id", "date", "age"],
                                                    ["P1", "someday", "20"], ["P2", "", "21"]])
        XCTAssertEqual(findings, ["2 date type error", "3 date required error"])
    }

    func testCensoredValuesAgainstRanges() throws {
        let definition = try source("rescues", ["path": "r.csv", "checks": [["range": ["field": "age", "min": 10, "max": 120] as KeyValuePairs<String, Any>] as KeyValuePairs<String, Any>]])
        let (findings, _, _) = try run(definition, [["person_id", "date", "age"],
                                                    ["P1", "2014-01-01", "<18"], ["P2", "2014-01-01", "<10"]])
        XCTAssertEqual(findings, ["3 age range error"])
    }

    func testMissingRelationshipIndexIsASetupError() throws {
        let definition = try source("suspects", ["path": "s.csv", "checks": [["relationships": ["field": "case_id", "to": "rescues.case_id"] as KeyValuePairs<String, Any>] as KeyValuePairs<String, Any>]])
        XCTAssertEqual(definition.relationshipTargets, [RelationshipTarget(source: "rescues", field: "case_id")])
        XCTAssertThrowsError(try SourceValidator(definition: definition, file: "s.csv", asOf: asOf))
    }

    func testSummaryCountsPerCheckErrorsFirst() throws {
        var summary = FindingSummary(examplesPerCheck: 1)
        for (check, severity) in [("unique", Finding.Severity.error), ("duplicate", .warning), ("range", .error), ("range", .error)] {
            summary.add(Finding(file: "f", line: 1, check: check, message: "m", severity: severity))
        }
        XCTAssertEqual(summary.sorted.map { "\($0.check) \($0.severity.rawValue) \($0.count) \($0.examples.count)" },
                       ["range error 2 1", "unique error 1 1", "duplicate warning 1 1"])
        XCTAssertEqual(summary.errorCount, 3)
    }

    func testRowHashSeesEverySlotBoundary() {
        let table = ColumnTable(["a", "b"])
        let h1 = RowHash.of(makeRow(table, ["ab", "c"], line: 1))
        let h2 = RowHash.of(makeRow(table, ["a", "bc"], line: 1))
        let h3 = RowHash.of(makeRow(table, ["ab", "c"], line: 9))
        let h4 = RowHash.of(makeRow(table, ["ab", nil], line: 1))
        let h5 = RowHash.of(makeRow(table, ["ab", ""], line: 1))
        XCTAssertNotEqual(h1, h2)
        XCTAssertEqual(h1, h3)
        XCTAssertNotEqual(h4, h5)
    }

    func testRowHashIgnoresMissingSlotsAfterTheLastValue() {
        // A JSON file's late column adds a name to the table the rows share: a row read
        // before it and the same row read after it are the same row (a duplicate). A
        // missing slot between values still counts.
        let table = ColumnTable(["a", "b"])
        let before = RowHash.of(makeRow(table, ["ab", "c"], line: 1))
        _ = table.append("late")
        XCTAssertEqual(RowHash.of(makeRow(table, ["ab", "c"], line: 2)), before)
        XCTAssertEqual(RowHash.of(makeRow(table, ["ab", "c", nil], line: 3)), before)
        XCTAssertNotEqual(RowHash.of(makeRow(table, ["ab", nil, "c"], line: 4)), before)
    }

    func testRowHashIsTheSameWhateverOrderTheSlotsWereSetIn() {
        // A CSV row sets its slots in order (hashed as one block); a JSON object may set
        // them in any order (hashed slot by slot): the same values must hash the same.
        let table = ColumnTable(["id", "office", "place", "note"])
        let values = ["P123456789", "Mumbai", "a longer place name, with commas", "x"]
        let inOrder = makeRow(table, values, line: 2)
        let shuffled = RowBuffer(columns: table)
        shuffled.reset(line: 3)
        for slot in [2, 0, 3, 1] { shuffled.setText(slot, values[slot]) }
        shuffled.fieldCount = values.count
        XCTAssertEqual(RowHash.of(inOrder), RowHash.of(shuffled))
        let other = makeRow(table, ["P123456789", "Mumbai", "a longer place name, with commas", "y"], line: 4)
        XCTAssertNotEqual(RowHash.of(inOrder), RowHash.of(other), "one byte differs")
    }

    func testRowHashAgreesHoweverTheBytesArriveAndTellsRowsApart() {
        // Values of every length from 0 to 40 bytes and one past 16 KB, set in order (one
        // block) and in a shuffled order (slot by slot, words split across values): the
        // same hash. Moving one byte across a boundary, or changing one, changes it.
        var random = MetricPropertyTests.Random(state: 4242)
        for trial in 0..<200 {
            let columns = 1 + random.int(0...11)
            let table = ColumnTable((0..<columns).map { "c\($0)" })
            var values: [String?] = (0..<columns).map { _ in
                random.int(0...9) == 0 ? nil : String(repeating: "x", count: random.int(0...40))
                    .map { _ in Character(UnicodeScalar(UInt8(97 + random.int(0...25)))) }.reduce(into: "") { $0.append($1) }
            }
            if trial % 50 == 7 { values[0] = String(repeating: "long ", count: 3300) }
            let inOrder = makeRow(table, values, line: 2)
            let shuffled = RowBuffer(columns: table)
            shuffled.reset(line: 3)
            var order = Array(0..<columns)
            for i in order.indices.reversed() { order.swapAt(i, random.int(0...i)) }
            for slot in order {
                if let value = values[slot] { shuffled.setText(slot, value) } else { shuffled.setMissing(slot) }
            }
            shuffled.fieldCount = columns
            XCTAssertEqual(RowHash.of(inOrder), RowHash.of(shuffled), "trial \(trial)")
            // One byte moved from a value to the next one, when both are there.
            if columns > 1, let a = values[0], !a.isEmpty, let b = values[1] {
                var moved = values
                moved[0] = String(a.dropLast())
                moved[1] = String(a.last!) + b
                XCTAssertNotEqual(RowHash.of(makeRow(table, moved, line: 2)), RowHash.of(inOrder), "trial \(trial)")
            }
            if let a = values[columns - 1], !a.isEmpty {
                var changed = values
                changed[columns - 1] = String(a.dropLast()) + (a.last == "q" ? "r" : "q")
                XCTAssertNotEqual(RowHash.of(makeRow(table, changed, line: 2)), RowHash.of(inOrder), "trial \(trial)")
            }
        }
    }
}
