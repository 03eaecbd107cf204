import XCTest
import ImpactCore

final class MetricConfigTests: XCTestCase {
    /// Each mistake in a metric's entry is reported at the line of the key at fault.
    func testDecodeErrorsNameTheLine() throws {
        let cases: [([(String, String)], Int, String)] = [
            ([("from", "rescues"), ("count", "rows"), ("wher", "age < 18")], 4, "unknown key 'wher'"),
            ([("from", "rescues")], 1, "needs one aggregate"),
            ([("from", "rescues"), ("count", "rows"), ("sum", "age")], 4, "two aggregates"),
            ([("count_distinct", "person_id")], 1, "needs 'from: SOURCE'"),
            ([("from", "rescues"), ("count", "suspects")], 3, "write count: rows"),
            ([("from", "rescues"), ("count", "rows"), ("periods", "week")], 4, "year, quarter, month or fiscal_year"),
            ([("from", "rescues"), ("count", "rows"), ("where", "age <")], 4, "column 6"),
            ([("from", "rescues"), ("count", "rows"), ("by", "year(date")], 4, "expected ')'"),
            ([("from", "rescues"), ("count", "rows"), ("periods", "year"), ("fiscal_year_start", "13")], 5, "1 to 12"),
            ([("from", "rescues"), ("count", "rows"), ("fiscal_year_start", "4")], 4, "needs periods: fiscal_year"),
        ]
        for (pairs, line, fragment) in cases {
            do {
                _ = try defineMetric("m", pairs)
                XCTFail("decoded: \(pairs)")
            } catch let error as ConfigError {
                XCTAssertEqual(error.line, line, "\(pairs)")
                XCTAssertTrue(error.message.contains(fragment), "\(pairs): \(error.message)")
            }
        }
    }

    func testBandsAndListsDecode() throws {
        let node = ConfigNode.mapping([
            (key: "from", value: .scalar("rescues", line: 2)),
            (key: "count", value: .scalar("rows", line: 3)),
            (key: "by", value: .sequence([.scalar("year(date)", line: 4), .scalar("age_band(age)", line: 5)], line: 4)),
            (key: "bands", value: .sequence([.scalar("0-9", line: 6), .scalar("10-17", line: 7), .scalar("18+", line: 8)], line: 6)),
        ], line: 1)
        let definition = try MetricDefinition.decode(name: "m", node: node)
        XCTAssertEqual(definition.by.map(\.text), ["year(date)", "age_band(age)"])
        XCTAssertEqual(definition.bands.map(\.label), ["0-9", "10-17", "18+"])
        let overlapping = ConfigNode.mapping([
            (key: "from", value: .scalar("rescues", line: 2)),
            (key: "count", value: .scalar("rows", line: 3)),
            (key: "bands", value: .sequence([.scalar("0-12", line: 4), .scalar("12+", line: 5)], line: 4)),
        ], line: 1)
        XCTAssertThrowsError(try MetricDefinition.decode(name: "m", node: overlapping)) { error in
            XCTAssertEqual((error as? ConfigError)?.line, 4)
        }
    }

    /// Names checked against the schemas, at the line of the key that uses them.
    func testEngineErrorsNameTheMetricAndLine() throws {
        let cases: [([(String, String)], Int, String)] = [
            ([("from", "rescue"), ("count", "rows")], 2, "'rescue', which is not a source; sources: rescues, suspects"),
            ([("from", "rescues"), ("count_distinct", "person")], 3, "unknown field 'person'"),
            ([("from", "rescues"), ("sum", "office")], 3, "needs a number field"),
            ([("from", "rescues"), ("count", "rows"), ("where", "ofice == 'x'")], 4, "unknown field 'ofice'"),
            ([("from", "rescues"), ("count", "rows"), ("by", "year(office)")], 4, "needs a date field"),
            ([("from", "rescues"), ("count", "rows"), ("by", "year(date), month(date)")], 4, "two periods"),
            ([("from", "rescues"), ("count", "rows"), ("by", "year(date)"), ("periods", "month")], 5, "both 'periods'"),
            ([("from", "suspects"), ("count", "rows"), ("by", "year(verdict_date)"), ("date", "arrest_date")], 5, "use one date field"),
            ([("from", "rescues"), ("count", "rows"), ("date", "office")], 4, "must name a date field"),
            ([("from", "rescues"), ("count", "rows"), ("by", "year")], 4, "a period is written with its date field, year(date)"),
            ([("from", "rescues"), ("count", "rows"), ("by", "age_band")], 4, "age bands are written with the age field, age_band(age)"),
        ]
        for (pairs, line, fragment) in cases {
            let definition = try defineMetric("m", pairs)
            do {
                _ = try runMetrics([definition])
                XCTFail("accepted: \(pairs)")
            } catch let error as ConfigError {
                XCTAssertEqual(error.line, line, "\(pairs)")
                XCTAssertTrue(error.message.contains(fragment), "\(pairs): \(error.message)")
                XCTAssertTrue(error.message.contains("metric 'm'"), error.message)
            }
        }
    }

    func testRatioMustNameTwoNonRatioMetrics() throws {
        func ratio(_ name: String, _ numerator: String, _ denominator: String) throws -> MetricDefinition {
            try MetricDefinition.decode(name: name, node: .mapping([
                (key: "ratio", value: .mapping([
                    (key: "numerator", value: .scalar(numerator, line: 3)),
                    (key: "denominator", value: .scalar(denominator, line: 4)),
                ], line: 2)),
            ], line: 1))
        }
        let count = try defineMetric("rows", [("from", "rescues"), ("count", "rows")])
        XCTAssertThrowsError(try runMetrics([count, try ratio("r", "rows", "nothing")])) { error in
            XCTAssertTrue("\(error)".contains("names no metric: 'nothing'"), "\(error)")
        }
        XCTAssertThrowsError(try runMetrics([count, try ratio("r", "rows", "rows"), try ratio("rr", "r", "rows")])) { error in
            XCTAssertTrue("\(error)".contains("itself a ratio"), "\(error)")
        }
        let withWhere = ConfigNode.mapping([
            (key: "ratio", value: .mapping([(key: "numerator", value: .scalar("a", line: 3)), (key: "denominator", value: .scalar("b", line: 4))], line: 2)),
            (key: "where", value: .scalar("age < 18", line: 5)),
        ], line: 1)
        XCTAssertThrowsError(try MetricDefinition.decode(name: "r", node: withWhere)) { error in
            XCTAssertEqual((error as? ConfigError)?.line, 5)
        }
        let unity = try XCTUnwrap(try runMetrics([count, try ratio("r", "rows", "rows")])["r"])
        XCTAssertEqual(unity.value, 1)
    }
}
