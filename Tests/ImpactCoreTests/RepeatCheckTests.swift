import XCTest
import ImpactCore

/// The `duplicate` check as a run makes it: when its findings are warnings the
/// validator logs each row and finds the repeats after the read
/// (`defersRepeatWarnings`, `resolveRepeats`); the row hash it uses is the hash of
/// the row written out as a CSV line, made in one pass for a line without quotes.
final class RepeatCheckTests: XCTestCase {
    private let asOf = Day(year: 2019, month: 12, day: 31)!
    private let header = ["person_id", "date", "age", "office"]

    /// Rows drawn from a small pool (so that many repeat), some with a missing id or an
    /// age out of range (rejected), some dated after the as-of date (warned).
    private func rows(_ count: Int, seed: UInt64) -> [[String?]] {
        var random = MetricPropertyTests.Random(state: seed)
        let pool: [[String?]] = (0..<400).map { n in
            let id: String? = n % 37 == 0 ? nil : "P\(n % 150)"
            let date = n % 23 == 0 ? "2020-0\(1 + n % 9)-11" : "201\(n % 10)-0\(1 + n % 9)-1\(n % 10)"
            let age = n % 31 == 0 ? "150" : "\(n % 90)"
            return [id, date, age, ["Pune", "Agra", "Delhi, North"][n % 3]]
        }
        return (0..<count).map { _ in pool[random.int(0...(pool.count - 1))] }
    }

    /// Runs `rows` (lines from 2) through validators over consecutive `parts`, merged
    /// into the first; returns its tally and summary.
    private func validate(_ rows: [[String?]], defer defers: Bool, parts: Int = 1) throws -> (SourceTally, FindingSummary) {
        let definition = try source("rescues", ["path": "r.csv"])
        let table = ColumnTable(header)
        let mapper = RowMapper(definition: definition, columns: table, file: "r.csv")
        let row = RowBuffer(columns: table)
        let size = (rows.count + parts - 1) / parts
        var validators: [SourceValidator] = []
        for part in 0..<parts {
            let validator = try SourceValidator(definition: definition, file: "r.csv", asOf: asOf,
                                                defersRepeatWarnings: defers)
            for i in (part * size)..<min(rows.count, (part + 1) * size) {
                fill(row, rows[i], line: i + 2)
                var findings: [Finding] = []
                validator.prepare(row)
                _ = validator.check(mapper.map(row), row: row, findings: &findings)
                if defers {
                    XCTAssertFalse(findings.contains { $0.check == "duplicate" }, "a deferred check says nothing per row")
                }
            }
            validators.append(validator)
        }
        for next in validators.dropFirst() {
            XCTAssertTrue(validators[0].merge(following: next), "deferred repeats never send a source back to one piece")
        }
        validators[0].resolveRepeats()
        return (validators[0].tally, validators[0].summary)
    }

    func testRepeatsFoundAfterTheReadAreThoseFoundRowByRow() throws {
        for seed in [1, 2, 3] as [UInt64] {
            let input = rows(20_000, seed: seed)
            let (tally, summary) = try validate(input, defer: false)
            let repeats = summary.sorted.first { $0.check == "duplicate" }
            XCTAssertGreaterThan(repeats?.count ?? 0, 15_000, "most rows repeat one before them")
            XCTAssertGreaterThan(tally.rejected, 0)
            for parts in [1, 3] {
                let (deferredTally, deferredSummary) = try validate(input, defer: true, parts: parts)
                XCTAssertEqual(deferredTally, tally, "seed \(seed), \(parts) parts: read, accepted, rejected, warned")
                XCTAssertEqual(deferredSummary, summary, "seed \(seed), \(parts) parts: counts and first examples of every check")
            }
        }
    }

    func testARepeatNamesTheFirstLineEvenWhenThatRowWasRejected() throws {
        let input: [[String?]] = [
            ["P1", "2014-01-01", "150", "Pune"],   // line 2: rejected (age)
            ["P2", "2014-01-01", "20", "Pune"],
            ["P1", "2014-01-01", "150", "Pune"],   // line 4: repeats line 2, rejected again
            ["P2", "2014-01-01", "20", "Pune"],    // line 5: repeats line 3, accepted and warned
        ]
        let (tally, summary) = try validate(input, defer: true)
        XCTAssertEqual(tally, SourceTally(read: 4, accepted: 2, rejected: 2, warned: 1))
        let repeats = try XCTUnwrap(summary.sorted.first { $0.check == "duplicate" })
        XCTAssertEqual(repeats.examples.map { "\($0.line) \($0.message)" },
                       ["4 this row repeats line 2 exactly", "5 this row repeats line 3 exactly"])
        XCTAssertEqual(repeats.severity, .warning)
    }

    func testAnErrorRepeatIsStillFoundAsTheRowComes() throws {
        let definition = try source("rescues", ["path": "r.csv", "checks": [["duplicate": "error"] as KeyValuePairs<String, Any>]])
        let table = ColumnTable(header)
        let mapper = RowMapper(definition: definition, columns: table, file: "r.csv")
        let validator = try SourceValidator(definition: definition, file: "r.csv", asOf: asOf, defersRepeatWarnings: true)
        let first = makeRow(table, ["P1", "2014-01-01", "20", "Pune"], line: 2)
        let again = makeRow(table, ["P1", "2014-01-01", "20", "Pune"], line: 3)
        XCTAssertTrue(validator.validate(mapper.map(first), row: first).isAccepted)
        let verdict = validator.validate(mapper.map(again), row: again)
        XCTAssertFalse(verdict.isAccepted, "a repeat that is an error is rejected before its row is used")
        XCTAssertEqual(verdict.errors.map(\.message), ["this row repeats line 2 exactly"])
    }

    // MARK: - The row hash

    private func builderHash(_ values: [String?], separator: UInt8) -> UInt64 {
        var builder = RowHash.Builder(separator: separator)
        for value in values {
            if var value { value.withUTF8 { builder.text(UnsafeRawBufferPointer($0)) } } else { builder.missing() }
        }
        return builder.finish()
    }

    private func lineHash(_ line: String, separator: UInt8) -> UInt64 {
        var line = line
        return line.withUTF8 { RowHash.line(UnsafeRawBufferPointer($0), separator: separator) }
    }

    /// A line without quotes hashed whole is the hash of its fields one by one (empty
    /// fields are missing ones), whatever the separator, the lengths, spaces at the
    /// edges of values, empty fields at either end or the whole line empty.
    func testALineHashedWholeIsItsFieldsHash() {
        var random = MetricPropertyTests.Random(state: 77)
        let alphabet = Array("abcxyz019 -./éअ".unicodeScalars)
        for trial in 0..<3000 {
            let separator = Array(",;\t|".utf8)[trial % 4]
            let fields: [String] = (0..<random.int(1...12)).map { _ in
                random.int(0...4) == 0 ? "" : String(String.UnicodeScalarView(
                    (0..<random.int(1...30)).map { _ in alphabet[random.int(0...(alphabet.count - 1))] }))
            }
            let line = fields.joined(separator: String(UnicodeScalar(separator)))
            XCTAssertEqual(lineHash(line, separator: separator),
                           builderHash(fields.map { $0.isEmpty ? nil : $0 }, separator: separator), "trial \(trial): \(line)")
        }
    }

    func testTheHashTellsValuesApartAsACSVLineWould() {
        let comma = UInt8(ascii: ",")
        XCTAssertNotEqual(builderHash(["a,b"], separator: comma), lineHash("a,b", separator: comma),
                          "one value holding the separator is not two values")
        XCTAssertNotEqual(builderHash(["a", ""], separator: comma), builderHash(["a", nil], separator: comma),
                          "an empty value is not a missing one")
        XCTAssertEqual(builderHash(["a", nil, nil], separator: comma), lineHash("a,,", separator: comma),
                       "missing values at the end are left out")
        XCTAssertNotEqual(builderHash([nil, "a"], separator: comma), builderHash(["a"], separator: comma),
                          "a missing value before a present one counts")
        XCTAssertNotEqual(builderHash(["say \"hi\""], separator: comma), builderHash(["say \"hi"], separator: comma))
        XCTAssertNotEqual(builderHash(["\"\""], separator: comma), builderHash([""], separator: comma),
                          "a value of two quotes is not an empty value")
        XCTAssertNotEqual(builderHash(["a\nb"], separator: comma), builderHash(["a", "b"], separator: comma))
        XCTAssertNotEqual(builderHash(["ab", "c"], separator: comma), builderHash(["a", "bc"], separator: comma))
        let table = ColumnTable(["a", "b"])
        let list = RowBuffer(columns: table)
        list.reset(line: 2)
        list.setList(0, ["x", "y"])
        list.fieldCount = 1
        XCTAssertNotEqual(RowHash.of(list), RowHash.of(makeRow(table, ["x; y"], line: 2)), "a list is not the text of its items")
        XCTAssertEqual(RowHash.of(makeRow(table, ["x", "y"], line: 2)), lineHash("x,y", separator: comma))
    }
}
