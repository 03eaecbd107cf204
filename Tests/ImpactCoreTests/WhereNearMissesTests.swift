import XCTest
import ImpactCore

/// Rows a `where` leaves out whose value is its literal in another case are counted per
/// spelling, in parts too, and told once with the value map that would keep them.
final class WhereNearMissesTests: XCTestCase {
    private let schema = RecordSchema(kind: "rescues", fields: [FieldSpec("office", .text), FieldSpec("age", .integer)])

    private func record(_ line: Int, _ office: String) -> Record {
        Record(line: line, values: [.text(office), .integer(12)])
    }

    private func misses(_ filter: String) throws -> WhereNearMisses {
        WhereNearMisses(try FilterExpression.parse(filter).compile(against: schema), schema: schema)
    }

    func testSpellingsOfTheLiteralAreCountedAndOtherValuesAreNot() throws {
        var tally = try misses("office == \"Mumbai\" and age < 18")
        for (line, office) in [(2, "Pune"), (3, "mumbai"), (4, "MUMBAI"), (5, "mumbai"), (6, "Mumbay"), (7, "Nagpur")] {
            tally.leftOut(record(line, office))
        }
        let findings = tally.findings(file: "r.csv", source: "rescues")
        XCTAssertEqual(findings.map { "\($0.line) \($0.field ?? "") \($0.check) \($0.severity)" }, ["3 office where.case warning"])
        XCTAssertEqual(findings.first?.message,
                       "the where of source 'rescues' left out 3 rows whose office is 'MUMBAI' (1), 'mumbai' (2), not \"Mumbai\": "
                       + "the same value in another case?")
        XCTAssertTrue(findings.first?.hint?.contains("office: { column: ..., values: { Mumbai: [MUMBAI, mumbai] } }") ?? false)
    }

    func testOnlyLiteralsAFilterKeepsAreWatched() throws {
        XCTAssertTrue(try misses("age < 18").isEmpty)
        XCTAssertTrue(try misses("not (office == \"Mumbai\")").isEmpty, "a negated literal keeps the other spellings already")
        XCTAssertFalse(try misses("office in [\"Pune\", \"Mumbai\"]").isEmpty)
    }

    func testPartsMergeToTheWholeFilesTally() throws {
        let rows = [(2, "mumbai"), (3, "Pune"), (4, "MUMBAI"), (5, "mumbai")]
        var whole = try misses("office == \"Mumbai\"")
        for (line, office) in rows { whole.leftOut(record(line, office)) }
        var first = try misses("office == \"Mumbai\""), second = first
        for (line, office) in rows.prefix(2) { first.leftOut(record(line, office)) }
        for (line, office) in rows.dropFirst(2) { second.leftOut(record(line, office)) }
        first.merge(second)
        XCTAssertEqual(first.findings(file: "r.csv", source: "rescues"), whole.findings(file: "r.csv", source: "rescues"))
    }
}
