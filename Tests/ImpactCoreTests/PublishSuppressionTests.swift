import XCTest
import ImpactCore

final class PublishSuppressionTests: XCTestCase {
    /// "s" small, "c" complementary, a number shown.
    private func pattern(_ table: SuppressedTable) -> [String] {
        table.allEntries.map { cell in
            switch cell.reason {
            case .small: return "s"
            case .complementary: return "c"
            case nil: return String(cell.value)
            }
        }
    }

    func testSmallCellAndItsComplementInRowAndColumn() {
        // Rows: offices; columns: minors, adults.
        let table = SuppressedTable(counts: [[3, 40], [25, 60], [30, 70]], threshold: 11)
        // Row 1: 3 is small -> 40 (the only other cell) is hidden; column 1: 3 small -> 25 hidden;
        // then row 2 has one hidden (25) -> 60 hidden; column 2 has 40 and 60 hidden: stable.
        XCTAssertEqual(pattern(table), ["s", "c", "43", "c", "c", "85", "30", "70", "100", "58", "170", "228"])
    }

    func testTotalsCannotRecoverAHiddenCell() {
        let tables = [
            [[3, 40], [25, 60], [30, 70]],
            [[5, 12, 30], [14, 0, 2], [40, 50, 60]],
            [[1, 100], [100, 100]],
        ]
        for counts in tables {
            let table = SuppressedTable(counts: counts, threshold: 11)
            let lines = rowsAndColumns(table)
            for line in lines {
                let hidden = line.filter { !$0.isShown }.count
                XCTAssertNotEqual(hidden, 1, "a line with one hidden entry gives it away: \(counts)")
            }
            for cell in table.allEntries where cell.value > 0 && cell.value < 11 {
                XCTAssertEqual(cell.reason, .small)
            }
        }
    }

    func testZerosAreShownAndNeverUsedAsComplement() {
        let table = SuppressedTable(counts: [[4, 0, 20], [15, 0, 30]], threshold: 11)
        XCTAssertEqual(table.cells[0][1].reason, nil)
        XCTAssertEqual(table.cells[1][1].reason, nil)
        XCTAssertEqual(table.cells[0][2].reason, .complementary, "the smallest non-zero other cell of the row")
        XCTAssertEqual(table.cells[1][0].reason, .complementary, "the other cell of the column")
    }

    func testSingleColumnTableComplementsInTheColumn() {
        // Rescues per year with a total: 2000 is small, so the next smallest year goes too.
        let table = SuppressedTable(counts: [[6], [14], [40], [31]], threshold: 11)
        XCTAssertEqual(pattern(table), ["s", "c", "40", "31", "91"])
        XCTAssertTrue(table.rowTotals.isEmpty)
        XCTAssertEqual(table.cells[0][0].text(.en, threshold: 11), "fewer than 11")
        XCTAssertEqual(table.cells[1][0].text(.en, threshold: 11), "not shown")
    }

    func testSmallTotalIsSuppressed() {
        let table = SuppressedTable(counts: [[3, 4], [20, 30]], threshold: 11)
        XCTAssertEqual(table.rowTotals[0].reason, .small)
    }

    func testThresholdOneSuppressesNothing() {
        let table = SuppressedTable(counts: [[1, 2], [3, 0]], threshold: 1)
        XCTAssertTrue(table.allEntries.allSatisfy(\.isShown))
    }

    private func rowsAndColumns(_ table: SuppressedTable) -> [[SuppressedCell]] {
        var lines: [[SuppressedCell]] = []
        for (r, row) in table.cells.enumerated() { lines.append(row + [table.rowTotals[r]]) }
        lines.append(table.columnTotals + [table.grandTotal].compactMap { $0 })
        for c in 0..<(table.cells.first?.count ?? 0) {
            lines.append(table.cells.map { $0[c] } + [table.columnTotals[c]])
        }
        lines.append(table.rowTotals + [table.grandTotal].compactMap { $0 })
        return lines
    }
}
