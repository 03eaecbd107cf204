import Foundation
import XCTest
import ImpactCore
import ImpactPipeline

/// fixtures/invalid/: one defect per file, each source decoded from fixtures/invalid/pipeline.yml.
final class SchemaInvalidFixturesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("fixtures/invalid")
    let asOf = Day(year: 2019, month: 12, day: 31)!

    struct Outcome {
        var findings: [String]
        var tally: SourceTally
        var records: [Record]
        var rejectedFile: String?
        var mapper: RowMapper
    }

    /// The pipeline's sources, in file order.
    func sources() throws -> [SourceDefinition] {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("pipeline.yml"), encoding: .utf8)
        let root = try YAMLConfig.parse(text, file: "pipeline.yml")
        let top = try root.fields("the pipeline", allowed: ["date_format", "missing", "sources"])
        let defaults = try SourceDefaults.decode(dateFormat: top["date_format"], missing: top["missing"])
        return try top.required("sources").entries("sources").map { entry in
            try SourceDefinition.decode(name: entry.key, node: entry.value, defaults: defaults)
        }
    }

    /// Reads a fixture with a plain split (the fixtures hold no quoted fields), maps, validates
    /// and writes rejected rows under `output`.
    func run(_ definition: SourceDefinition, relationships: [RelationshipTarget: RelationshipIndex],
             output: URL) throws -> Outcome {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(definition.path), encoding: .utf8)
        let separator = Character(definition.delimiter ?? ",")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let table = ColumnTable(lines[0].split(separator: separator, omittingEmptySubsequences: false).map(String.init))
        let mapper = RowMapper(definition: definition, columns: table, file: definition.path)
        try mapper.checkHeader()
        let validator = try SourceValidator(definition: definition, file: definition.path, asOf: asOf,
                                            relationships: relationships)
        let writer = try RejectedRowsWriter(outputDirectory: output.path, source: definition.name, mapper: mapper)
        let row = RowBuffer(columns: table)
        var findings: [String] = []
        var records: [Record] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: separator, omittingEmptySubsequences: false)
            row.reset(line: index + 1)
            for (slot, cell) in cells.enumerated() {
                if cell.isEmpty { row.setMissing(slot) } else { row.setText(slot, String(cell)) }
            }
            row.fieldCount = cells.count
            let verdict = validator.validate(mapper.map(row), row: row)
            findings += verdict.findings.map { "\($0.file):\($0.line) \($0.field ?? "-") \($0.check) \($0.severity.rawValue)" }
            if let record = verdict.record { records.append(record) } else { try writer.write(verdict, row: row) }
        }
        let rejected = try writer.finish()
        return Outcome(findings: findings, tally: validator.tally, records: records, rejectedFile: rejected, mapper: mapper)
    }

    func runAll(output: URL) throws -> [String: Outcome] {
        var indexes: [RelationshipTarget: RelationshipIndex] = [:]
        var outcomes: [String: Outcome] = [:]
        for definition in try sources() {
            let outcome = try run(definition, relationships: indexes, output: output)
            outcomes[definition.name] = outcome
            if definition.name == "rescues" {
                let target = RelationshipTarget(source: "rescues", field: "case_id")
                var index = try RelationshipIndex(target: target, schema: definition.schema)
                for record in outcome.records { index.insert(record) }
                indexes[target] = index
            }
        }
        return outcomes
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("impact-invalid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testEachFileHasExactlyItsDefect() throws {
        let expected: [String: [String]] = [
            "rescues": [],
            "bad_date": ["bad_date.csv:3 date type error"],
            "unknown_sex": ["unknown_sex.csv:3 sex accepted_values error"],
            "age_150": ["age_150.csv:2 age range error"],
            "missing_required": ["missing_required.csv:3 person_id required error"],
            "date_after_as_of": ["date_after_as_of.csv:3 date range warning"],
            "censored_age": [],
            "duplicate_row": ["duplicate_row.csv:3 - duplicate warning"],
            "bad_bool": ["bad_bool.csv:2 cross_border type error"],
            "duplicate_suspect_id": ["duplicate_suspect_id.csv:3 suspect_id unique error"],
            "verdict_before_arrest": ["verdict_before_arrest.csv:3 verdict_date order error"],
            "case_without_rescue": ["case_without_rescue.csv:3 case_id relationships error"],
            "bad_number": ["bad_number.csv:3 participants type error"],
        ]
        let outcomes = try runAll(output: try temporaryFolder())
        XCTAssertEqual(Set(outcomes.keys), Set(expected.keys))
        for (name, findings) in expected {
            XCTAssertEqual(outcomes[name]?.findings, findings, name)
            if let tally = outcomes[name]?.tally { XCTAssertTrue(tally.reconciles, name) }
        }
    }

    func testACensoredAgeIsKeptAsCensored() throws {
        let outcome = try XCTUnwrap(runAll(output: try temporaryFolder())["censored_age"])
        let slot = try XCTUnwrap(outcome.mapper.definition.schema.slot(of: "age"))
        XCTAssertEqual(outcome.records.map { $0[slot] }, [.censored(below: 5)])
    }

    func testRejectedFilesShowTheMappedColumnsAndNeverTheIdentifyingOnes() throws {
        let output = try temporaryFolder()
        let outcomes = try runAll(output: output)
        let file = try XCTUnwrap(outcomes["bad_date"]?.rejectedFile)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8),
            "line,field,check,reason,Survivor No,FIR No.,Rescued On,Age,Sex,Native State,Across Border\r\n"
            + "3,date,type,\"'31/02/2014' is not a date in the format dd/MM/yyyy or yyyy-MM-dd (check the day and month, or add this format to date_format)\","
            + "S-102,FIR-20,31/02/2014,17,F,Bihar,yes\r\n")
        XCTAssertNil(outcomes["rescues"]?.rejectedFile, "no rejected row, no file")
        XCTAssertEqual(outcomes["bad_number"]?.mapper.identifyingColumns, ["Trainer"])

        // Planted identifying values appear in no byte written.
        let written = try FileManager.default.subpathsOfDirectory(atPath: output.path)
        XCTAssertEqual(written.filter { $0.hasSuffix(".csv") }.count, 9, "one file per source with a rejected row (a date after the as-of date is only a warning)")
        for path in written where path.hasSuffix(".csv") {
            let text = try String(contentsOfFile: output.appendingPathComponent(path).path, encoding: .utf8)
            XCTAssertFalse(text.contains("Planted"), path)
        }
        for (name, outcome) in outcomes {
            XCTAssertFalse(outcome.records.contains { $0.values.contains { $0.display.contains("Planted") } }, name)
        }
    }

    func testPipelineMistakesNameTheirLine() throws {
        let cases: [(String, Int, String)] = [
            ("sources:\n  r:\n    kind: rescues\n    path: r.csv\n    colums: {}\n", 5, "unknown key 'colums'"),
            ("sources:\n  r:\n    kind: rescue\n    path: r.csv\n", 3, "unknown kind 'rescue'"),
            ("sources:\n  r:\n    kind: rescues\n    path: r.csv\n    columns:\n      survivor: Name\n", 6, "'survivor' is not a field of rescues"),
            ("sources:\n  r:\n    kind: rescues\n    path: r.csv\n    date_format: dd/mm/yyyy\n", 5, "'mm' is not a date token"),
            ("sources:\n  r:\n    kind: rescues\n    path: r.csv\n    checks:\n      - range: { field: sex, min: 1 }\n", 6, "range applies to numbers and dates"),
            ("sources:\n  r:\n    kind: rescues\n    path: r.csv\n    checks:\n      - unique: person_id\n        severity: fatal\n", 7, "severity is error or warning"),
            ("sources:\n  r:\n    kind: rescues\n    path: r.csv\n    csv: { delimiter: ';;' }\n", 5, "one character"),
            ("sources:\n  r:\n    kind: rescues\n    path: r.csv\n    checks:\n      - not_null: person_id\n", 6, "unknown check 'not_null'"),
            ("sources:\n  r:\n    kind: aftercare\n    path: r.csv\n    list_separator: and\n", 5, "'list_separator' in source 'r' is the one character between a list's items"),
        ]
        for (yaml, line, words) in cases {
            do {
                let root = try YAMLConfig.parse(yaml, file: "p.yml")
                let entry = try XCTUnwrap(try root.fields("p", allowed: ["sources"]).required("sources").entries("sources").first)
                _ = try SourceDefinition.decode(name: entry.key, node: entry.value, defaults: SourceDefaults())
                XCTFail("accepted: \(yaml)")
            } catch let error as ConfigError {
                XCTAssertEqual(error.line, line, "\(error)")
                XCTAssertTrue(error.message.contains(words), "\(error)")
            }
        }
    }
}
