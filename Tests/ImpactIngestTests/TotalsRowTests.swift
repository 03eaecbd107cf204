import Foundation
import XCTest
import ImpactCore
import ImpactIngest

/// A spreadsheet's totals row (`Total,,,1247` under the rows it sums) is marked by the CSV
/// reader, whatever the chunk size: a first value cut by a chunk's end is settled on the
/// next chunk, or at the end of a file without a last line end.
final class TotalsRowTests: XCTestCase {
    struct Sink: RecordSink {
        var keep: [Bool]?
        var totals: [Int: Bool] = [:]
        mutating func record(_ row: RowBuffer) throws { totals[row.line] = row.isTotals }
        mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws {}
        mutating func finding(_ finding: Finding) throws {}
        func columnsToKeep(_ columns: ColumnTable) -> [Bool]? { keep }
    }

    private func read(_ text: String, chunkSize: Int = 1 << 20, keep: [Bool]? = nil) throws -> [Int: Bool] {
        let dir = try TemporaryDirectory()
        let path = try dir.write("export.csv", text)
        var options = CSVOptions()
        options.chunkSize = chunkSize
        var sink = Sink(keep: keep)
        _ = try SourceReader.read(path: path, format: .csv(options), into: &sink)
        return sink.totals
    }

    func testTotalsLabelsAreMarkedAndValuesThatOnlyLookLikeThemAreNot() throws {
        let text = """
        id,office,participants
        T1,Pune,12
        Total,,1247
        TOTAL:,,1
        "Grand Total",,3
        ,  Sub-total ,4
        subtotal,,5
        Totalling,,6
        S1,Total,7
        ,,
        "To
        tal",,8
        Sub total:,,9
        """
        let expected: [Int: Bool] = [2: false, 3: true, 4: true, 5: true, 6: true, 7: true, 8: false, 9: false,
                                     10: false, 11: false, 13: true]
        for chunkSize in [1, 2, 3, 5, 7, 64, 1 << 20] {
            for keep in [nil, [false, true, true], [false, false, true]] {
                XCTAssertEqual(try read(text, chunkSize: chunkSize, keep: keep), expected,
                               "chunks of \(chunkSize) bytes, keep \(String(describing: keep))")
            }
        }
    }

    func testTheLastLineWithoutALineEndIsSettledAtTheEndOfTheFile() throws {
        for chunkSize in [1, 4, 1 << 20] {
            XCTAssertEqual(try read("id,n\nP1,2\nTotal,14", chunkSize: chunkSize), [2: false, 3: true], "chunks of \(chunkSize)")
            XCTAssertEqual(try read("id,n\nP1,2\nTotals,", chunkSize: chunkSize), [2: false, 3: true], "chunks of \(chunkSize)")
            XCTAssertEqual(try read("id,n\nP1,2\nTota,14", chunkSize: chunkSize), [2: false, 3: false], "chunks of \(chunkSize)")
        }
    }

    func testTheInspectionWarnsOfATotalsRow() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("export.csv", "id,participants\nT1,12\nT2,30\nTotal,42\n")
        let report = try Inspector.inspect(path: path)
        let totals = report.findings.filter { $0.check == "totals_row" }
        XCTAssertEqual(totals.map(\.line), [4])
        XCTAssertEqual(totals.first?.severity, .warning)
        XCTAssertTrue(totals.first?.message.contains("totals row") ?? false)
    }
}
