import XCTest
import ImpactCore

/// Groups of a breakdown that are one value written differently are told, with the value
/// map that makes them one; groups that differ otherwise are not.
final class GroupSpellingsTests: XCTestCase {
    func testSpellingsEqualButForCaseAndSpacesAreOneValue() {
        XCTAssertEqual(GroupSpellings.variants(["Mumbai", "mumbai", "Pune", "MUMBAI", "Navi Mumbai", "Navi  Mumbai"],
                                               weights: [5, 1, 3, 1, 1, 1]),
                       [["Mumbai", "mumbai", "MUMBAI"], ["Navi Mumbai", "Navi  Mumbai"]])
        XCTAssertEqual(GroupSpellings.variants(["Pune", "Thane", "Mumbai"]), [], "different values")
        XCTAssertEqual(GroupSpellings.variants(["MUMBAI", "mumbai", "Mumbai"]).first?.first, "Mumbai",
                       "on a tie, neither all capitals nor all small letters")
        XCTAssertEqual(GroupSpellings.variants(["mumbai", "Mumbai"], weights: [9, 1]).first?.first, "mumbai",
                       "the most common spelling first")
    }

    func testTheAdviceIsAValueMapThatReads() {
        XCTAssertEqual(GroupSpellings.advice(field: "office", spellings: ["Navi Mumbai", "Navi  Mumbai", "navi mumbai"]),
                       "the office values 'Navi Mumbai', 'Navi  Mumbai' and 'navi mumbai' differ only in case or spaces "
                       + "and are counted apart; make them one with the field's value map, office: { column: ..., values: "
                       + "{ Navi Mumbai: [\"Navi  Mumbai\", navi mumbai] } }, or correct the export")
    }

    func testARunTellsEachSourceFieldOnceForAllItsMetrics() {
        func result(_ name: String, by: [String], _ groups: [([String], Double)]) -> MetricResult {
            MetricResult(name: name, provenance: MetricProvenance(source: "rescues", aggregate: "count(rows)", filter: nil,
                                                                  since: nil, until: Day(year: 2019, month: 12, day: 31)!,
                                                                  by: by, rowsRead: 9, rowsMatched: 9),
                         value: 9, isInteger: true, groups: groups.map { GroupRow(keys: $0.0, value: $0.1) })
        }
        let warnings = GroupSpellings.warnings([
            result("by_office", by: ["office"], [(["Mumbai"], 4), (["mumbai"], 1), (["Pune"], 2)]),
            result("by_year_office", by: ["year(date)", "office"], [(["2014", "Mumbai"], 4), (["2014", "mumbai"], 1)]),
            result("by_year", by: ["year(date)"], [(["2014"], 4), (["2015"], 1)]),
        ])
        XCTAssertEqual(warnings.count, 1, "\(warnings)")
        XCTAssertTrue(warnings.first?.hasPrefix("metrics 'by_office', 'by_year_office' (source 'rescues'): the office values 'Mumbai' and 'mumbai'") ?? false,
                      "\(warnings)")
    }
}
