import XCTest
import ImpactCore

final class PublishRoundingTests: XCTestCase {
    func testRoundingNeverOverstatesAndMarksOnlyWhatWasCut() {
        let table: [(exact: Double, rule: RoundingRule, wording: RoundingWording, expected: String)] = [
            (643, .down(step: 10), .plus, "640+"),
            (647, .down(step: 10), .plus, "640+"),
            (24_812, .down(step: 100), .plus, "24,800+"),
            (24_861, .significant(digits: 3), .plus, "24,800+"),
            (940, .none, .plus, "940"),
            (940, .down(step: 10), .plus, "940"),
            (178, .none, .plus, "178"),
            (178, .significant(digits: 3), .plus, "178"),
            (178, .significant(digits: 5), .plus, "178"),
            (999, .significant(digits: 1), .plus, "900+"),
            (9, .down(step: 10), .plus, "0+"),
            (0, .significant(digits: 2), .plus, "0"),
            (643, .down(step: 10), .over, "over 640"),
            (940, .none, .over, "940"),
            (940, .down(step: 100), .over, "over 900"),
            (0.734, .none, .plus, "0.7+"),
            (0.73, .significant(digits: 2), .plus, "0.73"),
            (12.5, .none, .plus, "12.5"),
            (-12, .down(step: 10), .plus, "-12"),
        ]
        for row in table {
            let figure = RoundedFigure(exact: row.exact, rule: row.rule, wording: row.wording)
            XCTAssertEqual(figure.text(.en), row.expected, "\(row.exact) \(row.rule)")
            XCTAssertLessThanOrEqual(figure.published, max(row.exact, figure.exact), "never above the exact value")
            XCTAssertEqual(figure.wasCut, figure.published != row.exact, "\(row.exact): marked exactly when cut")
        }
    }

    func testOverIsOnlyUsedWhenTheExactValueIsGreater() {
        for exact in stride(from: 630.0, through: 650.0, by: 1) {
            let figure = RoundedFigure(exact: exact, rule: .down(step: 10), wording: .over)
            let text = figure.text(.en)
            if text.hasPrefix("over ") {
                XCTAssertGreaterThan(exact, figure.published, text)
            } else {
                XCTAssertEqual(figure.published, exact, text)
            }
        }
    }

    func testRuleSummaryAndExactText() {
        XCTAssertEqual(RoundingRule.down(step: 10).summary, "rounded down to a multiple of 10")
        XCTAssertEqual(RoundingRule.significant(digits: 3).summary, "rounded down to 3 significant figures")
        XCTAssertEqual(RoundingRule.none.summary, "exact")
        XCTAssertEqual(RoundedFigure(exact: 24_861, rule: .significant(digits: 3)).exactText(.enIN), "24,861")
        XCTAssertEqual(RoundedFigure(exact: 0.734, rule: .none).exactText(.en), "0.734")
    }

    func testUnwritableValueIsNotAvailable() {
        XCTAssertEqual(RoundedFigure(exact: .nan, rule: .none).text(.en), "not available")
        XCTAssertEqual(RoundedFigure(exact: .infinity, rule: .down(step: 10)).text(.en), "not available")
    }
}
