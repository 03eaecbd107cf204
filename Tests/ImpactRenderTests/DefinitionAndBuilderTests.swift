import XCTest
import ImpactCore
@testable import ImpactRender

final class DefinitionAndBuilderTests: XCTestCase {
    func testUnknownKeyIsRejectedAtItsLine() {
        let node = tree(["title": "T", "headline": [["metric": "m", "label": "l", "rond": ["down": 10]] as KeyValuePairs<String, Any>] as [Any]] as KeyValuePairs<String, Any>)
        XCTAssertThrowsError(try FactSheetDefinition.decode(node: node)) { error in
            let error = error as? ConfigError
            XCTAssertEqual(error?.line, 7)
            XCTAssertTrue(error?.message.contains("unknown key 'rond'") ?? false, "\(String(describing: error))")
        }
    }

    func testBadValuesAreConfigErrors() {
        let cases: [(KeyValuePairs<String, Any>, String)] = [
            (["title": "T", "template": "../x"], "plain name"),
            (["title": "T", "suppress_below": 0], "suppress_below"),
            (["title": "T", "locale": "fr"], "unknown locale"),
            (["title": "T", "headline": [["metric": "m", "label": "l", "wording": "about"] as KeyValuePairs<String, Any>] as [Any]], "wording"),
            (["title": "T", "milestones": [["year": 2000, "first": "m", "text": "x"] as KeyValuePairs<String, Any>] as [Any]], "exactly one"),
            (["title": "T", "milestones": [["reach": "m", "text": "x"] as KeyValuePairs<String, Any>] as [Any]], "value"),
            (["heading": "no title"], "needs 'title'"),
        ]
        for (fields, expected) in cases {
            XCTAssertThrowsError(try FactSheetDefinition.decode(node: tree(fields))) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error) should mention \(expected)")
            }
        }
    }

    func testUnknownMetricIsAConfigErrorWithItsLine() throws {
        var definition = try FactSheetDefinition.decode(node: MumbaiFixture.node)
        definition.headline[1].metric = "criminals_restrainted"
        XCTAssertThrowsError(try FactSheetBuilder.build(definition: definition, results: MumbaiFixture.results,
                                                        asOf: MumbaiFixture.asOf, locale: .en)) { error in
            let error = error as? ConfigError
            XCTAssertEqual(error?.line, definition.headline[1].line)
            XCTAssertTrue(error?.message.contains("criminals_restrainted") ?? false)
        }
    }

    func testQuoteWithoutConsentIsDroppedWithAWarning() throws {
        var definition = try FactSheetDefinition.decode(node: MumbaiFixture.node)
        definition.quote?.consent = false
        let (sheet, warnings) = try FactSheetBuilder.build(definition: definition, results: MumbaiFixture.results,
                                                           asOf: MumbaiFixture.asOf, locale: .en)
        XCTAssertNil(sheet.quote)
        XCTAssertEqual(warnings.map(\.check), ["factsheet.quote_without_consent"])
        let text = try TextRenderer(templatesDirectory: MumbaiFixture.templates).render(sheet)
        XCTAssertFalse(text.contains("Sani"))
        XCTAssertFalse(text.contains("pseudonym"))
    }

    func testSmallHeadlineTotalGivesAWarningNamingIt() throws {
        var definition = FactSheetDefinition(title: "T")
        definition.headline = [HeadlineDefinition(metric: "convictions", label: "convictions", line: 4)]
        var results = MumbaiFixture.results
        results["convictions"]?.value = 7
        let (sheet, warnings) = try FactSheetBuilder.build(definition: definition, results: results, asOf: MumbaiFixture.asOf, locale: .en)
        XCTAssertEqual(sheet.headline.first?.published, "7", "headline totals are not suppressed")
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?.line, 4)
        XCTAssertTrue(warnings.first?.message.contains("'convictions'") ?? false)
    }

    /// A median over few records can be one person's own value: warned of like a small count,
    /// whatever the value; a maximum of days is not taken for a count of people.
    func testAHeadlineStatisticOfFewRecordsGivesAWarning() throws {
        var definition = FactSheetDefinition(title: "T")
        definition.headline = [HeadlineDefinition(metric: "days", label: "days from arrest to verdict", line: 5)]
        for (aggregate, matched, warned) in [("median(days(arrest_date, verdict_date))", 3, true),
                                             ("max(days(arrest_date, verdict_date))", 3, true),
                                             ("median(days(arrest_date, verdict_date))", 40, false)] {
            let provenance = MetricProvenance(source: "suspects", aggregate: aggregate, filter: nil, since: nil,
                                              until: MumbaiFixture.asOf, by: [], rowsRead: 50, rowsMatched: matched)
            var results = MumbaiFixture.results
            results["days"] = MetricResult(name: "days", provenance: provenance, value: 412, isInteger: aggregate.hasPrefix("max"))
            let (sheet, warnings) = try FactSheetBuilder.build(definition: definition, results: results, asOf: MumbaiFixture.asOf, locale: .en)
            XCTAssertEqual(sheet.headline.first?.published, "412", "a headline is warned of, not hidden")
            XCTAssertEqual(warnings.map(\.line), warned ? [5] : [], aggregate)
            if warned {
                XCTAssertTrue(warnings.first?.message.contains("over \(matched) records, fewer than the suppression threshold") ?? false,
                              warnings.first?.message ?? "")
            }
        }
    }

    func testMilestonesSortedAndUnmetOnesLeftOutWithAWarning() throws {
        var definition = FactSheetDefinition(title: "T")
        definition.milestones = [
            MilestoneDefinition(kind: .fixed(year: 2014), text: "Invited", detail: nil, line: 1),
            MilestoneDefinition(kind: .ladder(metric: "survivors_rescued", values: [100, 250, 1000]), text: "{nth} survivor brought to safety", detail: nil, line: 2),
            MilestoneDefinition(kind: .reach(metric: "survivors_rescued", value: 700), text: "700 survivors", detail: nil, line: 3),
            MilestoneDefinition(kind: .fixed(year: 2000), text: "Opens", detail: nil, line: 4),
        ]
        let (sheet, warnings) = try FactSheetBuilder.build(definition: definition, results: MumbaiFixture.results,
                                                           asOf: MumbaiFixture.asOf, locale: .en)
        XCTAssertEqual(sheet.milestones.map { "\($0.year) \($0.text)" },
                       ["2000 Opens", "2004 100th survivor brought to safety", "2007 250th survivor brought to safety", "2014 Invited"])
        XCTAssertEqual(warnings.map(\.line), [2, 3])
        XCTAssertTrue(warnings.allSatisfy { $0.check == "factsheet.milestone_not_reached" })
    }

    func testLocaleOfTheSectionWinsOverThePipelines() throws {
        var definition = FactSheetDefinition(title: "T")
        definition.headline = [HeadlineDefinition(metric: "officials_trained", label: "trained")]
        var results = MumbaiFixture.results
        results["officials_trained"]?.value = 120_000
        let (pipelineLocale, _) = try FactSheetBuilder.build(definition: definition, results: results, asOf: MumbaiFixture.asOf, locale: .enIN)
        XCTAssertEqual(pipelineLocale.headline.first?.published, "1,20,000")
        definition.locale = .en
        let (sectionLocale, _) = try FactSheetBuilder.build(definition: definition, results: results, asOf: MumbaiFixture.asOf, locale: .enIN)
        XCTAssertEqual(sectionLocale.headline.first?.published, "120,000")
    }

    func testProseBecomesParagraphsListsAndBold() {
        let blocks = ProseParser.blocks("First **bold** line\ncontinues.\n\n- one\n- two **b**\n\nLast ** unpaired")
        XCTAssertEqual(blocks.map(\.isList), [false, true, false])
        XCTAssertEqual(blocks[0].spans, [Span(text: "First ", bold: false), Span(text: "bold", bold: true), Span(text: " line continues.", bold: false)])
        XCTAssertEqual(blocks[1].items.map(\.plain), ["one", "two b"])
        XCTAssertEqual(blocks[2].plain, "Last ** unpaired")
    }

    func testTextWrapperKeepsHangingIndents() {
        let wrapper = TextWrapper(width: 30)
        XCTAssertEqual(wrapper.wrap("- one two three four five six seven eight"), "- one two three four five six\n  seven eight")
        XCTAssertEqual(wrapper.wrap("2004  First conviction in a case the office supported"),
                       "2004  First conviction in a\n      case the office\n      supported")
        XCTAssertEqual(wrapper.wrap("short"), "short")
    }

    func testOrdinalSuffixesForMilestoneText() {
        XCTAssertEqual([1, 2, 3, 4, 11, 12, 13, 21, 102, 111, 1000].map { "\($0)" + TextColumns.ordinalSuffix($0) },
                       ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "102nd", "111th", "1000th"])
    }
}
