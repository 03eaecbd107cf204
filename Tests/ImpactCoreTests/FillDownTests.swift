import XCTest
import ImpactCore

/// `fill_down`: an empty value of a listed field takes the value of the row above (merged
/// cells of a spreadsheet); other fields, and values given, are left as they are.
final class FillDownTests: XCTestCase {
    func testEmptyValuesTakeTheValueAboveAndGivenValuesAreKept() throws {
        let definition = try source("rescues", ["path": "r.csv", "fill_down": ["date", "office"]])
        var fill = try XCTUnwrap(FillDown(definition))
        let schema = definition.schema
        let office = try XCTUnwrap(schema.slot(of: "office")), date = try XCTUnwrap(schema.slot(of: "date"))
        let age = try XCTUnwrap(schema.slot(of: "age"))
        let day = try XCTUnwrap(Day(year: 2014, month: 11, day: 3))
        func record(_ line: Int, office o: String?, date d: Day?, age a: Int?) -> Record {
            var values = [Value](repeating: .missing, count: schema.fields.count)
            if let o { values[office] = .text(o) }
            if let d { values[date] = .date(d) }
            if let a { values[age] = .integer(a) }
            return Record(line: line, values: values)
        }
        var rows = [record(2, office: nil, date: nil, age: 14),          // nothing above: left empty
                    record(3, office: "Pune", date: day, age: 15),
                    record(4, office: nil, date: nil, age: nil),
                    record(5, office: "Thane", date: nil, age: 16)]
        for k in rows.indices { fill.apply(&rows[k]) }
        XCTAssertEqual(rows.map { $0[office] }, [.missing, .text("Pune"), .text("Pune"), .text("Thane")])
        XCTAssertEqual(rows.map { $0[date] }, [.missing, .date(day), .date(day), .date(day)])
        XCTAssertEqual(rows.map { $0[age] }, [.integer(14), .integer(15), .missing, .integer(16)], "a field not listed")
        XCTAssertEqual(fill.note(file: "r.csv", source: "rescues", schema: schema)?.message,
                       "source 'rescues': filled from the rows above: 1 office, 2 date values")
        XCTAssertNil(FillDown(try source("rescues", ["path": "r.csv"])), "no fill_down, nothing to do")
    }

    func testAFieldTheSourceDoesNotHaveIsAnErrorThatNamesTheOneMeant() {
        XCTAssertThrowsError(try source("rescues", ["path": "r.csv", "fill_down": ["Office"]])) {
            XCTAssertTrue("\($0)".contains("fill_down: 'Office' is not a field of source 'rescues'; did you mean 'office'?"), "\($0)")
        }
    }
}
