import XCTest
import ImpactCore

/// Builds metric definitions the way the pipeline loader would, from key/value
/// pairs; the metric's name sits on line 1 and each key on the next lines (2, 3, ...).
func defineMetric(_ name: String, _ pairs: [(String, String)]) throws -> MetricDefinition {
    var entries: [(key: String, value: ConfigNode)] = []
    for (index, pair) in pairs.enumerated() {
        entries.append((pair.0, .scalar(pair.1, line: index + 2)))
    }
    return try MetricDefinition.decode(name: name, node: .mapping(entries, line: 1))
}

let until2019 = ReportingPeriod(since: nil, until: Day(iso: "2019-12-31")!)

/// Runs definitions over the fixtures in one pass and returns the results by name.
func runMetrics(_ definitions: [MetricDefinition], rescues: [Record] = Fixture.sample, suspects: [Record] = [],
                period: ReportingPeriod = until2019) throws -> [String: MetricResult] {
    var engine = try MetricEngine(definitions: definitions,
                                  schemas: ["rescues": Fixture.rescues, "suspects": Fixture.suspects], period: period)
    for record in rescues { engine.fold(source: "rescues", record: record) }
    for record in suspects { engine.fold(source: "suspects", record: record) }
    var out: [String: MetricResult] = [:]
    for result in engine.results() { out[result.name] = result }
    return out
}

/// "label=value" per series point, for compact expectations.
func points(_ series: [SeriesPoint]) -> [String] {
    series.map { "\($0.period.label)=\(QueryTable.format($0.value))" }
}

func groups(_ rows: [GroupRow]) -> [String] {
    rows.map { $0.keys.joined(separator: "/") + "=" + QueryTable.format($0.value) }
}
