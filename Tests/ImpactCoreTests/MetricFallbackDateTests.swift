import ImpactCore
import XCTest

/// `date: [arrest_date, verdict_date]`: a row is placed in the window by the
/// first of the listed dates that it has ("arrested, or else charged, in the period").
final class MetricFallbackDateTests: XCTestCase {
    private func metric(_ date: String) throws -> MetricDefinition {
        var entries: [(key: String, value: ConfigNode)] = [
            ("count_distinct", .scalar("suspect_id", line: 2)), ("from", .scalar("suspects", line: 3)),
        ]
        entries.append(("date", date.hasPrefix("[")
            ? .sequence(date.dropFirst().dropLast().split(separator: ",").map { .scalar($0.trimmingCharacters(in: .whitespaces), line: 4) }, line: 4)
            : .scalar(date, line: 4)))
        return try MetricDefinition.decode(name: "restrained", node: .mapping(entries, line: 1))
    }

    private let suspects = [
        Fixture.suspect(2, "S1", arrested: "2010-03-01", verdict: nil, on: nil),
        Fixture.suspect(3, "S2", arrested: nil, verdict: "convicted", on: "2012-05-01"),   // no arrest date: falls back
        Fixture.suspect(4, "S3", arrested: nil, verdict: nil, on: nil),                     // no date at all: left out
        Fixture.suspect(5, "S4", arrested: "2021-01-01", verdict: "convicted", on: "2015-01-01"), // arrest after the window: first date wins
    ]

    func testTheFirstPresentDatePlacesTheRow() throws {
        let withFallback = try runMetrics([try metric("[arrest_date, verdict_date]")], rescues: [], suspects: suspects)
        XCTAssertEqual(withFallback["restrained"]?.value, 2, "S1 by its arrest, S2 by its verdict date")
        let arrestOnly = try runMetrics([try metric("arrest_date")], rescues: [], suspects: suspects)
        XCTAssertEqual(arrestOnly["restrained"]?.value, 1, "without the fallback, S2 has no window date")
    }

    func testAFallbackThatIsNotADateIsAnErrorAtItsLine() throws {
        XCTAssertThrowsError(try runMetrics([try metric("[arrest_date, suspect_id]")], rescues: [], suspects: suspects)) { error in
            let config = error as? ConfigError
            XCTAssertEqual(config?.line, 4)
            XCTAssertTrue(config?.message.contains("suspect_id") ?? false, "\(error)")
        }
    }
}
