import Foundation
import XCTest

/// "Survivors who secured justice": the survivors whose case ended in a conviction, a metric
/// over the rescues that looks the case up among the suspects (`matching:`), read before the
/// rescues are folded even when the suspects' own checks look the rescues up (a cycle the
/// reading order alone could not break). A conviction after the as-of date does not count.
final class MatchingRunTests: XCTestCase {
    func testSurvivorsWhoseCaseEndedInAConvictionAreCounted() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        try """
            person_id,case_id,date,office
            P1,C1,2020-01-05,Pune
            P2,C1,2020-01-05,Pune
            P3,C2,2020-03-01,Pune
            P4,C3,2021-02-01,Pune
            P1,C4,2021-06-01,Pune
            P5,,2021-07-01,Pune

            """.write(to: folder.appendingPathComponent("rescues.csv"), atomically: true, encoding: .utf8)
        try """
            suspect_id,case_id,arrest_date,verdict,verdict_date
            S1,C1,2020-01-06,convicted,2021-03-01
            S2,C2,2020-03-02,acquitted,2021-05-01
            S3,C3,2021-02-02,convicted,2023-01-10
            S4,C9,2021-02-02,convicted,2021-09-10
            S5,C2,2020-03-02,convicted,not a date

            """.write(to: folder.appendingPathComponent("suspects.csv"), atomically: true, encoding: .utf8)
        try """
            name: justice
            period: { since: 2020-01-01 }
            sources:
              rescues: { path: rescues.csv }
              suspects:
                path: suspects.csv
                checks:
                  - relationships: { field: case_id, to: rescues.case_id, severity: warning }
            metrics:
              secured_justice:
                count_distinct: person_id
                from: rescues
                matching:
                  field: case_id
                  in: suspects.case_id
                  where: verdict == "convicted"
                  date: verdict_date

            """.write(to: folder.appendingPathComponent("justice.yml"), atomically: true, encoding: .utf8)
        func figure(asOf: String) throws -> (Double?, String) {
            let run = try BinaryRunner.run(["run", "justice.yml", "--as-of", asOf, "--out", "out-\(asOf)"], in: folder)
            XCTAssertEqual(run.status, 0, run.stderr)
            let data = try Data(contentsOf: folder.appendingPathComponent("out-\(asOf)/figures.json"))
            let figures = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let metric = (figures?["metrics"] as? [[String: Any]])?.first { $0["name"] as? String == "secured_justice" }
            return (metric?["value"] as? Double, run.stdout + run.stderr)
        }
        let (now, log) = try figure(asOf: "2024-12-31")
        XCTAssertEqual(now, 3, "P1 and P2 (C1), P4 (C3); C2's conviction is a rejected row, C9 is no rescue's case")
        XCTAssertTrue(log.contains("suspects        5 read        4 accepted      1 rejected"), log)
        let (before, _) = try figure(asOf: "2022-12-31")
        XCTAssertEqual(before, 2, "C3 was convicted in 2023: not yet on the as-of date")
        let rejected = try String(contentsOf: folder.appendingPathComponent("out-2024-12-31/rejected/suspects.csv"), encoding: .utf8)
        XCTAssertEqual(rejected.split(whereSeparator: \.isNewline).count, 2, "the header and the one row, once: \(rejected)")
        XCTAssertTrue(rejected.contains("6,verdict_date,type,"), rejected)
    }
}
