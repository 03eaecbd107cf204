import Foundation
import XCTest
import ImpactCore
import ImpactIngest
@testable import ImpactPipeline

/// The query on both cores (the file split, a parser, mapper and engine per
/// part, engines merged) must give the one-core results: the same table, the
/// same findings at the same lines, in the same order.
final class ParallelQueryTests: XCTestCase {
    /// Maps rows and folds them into two engines; keeps every finding with its line.
    struct QuerySink: RecordSink, Sendable {
        let definition: SourceDefinition
        let path: String
        var mapper: RowMapper?
        var byYearOffice: QueryEngine
        var distinctByOffice: QueryEngine
        var findings: [String] = []

        init(_ definition: SourceDefinition, path: String) throws {
            self.definition = definition
            self.path = path
            byYearOffice = try QueryEngine(QuerySpec(aggregates: [.count, .mean("age")], by: "year(date),office", filter: nil),
                                           schema: definition.schema)
            distinctByOffice = try QueryEngine(QuerySpec(aggregates: [.countDistinct("person_id"), .median("age")],
                                                         by: "office", filter: "age >= 12"),
                                               schema: definition.schema)
        }

        mutating func record(_ row: RowBuffer) throws {
            let mapper = self.mapper ?? RowMapper(definition: definition, columns: row.columns, file: path)
            self.mapper = mapper
            let mapped = mapper.map(row)
            findings += mapped.findings.map { "\($0.line) \($0.check) \($0.field ?? "")" }
            if mapped.hasErrors { return }
            byYearOffice.fold(mapped.record)
            distinctByOffice.fold(mapped.record)
        }

        mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws {
            findings.append("\(finding.line) \(finding.check) \(finding.message)")
        }

        mutating func finding(_ finding: Finding) throws {
            findings.append("\(finding.line) \(finding.check) \(finding.message)")
        }

        /// This sink with engines whose distinct keys go to tables shared by every copy.
        func sharingDistinctKeys() -> QuerySink {
            var copy = self
            copy.byYearOffice = byYearOffice.sharingDistinctKeys()
            copy.distinctByOffice = distinctByOffice.sharingDistinctKeys()
            return copy
        }

        mutating func merge(_ other: QuerySink) {
            byYearOffice.merge(other.byYearOffice)
            distinctByOffice.merge(other.distinctByOffice)
            findings += other.findings
        }
    }

    static func definition(_ path: String) throws -> SourceDefinition {
        let yaml = """
            path: \(path)
            kind: custom
            fields:
              person_id: text
              office: text
              date: date
              age: integer
            """
        return try SourceDefinition.decode(name: "rescues", node: YAMLConfig.parse(yaml, file: "test.yaml"),
                                           defaults: SourceDefaults())
    }

    /// A messy generated export (BOM, CRLF, quoted commas, quotes and line
    /// breaks, Bengali and Devanagari names) with broken records spliced into its middle.
    static func messyFile(_ test: XCTestCase, strayQuote: Bool) throws -> String {
        let (dir, _) = try GenerateFixture.generate(test, GenerateOptions(rows: 6000, seed: 21, messy: true, sources: [.rescues]))
        let data = try GenerateFixture.read(dir, "rescues.csv")
        var bytes = [UInt8](data)
        let body = Array(bytes.drop { $0 != 0x0A }.dropFirst())  // the records, without the header line
        bytes += Array("P1,C1,OP1,Pune,2020-01-01,17,F,Bihar,x,Name,extra\r\n".utf8)   // too many fields
        if strayQuote { bytes += Array("P2,C2,OP2,Pu\"ne,2020-01-01,17,F,Bihar,x,Name\r\n".utf8) }
        bytes += Array("P3,C3,OP3,Pune,someday,seventeen,F,Bihar,x,Name\r\n".utf8)   // type problems
        bytes += body
        let path = dir + "/spliced.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func sequential(_ path: String) throws -> QuerySink {
        var sink = try QuerySink(Self.definition(path), path: path)
        _ = try CSVReader.read(path: path, options: CSVOptions(), into: &sink)
        return sink
    }

    /// Read in `parts` parts; with `shared`, the parts' distinct keys go to one shared
    /// table (as `impact query` does), else each part keeps its own and the merge joins them.
    private func parallel(_ path: String, parts: Int, workers: Int = 2, shared: Bool = true) throws -> (QuerySink, Int) {
        let definition = try Self.definition(path)
        let template = try QuerySink(definition, path: path)
        let sharing = template.sharingDistinctKeys()
        let outcome = try ParallelReader.read(path: path, format: .csv(CSVOptions()), parts: parts, workers: workers,
                                              minimumPartBytes: 4096) { _, n in
            shared && n > 1 ? sharing : template
        }
        var merged = try XCTUnwrap(outcome.sinks.first)
        for sink in outcome.sinks.dropFirst() { merged.merge(sink) }
        return (merged, outcome.parts)
    }

    func testBothCoresGiveTheOneCoreResultsOnMessyInput() throws {
        let path = try Self.messyFile(self, strayQuote: false)
        let one = try sequential(path)
        XCTAssertTrue(one.findings.contains { $0.contains("csv.field_count") }, "the file has a record with too many fields")
        XCTAssertTrue(one.findings.contains { $0.contains(" type ") }, "the file has type problems")
        let table = one.byYearOffice.table()
        XCTAssertGreaterThan(table.rows.count, 20)
        for parts in [2, 3, 5] {
            for shared in [true, false] {
                let label = "\(parts) parts\(shared ? ", shared distinct keys" : "")"
                let (split, used) = try parallel(path, parts: parts, shared: shared)
                XCTAssertEqual(used, parts, "the file was split in \(parts) parts")
                XCTAssertEqual(split.byYearOffice.table(), table, "year x office counts and mean age, \(label)")
                XCTAssertEqual(split.distinctByOffice.table(), one.distinctByOffice.table(), "distinct persons and median age, \(label)")
                XCTAssertEqual(split.findings, one.findings, "findings, lines and order, \(label)")
            }
        }
    }

    /// More parts than threads: each thread takes the next part left, and the parts are
    /// merged in file order, so the results are those of one piece whatever the number of
    /// threads (one, fewer than the parts, one a part).
    func testPartsTakenInTurnByFewerThreadsGiveTheOneCoreResults() throws {
        let path = try Self.messyFile(self, strayQuote: false)
        let one = try sequential(path)
        for parts in [5, 9] {
            for workers in [1, 2, 3, parts] {
                let label = "\(parts) parts on \(workers) threads"
                let (split, used) = try parallel(path, parts: parts, workers: workers)
                XCTAssertEqual(used, parts, label)
                XCTAssertEqual(split.byYearOffice.table(), one.byYearOffice.table(), label)
                XCTAssertEqual(split.distinctByOffice.table(), one.distinctByOffice.table(), label)
                XCTAssertEqual(split.findings, one.findings, label)
            }
        }
    }

    func testAStrayQuoteGivesTheOneCoreResultsToo() throws {
        // One stray quote upsets the quote count after it: a split point may fall inside a
        // record for the parser; that part does not end clean and the file is read in one piece.
        let path = try Self.messyFile(self, strayQuote: true)
        let one = try sequential(path)
        XCTAssertTrue(one.findings.contains { $0.contains("csv.quote") }, "the file has a stray quote")
        for parts in [2, 3, 5] {
            let (split, _) = try parallel(path, parts: parts)
            XCTAssertEqual(split.byYearOffice.table(), one.byYearOffice.table(), "\(parts) parts")
            XCTAssertEqual(split.distinctByOffice.table(), one.distinctByOffice.table(), "\(parts) parts")
            XCTAssertEqual(split.findings, one.findings, "\(parts) parts")
        }
    }

    func testMergedDistinctCountsAPersonOnceAcrossParts() throws {
        // The same persons in both halves: the merged distinct count is the one-core count, not the sum.
        let header = "person_id,office,date,age\n"
        var rows = ""
        for n in 0..<4000 { rows += "P\(n % 500),\(["Pune", "Mumbai"][n % 2]),2015-0\(1 + n % 9)-11,\(10 + n % 30)\n" }
        let dir = FileManager.default.temporaryDirectory.path + "/impact-parallel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/repeat.csv"
        try Data((header + rows).utf8).write(to: URL(fileURLWithPath: path))
        for shared in [true, false] {
            let (split, used) = try parallel(path, parts: 4, shared: shared)
            XCTAssertGreaterThan(used, 1)
            let distinct = split.distinctByOffice.table()
            // given: person P<k> is in office Pune when k is even (n even <=> k even); 250 persons an office.
            XCTAssertEqual(distinct.rows.map { [$0[0], $0[1]] }, [["Mumbai", "250"], ["Pune", "250"]], "shared: \(shared)")
            XCTAssertEqual(distinct, try sequential(path).distinctByOffice.table(), "shared: \(shared)")
        }
    }

    func testMergedEnginesMatchANaiveCountWithManyGroups() throws {
        // More than 64 groups (distinct keys then kept as pairs, not masks), folded whole
        // and in three merged pieces, against a count made by hand; short and long ids.
        let schema = RecordSchema(kind: "rescues", fields: [FieldSpec("person_id", .text), FieldSpec("date", .date)])
        let spec = QuerySpec(aggregates: [.count, .countDistinct("person_id")],
                             by: [try ByExpression.parse("date")])
        let start = try XCTUnwrap(Day(year: 2012, month: 1, day: 1))
        let records = (0..<6000).map { n in
            // Every third person's id is too long to be held inline in the shared table (`PackedKey`).
            let person = (n * 7919) % 450
            return Record(line: n + 2, values: [n % 7 == 0 ? .missing : .text(person % 3 == 0 ? "person number \(person) of the file" : "P\(person)"),
                                         .date(Day(daysSinceEpoch: start.daysSinceEpoch + Int32(n % 150)))])
        }
        var whole = try QueryEngine(spec, schema: schema)
        for record in records { whole.fold(record) }
        var pieces = try (0..<3).map { _ in try QueryEngine(spec, schema: schema) }
        for (n, record) in records.enumerated() { pieces[n * 3 / records.count].fold(record) }
        var merged = pieces[0]
        merged.merge(pieces[1])
        merged.merge(pieces[2])
        XCTAssertEqual(merged.table(), whole.table())
        // The same with one shared key table: pieces fold side by side, in any order of groups.
        let template = try QueryEngine(spec, schema: schema).sharingDistinctKeys()
        var sharing = [template, template, template]
        for (n, record) in records.enumerated().reversed() { sharing[n * 3 / records.count].fold(record) }
        var sharedMerged = sharing[2]
        sharedMerged.merge(sharing[1])
        sharedMerged.merge(sharing[0])
        XCTAssertEqual(sharedMerged.table(), whole.table(), "shared distinct keys")
        // Without a breakdown: one row, the distinct count over all pieces.
        let total = QuerySpec(aggregates: [.countDistinct("person_id"), .count])
        var alone = try QueryEngine(total, schema: schema)
        for record in records { alone.fold(record) }
        let totalTemplate = try QueryEngine(total, schema: schema).sharingDistinctKeys()
        var parts = [totalTemplate, totalTemplate]
        for (n, record) in records.enumerated() { parts[n % 2].fold(record) }
        var joined = parts[0]
        joined.merge(parts[1])
        XCTAssertEqual(joined.table(), alone.table(), "shared distinct keys, no breakdown")
        XCTAssertEqual(alone.table().rows, [["450", "6000"]])
        // Naive: per date, rows and distinct persons.
        var rows: [String: Int] = [:], persons: [String: Set<String>] = [:]
        for record in records {
            guard case .date(let day) = record[1] else { continue }
            rows[day.iso, default: 0] += 1
            if case .text(let person) = record[0] { persons[day.iso, default: []].insert(person) }
        }
        let expected = rows.keys.sorted().map { [$0, String(rows[$0] ?? 0), String(persons[$0]?.count ?? 0)] }
        XCTAssertEqual(whole.table().rows.count, 150)
        XCTAssertEqual(merged.table().rows, expected)
    }
}
