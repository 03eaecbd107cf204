import XCTest
import ImpactCore

/// A field compared with a literal (`age < 18`) is evaluated by a leaf of its own
/// (`CompiledFilter.Node.field`); a field compared with another field still takes the
/// general path. Both, and the literal written first (`18 > age`), must select the
/// same rows for every kind of value a record may hold in the field.
final class FilterLiteralTests: XCTestCase {
    private let schema = RecordSchema(kind: "test", fields: [
        FieldSpec("i", .integer), FieldSpec("n", .number), FieldSpec("t", .text), FieldSpec("d", .date),
        FieldSpec("b", .bool), FieldSpec("l", .list),
        // Each holds, in every record, the literal the field is compared with.
        FieldSpec("ri", .integer), FieldSpec("rn", .number), FieldSpec("rt", .text), FieldSpec("rd", .date),
        FieldSpec("rb", .bool),
    ])

    private let day = Day(year: 2004, month: 6, day: 1)!

    /// Values a field may hold, whatever its declared type: every case of `Value`.
    private var values: [Value] {
        [.missing, .integer(17), .integer(18), .integer(19), .number(17.5), .number(18), .number(.nan),
         .censored(below: 5), .text("a"), .text("b"), .text("c"), .text("\u{E9}"), .text("e\u{301}"),
         .date(Day(year: 2004, month: 5, day: 31)!), .date(day), .date(Day(year: 2004, month: 6, day: 2)!),
         .bool(true), .bool(false), .list(["a", "b"]), .list([]), .list(["c"])]
    }

    private func records(field slot: Int) -> [Record] {
        values.enumerated().map { index, value in
            var row: [Value] = Array(repeating: .missing, count: 6)
            row[slot] = value
            row += [.integer(18), .number(17.5), .text("b"), .date(day), .bool(true)]
            return Record(line: index + 2, values: row)
        }
    }

    private func selected(_ filter: String, _ records: [Record]) -> [Int]? {
        guard let compiled = try? FilterExpression.parse(filter).compile(against: schema) else { return nil }
        return records.filter(compiled.matches).map(\.line)
    }

    func testAFieldAgainstALiteralSelectsWhatAFieldAgainstTheSameValueSelects() throws {
        let mirrored: [String: String] = ["==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="]
        // field, its slot, then per literal: how it is written and the field holding it.
        let cases: [(String, Int, [(String, String)])] = [
            ("i", 0, [("18", "ri"), ("17.5", "rn")]),
            ("n", 1, [("18", "ri"), ("17.5", "rn")]),
            ("t", 2, [("\"b\"", "rt")]),
            ("d", 3, [("2004-06-01", "rd"), ("\"2004-06-01\"", "rd")]),
            ("b", 4, [("true", "rb")]),
            ("l", 5, [("\"b\"", "rt")]),
        ]
        var compared = 0
        for (field, slot, literals) in cases {
            let records = records(field: slot)
            for (literal, reference) in literals {
                for op in ["==", "!=", "<", "<=", ">", ">="] {
                    let general = selected("\(field) \(op) \(reference)", records)
                    let leaf = selected("\(field) \(op) \(literal)", records)
                    let literalFirst = selected("\(literal) \(mirrored[op]!) \(field)", records)
                    XCTAssertEqual(leaf, general, "\(field) \(op) \(literal)")
                    XCTAssertEqual(literalFirst, general, "\(literal) \(mirrored[op]!) \(field)")
                    if general != nil { compared += 1 }
                }
            }
        }
        // Lists and true/false take == and != only; every other pair compiled.
        XCTAssertEqual(compared, 6 * 7 + 2 + 2)
    }

    func testLiteralLeavesInsideAndOrNotSelectAsTheGeneralPath() throws {
        let records = records(field: 0) + records(field: 2).map { Record(line: $0.line + 100, values: $0.values) }
        let pairs = [
            ("i < 18 and not (t == \"b\")", "i < ri and not (t == rt)"),
            ("18 <= i or t != \"b\"", "ri <= i or t != rt"),
            ("not (i > 17.5)", "not (i > rn)"),
        ]
        for (leaf, general) in pairs {
            let expected = try XCTUnwrap(selected(general, records))
            XCTAssertFalse(expected.isEmpty, general)
            XCTAssertEqual(selected(leaf, records), expected, leaf)
        }
    }

    /// docs/metrics.md: an `é` typed as one character equals `e` and a combining accent.
    func testCanonicallyEquivalentTextIsEqual() throws {
        let records = [Record(line: 2, values: [.missing, .missing, .text("e\u{301}")]),
                       Record(line: 3, values: [.missing, .missing, .text("e")])]
        XCTAssertEqual(selected("t == \"\u{E9}\"", records), [2])
        XCTAssertEqual(selected("t != \"\u{E9}\"", records), [3])
    }
}
