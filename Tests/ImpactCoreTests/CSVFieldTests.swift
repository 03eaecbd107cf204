import XCTest
import ImpactCore

/// What `impact` writes into a CSV cell: RFC 4180 quoting, and no value a spreadsheet
/// would run as a formula (a cell of an export is data, never an instruction).
final class CSVFieldTests: XCTestCase {
    func testQuotingAndFormulasDefused() {
        let cases: [(String, String)] = [
            ("Pune", "Pune"), ("bar, hotel", "\"bar, hotel\""), ("S-\"7\"", "\"S-\"\"7\"\"\""),
            (" lead", "\" lead\""), ("two\nlines", "\"two\nlines\""), ("", ""),
            ("=HYPERLINK(\"http://x\";\"click\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"click\"\")\""),
            ("=1+2", "'=1+2"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"),
            ("-2+3+cmd", "'-2+3+cmd"), ("\tx", "'\tx"), ("-", "'-"),
            ("-3", "-3"), ("+91.5", "+91.5"), ("-0.25", "-0.25"), ("12", "12"), ("a=b", "a=b"),
        ]
        for (text, written) in cases { XCTAssertEqual(CSVField.escaped(text), written, text) }
        XCTAssertEqual(CSVField.record(["a", "=b", "-1"]), "a,'=b,-1\r\n")
    }

    func testAQueryLabelFromTheDataIsDefusedToo() {
        let table = QueryTable(header: ["office", "count"], keyColumns: 1, rows: [["=cmd|' /C calc'!A0", "3"], ["Pune", "-1"]])
        XCTAssertEqual(table.render(format: .csv), "office,count\r\n'=cmd|' /C calc'!A0,3\r\nPune,-1\r\n")
    }
}
