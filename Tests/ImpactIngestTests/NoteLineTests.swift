import ImpactCore
import ImpactIngest
import XCTest

/// A line of one value in a CSV file of several columns (a spreadsheet's note under its rows)
/// is rejected as any line of another width is, with a hint that says what it most likely is;
/// other widths keep the hint about separators.
final class NoteLineTests: XCTestCase {
    func testALineOfOneValueIsNamedANote() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("register.csv", "id,date,office\nP1,2024-01-05,Pune\n\nSource: register, exported 2024-02-01\nP2,2024-01-06\n")
        var sink = CollectingSink()
        _ = try SourceReader.read(path: path, format: .csv(CSVOptions()), into: &sink)
        XCTAssertEqual(sink.records.count, 1)
        XCTAssertEqual(sink.malformed.map(\.finding.line), [4, 5])
        XCTAssertEqual(sink.malformed.map(\.finding.check), ["csv.field_count", "csv.field_count"])
        XCTAssertEqual(sink.malformed.first?.finding.message, "expected 3 fields (the header on line 1), found 2",
                       "the note's comma makes two values")
        let note = try dir.write("note.csv", "id,date,office\nP1,2024-01-05,Pune\nFigures are provisional\n")
        var noted = CollectingSink()
        _ = try SourceReader.read(path: note, format: .csv(CSVOptions()), into: &noted)
        XCTAssertEqual(noted.malformed.first?.finding.hint,
                       "a line of one value where the rows have 3: a note or a title in the export (remove it there; this row is left out), or a row whose separators (,) were lost")
        XCTAssertEqual(sink.malformed.last?.finding.hint, "check for an unquoted , inside a value, or a missing separator")
    }
}
