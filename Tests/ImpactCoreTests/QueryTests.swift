import XCTest
import ImpactCore

final class QueryTests: XCTestCase {
    private func run(_ spec: QuerySpec, _ rows: [Record] = Fixture.sample) throws -> QueryTable {
        var engine = try QueryEngine(spec, schema: Fixture.rescues)
        for row in rows { engine.fold(row) }
        return engine.table()
    }

    func testCountAndDistinctByYearAndOfficeInAStableOrder() throws {
        let spec = try QuerySpec(aggregates: [.count, .countDistinct("person_id")], by: "year(date),office", filter: nil)
        let table = try run(spec)
        XCTAssertEqual(table.header, ["year(date)", "office", "count", "count_distinct(person_id)"])
        XCTAssertEqual(table.rows, [
            ["2003", "Mumbai", "1", "1"],
            ["2004", "Mumbai", "2", "2"],
            ["2005", "Kolkata", "1", "1"],
            ["2010", "Kolkata", "1", "1"],
            ["2010", "Mumbai", "1", "1"],
            ["2011", "(missing)", "1", "1"],
            ["(missing)", "Mumbai", "1", "1"],
        ])
        // The order does not depend on the order of the input.
        XCTAssertEqual(try run(spec, Fixture.sample.reversed()), table)
    }

    func testWhereAndNumericAggregatesWithoutBreakdown() throws {
        let spec = QuerySpec(aggregates: [.count, .sum("age"), .mean("score"), .min("age"), .max("age")], filter: "age < 18 or age is missing")
        let table = try run(spec)
        XCTAssertEqual(table.rows, [["4", "53", "3.25", "9", "17"]])   // lines 2, 4, 7, 9 (age 15, 9, 17, 12)
    }

    func testEmptyGroupsShowZeroForCountsAndNothingForMeans() throws {
        let spec = QuerySpec(aggregates: [.countDistinct("person_id"), .mean("score")], by: [ByExpression(function: .field, field: "office")])
        let rows = [Fixture.rescue(2, nil, "Delhi", "2004-01-01"), Fixture.rescue(3, "P1", "Goa", "2004-01-01", score: 1.5)]
        XCTAssertEqual(try run(spec, rows).rows, [["Delhi", "0", ""], ["Goa", "1", "1.5"]])
    }

    func testNumbersSortNumericallyAndBandsInAgeOrder() throws {
        let spec = try QuerySpec(aggregates: [.count], by: "age_band(age)", filter: nil)
        XCTAssertEqual(try run(spec).rows.map(\.first), ["0-11", "12-17", "18+", "(other)"])
        let ages = try QuerySpec(aggregates: [.count], by: "age", filter: "age < 16")
        XCTAssertEqual(try run(ages).rows.map(\.first), ["9", "12", "15"])
    }

    func testOptionErrorsNameTheOptionAndColumn() {
        let cases: [(String?, String?, String, Int?, String)] = [
            (nil, "age << 3", "--where", 6, "expected a field name"),
            ("year(date),ofice", nil, "--by", nil, "unknown field 'ofice'"),
            ("year(date), week(date)", nil, "--by", 13, "unknown function 'week'"),
        ]
        for (by, filter, option, column, fragment) in cases {
            do {
                let spec = try QuerySpec(aggregates: [.count], by: by, filter: filter)
                _ = try QueryEngine(spec, schema: Fixture.rescues)
                XCTFail("accepted \(by ?? "") \(filter ?? "")")
            } catch {
                XCTAssertEqual(error.option, option)
                XCTAssertEqual(error.column, column, error.description)
                XCTAssertTrue(error.message.contains(fragment), error.description)
            }
        }
        XCTAssertThrowsError(try QueryEngine(QuerySpec(aggregates: [.sum("office")]), schema: Fixture.rescues)) { error in
            XCTAssertEqual((error as? QueryError)?.option, "--sum")
        }
    }

    private let sample = QueryTable(header: ["office", "note", "count", "mean"], keyColumns: 2, rows: [
        ["Mumbai", "a, \"b\"", "1200", "2.5"],
        ["Kolkata", "line\nbreak", "7", ""],
    ])

    func testRenderAsAlignedTableWithNumbersOnTheRight() {
        XCTAssertEqual(QueryTable(header: ["office", "count"], keyColumns: 1, rows: [["Mumbai", "1200"], ["Goa", "7"]]).render(format: .table), """
        office  count
        ------  -----
        Mumbai   1200
        Goa         7

        """)
    }

    func testRenderAsRFC4180CSV() {
        XCTAssertEqual(sample.render(format: .csv),
                       "office,note,count,mean\r\nMumbai,\"a, \"\"b\"\"\",1200,2.5\r\nKolkata,\"line\nbreak\",7,\r\n")
    }

    func testRenderAsJSONAndJSONLines() {
        XCTAssertEqual(sample.render(format: .json), """
        [
          {"office":"Mumbai","note":"a, \\"b\\"","count":1200,"mean":2.5},
          {"office":"Kolkata","note":"line\\nbreak","count":7,"mean":null}
        ]

        """)
        XCTAssertEqual(sample.render(format: .jsonl), """
        {"office":"Mumbai","note":"a, \\"b\\"","count":1200,"mean":2.5}
        {"office":"Kolkata","note":"line\\nbreak","count":7,"mean":null}

        """)
        XCTAssertEqual(QueryTable(header: ["n"], keyColumns: 0, rows: []).render(format: .json), "[]\n")
        XCTAssertEqual(QueryTable.jsonLiteral("\u{1}"), "\"\\u0001\"")
    }

    func testNumberCells() {
        let cases: [(Double?, String)] = [(nil, ""), (3, "3"), (-2, "-2"), (2.5, "2.5"), (1.0 / 3, "0.3333"), (-0.125, "-0.125"), (66.66666, "66.6667")]
        for (value, text) in cases { XCTAssertEqual(QueryTable.format(value), text) }
    }
}
