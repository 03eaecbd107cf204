import Foundation
import XCTest
import ImpactCore
import ImpactIngest

/// A CSV export without a header line loses its first record to the header without a word:
/// a header that holds a full date, or numbers, is warned of. Headers of years are headers.
final class HeaderLooksLikeDataTests: XCTestCase {
    private func headerWarnings(_ text: String) throws -> [String] {
        let dir = try TemporaryDirectory()
        let path = try dir.write("export.csv", text)
        let (sink, _) = try collect(path)
        return sink.findings.filter { $0.check == "csv.header" }.map(\.message)
    }

    func testAFirstRecordReadAsTheHeaderIsWarnedOf() throws {
        let warnings = try headerWarnings("P1,2019-03-05,Pune,15\nP2,2019-04-05,Thane,16\n")
        XCTAssertEqual(warnings.count, 1, "\(warnings)")
        XCTAssertTrue(warnings.first?.hasPrefix("the header line looks like a record (it holds '2019-03-05', '15')") ?? false,
                      "\(warnings)")
        XCTAssertEqual(try headerWarnings("S1,05/03/2019,Pune\nS2,06/03/2019,Thane\n").count, 1, "a day-first date")
        XCTAssertEqual(try headerWarnings("S1,Pune,15,3\nS2,Thane,16,4\n").count, 1, "two numbers")
    }

    func testHeadersAreNotWarnedOf() throws {
        XCTAssertEqual(try headerWarnings("person_id,date,office,age\nP1,2019-03-05,Pune,15\n"), [])
        XCTAssertEqual(try headerWarnings("office,2019,2020,2021\nPune,1,2,3\n"), [], "a table of years")
        XCTAssertEqual(try headerWarnings("id,Age 0-5,FY 2019-20\nP1,1,2\n"), [])
    }
}
