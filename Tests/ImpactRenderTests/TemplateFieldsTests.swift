import XCTest
import Mustache
@testable import ImpactRender

/// Templates read the fact sheet through each model type's table of fields
/// (`TemplateFields`), not by reflection: every stored property must be in the
/// table, with the value reflection would give (an optional unwrapped once).
final class TemplateFieldsTests: XCTestCase {
    func testEveryStoredPropertyIsATemplateField() throws {
        var sheet = try MumbaiFixture.sheet().0
        // The Mumbai brochure has no table rows' totals: one, so that the walk meets every type.
        if var table = sheet.tables.first, let row = table.rows.first {
            table.totals = row
            sheet.tables[0] = table
        }
        var seen = Set<String>()
        walk(sheet, path: "sheet", seen: &seen)
        XCTAssertEqual(seen, ["FactSheet", "PublishedFigure", "Span", "TextBlock", "ListItem", "Fact", "SourceNote",
                              "Quote", "Section", "Milestone", "Chart", "ChartBar", "ChartGridline", "PublishedTable",
                              "TableRow", "TableCell"], "the walk met every model type")
        XCTAssertNil(sheet.child(named: "noSuchField"), "an unknown name is no value, so the engine looks further out")
    }

    func testEveryStoredPropertyOfTheMonthlyReportIsATemplateField() {
        let cell = MonthlyCell(text: "12", hidden: false)
        let row = MonthlyRow(metric: "rescued", label: "survivors", month: cell, previousMonth: cell,
                             changeOnMonth: cell, changeOnMonthPercent: cell, lastYear: cell, changeOnYear: cell,
                             changeOnYearPercent: cell, yearToDate: cell)
        let report = MonthlyReport(
            template: "monthly", title: "Monthly", place: nil, month: "2019-11", monthText: "November 2019",
            previousMonthText: "October 2019", lastYearText: "November 2018", yearToDateText: "January-November 2019",
            asOf: "2019-12-31", asOfText: "31 December 2019", locale: "en-IN", rows: [row], textLines: ["a line"],
            quality: [QualityRow(source: "rescues", read: "10", accepted: "9", rejected: "1",
                                 checks: [QualityRow.Check(check: "range", rows: "1")])],
            revisions: [Revision(metric: "rescued", label: "survivors", month: "2019-10", monthText: "October 2019",
                                 was: "10", now: "11")],
            comparedWithPrevious: true, suppressBelow: 11, suppressionNote: "fewer than 11")
        var seen = Set<String>()
        walk(report, path: "report", seen: &seen)
        XCTAssertEqual(seen, ["MonthlyReport", "MonthlyRow", "MonthlyCell", "QualityRow", "Check", "Revision"])
    }

    /// Compares `value`'s fields with what reflection gives, then walks into them.
    private func walk(_ value: Any, path: String, seen: inout Set<String>) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first?.value { walk(wrapped, path: path, seen: &seen) }
        case .collection:
            for (index, child) in mirror.children.enumerated() { walk(child.value, path: "\(path)[\(index)]", seen: &seen) }
        case .struct:
            guard let parent = value as? MustacheParent else {
                XCTFail("\(path): \(type(of: value)) is read by templates but has no table of fields")
                return
            }
            seen.insert(String(describing: type(of: value)))
            for child in mirror.children {
                guard let label = child.label else { continue }
                let reflected: Any? = Mirror(reflecting: child.value).displayStyle == .optional
                    ? Mirror(reflecting: child.value).children.first?.value : child.value
                let field = parent.child(named: label)
                XCTAssertEqual(field.map { String(describing: $0) }, reflected.map { String(describing: $0) },
                               "\(path).\(label)")
                walk(child.value, path: "\(path).\(label)", seen: &seen)
            }
        default:
            break
        }
    }
}
