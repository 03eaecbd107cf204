@testable import ImpactCore
import XCTest

/// `impact query --sort COLUMN [desc]` and `--limit N`: rows ordered by a column of the
/// answer, numbers as numbers, no value last, ties in their groups' order.
final class QueryOrderTests: XCTestCase {
    private let table = QueryTable(header: ["office", "count", "sum(age)"], keyColumns: 1, rows: [
        ["Delhi", "12", "300"], ["Mumbai", "9", ""], ["Pune", "120", "41.5"], ["Thane", "12", "7"],
    ])

    func testNumbersSortAsNumbersAndTiesKeepTheirGroupsOrder() throws {
        let largest = table.sorted(try QueryOrder("count desc", header: table.header))
        XCTAssertEqual(largest.rows.map { $0[0] }, ["Pune", "Delhi", "Thane", "Mumbai"], "120 before 12; Delhi and Thane tie")
        let smallest = table.sorted(try QueryOrder("count", header: table.header))
        XCTAssertEqual(smallest.rows.map { $0[0] }, ["Mumbai", "Delhi", "Thane", "Pune"])
        XCTAssertEqual(largest.limited(2).rows.map { $0[0] }, ["Pune", "Delhi"])
        XCTAssertEqual(largest.keyColumns, 1)
    }

    func testNoValueComesLastEitherWay() throws {
        for text in ["sum(age) DESC", "sum(age) asc"] {
            XCTAssertEqual(table.sorted(try QueryOrder(text, header: table.header)).rows.last?[0], "Mumbai", text)
        }
        XCTAssertEqual(table.sorted(try QueryOrder("sum(age) desc", header: table.header)).rows.map { $0[0] },
                       ["Delhi", "Pune", "Thane", "Mumbai"])
    }

    func testTextSortsByItsBytes() throws {
        let names = table.sorted(try QueryOrder("office desc", header: table.header))
        XCTAssertEqual(names.rows.map { $0[0] }, ["Thane", "Pune", "Mumbai", "Delhi"])
    }

    func testAnUnknownColumnListsTheAnswersColumns() {
        XCTAssertThrowsError(try QueryOrder("Count desc", header: table.header)) { error in
            XCTAssertEqual("\(error)", "--sort: no column 'Count' in the answer; did you mean 'count'? its columns are: office, count, sum(age) (add desc for the largest first: --sort 'sum(age) desc')")
        }
        XCTAssertThrowsError(try QueryOrder("sum age desc", header: table.header)) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'sum(age)'?"), "separators, as field names are told apart: \(error)")
        }
    }
}
