import ImpactCore

/// Turns milestone definitions into timeline entries: fixed events as written,
/// data events where the data shows them, sorted by year (ties keep file order).
struct MilestoneFinder {
    let results: MetricLookup
    let locale: NumberLocale

    func milestones(_ definitions: [MilestoneDefinition]) throws(ConfigError) -> ([Milestone], [FactSheetWarning]) {
        var found: [(year: Int, order: Int, milestone: Milestone)] = []
        var warnings: [FactSheetWarning] = []
        for definition in definitions {
            switch definition.kind {
            case .fixed(let year):
                found.append((year, found.count, Milestone(year: String(year), text: definition.text,
                                                           detail: definition.detail, fromData: false, metric: nil)))
            case .first(let name):
                let metric = try seriesMetric(name, definition)
                if let period = metric.firstNonZeroPeriod() {
                    found.append(entry(period, definition, text: definition.text, metric: name, order: found.count))
                } else {
                    warnings.append(notReached(definition, "'\(name)' is never above zero"))
                }
            case .reach(let name, let value):
                let metric = try seriesMetric(name, definition)
                if let period = metric.periodReaching(Double(value)) {
                    found.append(entry(period, definition, text: fill(definition.text, value), metric: name, order: found.count))
                } else {
                    warnings.append(notReached(definition, "'\(name)' never reaches \(locale.format(value))"))
                }
            case .ladder(let name, let values):
                let metric = try seriesMetric(name, definition)
                for value in values {
                    if let period = metric.periodReaching(Double(value)) {
                        found.append(entry(period, definition, text: fill(definition.text, value), metric: name, order: found.count))
                    } else {
                        warnings.append(notReached(definition, "'\(name)' never reaches \(locale.format(value))"))
                    }
                }
            }
        }
        found.sort { ($0.year, $0.order) < ($1.year, $1.order) }
        return (found.map(\.milestone), warnings)
    }

    private func seriesMetric(_ name: String, _ definition: MilestoneDefinition) throws(ConfigError) -> MetricResult {
        let metric = try results.metric(name, line: definition.line, use: "milestone")
        if metric.series.isEmpty, metric.cumulative.isEmpty, let value = metric.value, value != 0 {
            throw ConfigError(line: definition.line,
                              "milestone metric '\(name)' has no series: give it a period breakdown such as by: year(date)")
        }
        return metric
    }

    private func entry(_ period: Period, _ definition: MilestoneDefinition, text: String, metric: String, order: Int)
        -> (year: Int, order: Int, milestone: Milestone) {
        let label: String
        if case .fiscalYear = period.kind { label = period.label } else { label = String(period.start.year) }
        return (period.start.year, order, Milestone(year: label, text: text, detail: definition.detail, fromData: true, metric: metric))
    }

    private func notReached(_ definition: MilestoneDefinition, _ why: String) -> FactSheetWarning {
        FactSheetWarning(line: definition.line, check: "factsheet.milestone_not_reached",
                         message: "milestone '\(definition.text)' is left out: \(why) by the as-of date")
    }

    /// `{n}` -> 500, `{nth}` -> 500th.
    private func fill(_ text: String, _ value: Int) -> String {
        let number = locale.format(value)
        return text.components(separatedByString: "{nth}").joined(separator: number + TextColumns.ordinalSuffix(value))
            .components(separatedByString: "{n}").joined(separator: number)
    }
}

/// The metric results by name; an unknown name is a mistake in the pipeline file.
struct MetricLookup {
    let results: [String: MetricResult]

    func metric(_ name: String, line: Int, use: String) throws(ConfigError) -> MetricResult {
        guard let metric = results[name] else {
            let known = results.keys.sorted().joined(separator: ", ")
            throw ConfigError(line: line, "\(use) names metric '\(name)', which the pipeline does not define; its metrics: \(known.isEmpty ? "none" : known)")
        }
        return metric
    }
}
