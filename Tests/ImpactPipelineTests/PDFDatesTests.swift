import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// The PDF's time stamps become the as-of date, byte for byte in place, so that the
/// same inputs and `--as-of` give the same file (the end-to-end run is `PDFTests`).
final class PDFDatesTests: XCTestCase {
    private let printed = """
        %PDF-1.4
        1 0 obj
        <</Creator (HeadlessChrome)
        /Producer (Skia/PDF m156)
        /CreationDate (D:20261129144649+00'00')
        /ModDate (D:20261129144650+00'00')>>
        endobj
        2 0 obj
        <</Title (D:20261129144649 is text here, not a stamp)>>
        endobj
        """

    func testBothStampsBecomeTheAsOfDateAndTheLengthStays() throws {
        var data = Data(printed.utf8)
        let day = try XCTUnwrap(Day(year: 2019, month: 12, day: 31))
        XCTAssertEqual(PDFDates.pin(&data, to: day), 2)
        XCTAssertEqual(data.count, printed.utf8.count, "byte offsets (the xref table) stay right")
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("/CreationDate (D:20191231000000+00'00')"), text)
        XCTAssertTrue(text.contains("/ModDate (D:20191231000000+00'00')"), text)
        XCTAssertTrue(text.contains("(D:20261129144649 is text here"), "only the stamps change")
    }

    func testTwoPrintsAtOtherTimesBecomeTheSameBytes() throws {
        var first = Data(printed.utf8)
        var second = Data(printed.replacingOccurrences(of: "144649+", with: "150212+").utf8)
        XCTAssertNotEqual(first, second)
        let day = try XCTUnwrap(Day(year: 2024, month: 3, day: 1))
        PDFDates.pin(&first, to: day)
        PDFDates.pin(&second, to: day)
        XCTAssertEqual(first, second)
    }

    func testAStampNotInTheUsualFormIsLeftAlone() throws {
        let odd = "<</CreationDate (D:2026)>>"
        var data = Data(odd.utf8)
        XCTAssertEqual(PDFDates.pin(&data, to: try XCTUnwrap(Day(year: 2019, month: 1, day: 1))), 0)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), odd)
    }
}
