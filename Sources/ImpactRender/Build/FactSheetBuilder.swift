import ImpactCore

/// Builds the `FactSheet` that templates see from a definition and exact metric results.
///
/// Headline figures are rounded down (never overstated), breakdowns suppressed,
/// the quote dropped without consent, and milestones found in the data. What the
/// team should know about is returned as warnings; what is wrong in the pipeline
/// file (an unknown metric) is thrown with its line.
public enum FactSheetBuilder {
    /// - Parameter locale: the pipeline's locale; the `factsheet:` section's own `locale` wins over it.
    public static func build(definition: FactSheetDefinition, results: [String: MetricResult], asOf: Day,
                             locale pipelineLocale: NumberLocale) throws(ConfigError) -> (FactSheet, [FactSheetWarning]) {
        let locale = definition.locale ?? pipelineLocale
        let lookup = MetricLookup(results: results)
        let k = definition.suppressBelow
        var warnings: [FactSheetWarning] = []

        var headline: [PublishedFigure] = []
        for item in definition.headline {
            let metric = try lookup.metric(item.metric, line: item.line, use: "headline figure '\(item.label)'")
            guard let exact = metric.value else {
                warnings.append(FactSheetWarning(line: item.line, check: "factsheet.no_value",
                                                 message: "headline '\(item.metric)' has no value (nothing to divide by, or no records) and prints as 'not available'"))
                headline.append(PublishedFigure(metric: item.metric, label: item.label, exact: nil, exactText: "not available",
                                                published: "not available", rule: item.rounding.summary, wasCut: false, paddedPublished: ""))
                continue
            }
            let figure = RoundedFigure(exact: exact, rule: item.rounding, wording: item.wording)
            if MetricResult.isStatisticOfRecords(metric.provenance.aggregate) {
                // A mean, median, minimum or maximum: small when taken over few records, whatever its value.
                if metric.provenance.rowsMatched < k {
                    warnings.append(FactSheetWarning(line: item.line, check: "factsheet.small_headline",
                                                     message: "headline '\(item.metric)' is \(metric.provenance.aggregate) over \(metric.provenance.rowsMatched) records, fewer than the suppression threshold of \(k): it can be one person's own value; publish it only on purpose"))
                }
            } else if metric.isInteger, exact > 0, exact < Double(k) {
                warnings.append(FactSheetWarning(line: item.line, check: "factsheet.small_headline",
                                                 message: "headline '\(item.metric)' is \(figure.exactText(locale)), below the suppression threshold of \(k): it counts a small group of people; publish it only on purpose"))
            }
            headline.append(PublishedFigure(metric: item.metric, label: item.label, exact: exact, exactText: figure.exactText(locale),
                                            published: figure.text(locale), rule: item.rounding.summary, wasCut: figure.wasCut,
                                            paddedPublished: ""))
        }
        let widest = headline.map(\.published.count).max() ?? 0
        for index in headline.indices {
            let text = headline[index].published
            headline[index].paddedPublished = String(repeating: " ", count: widest - text.count) + text
        }

        var facts: [Fact] = []
        var notes: [SourceNote] = []
        for (index, item) in definition.facts.enumerated() {
            let number = index + 1
            let spans = ProseParser.spans(item.text.split(separator: "\n").map { $0.trimmingSpaces() }.joined(separator: " "))
            facts.append(Fact(number: number, marker: TextColumns.superscript(number), figure: item.figure,
                              spans: spans, plain: ProseParser.plain(spans), source: item.source))
            notes.append(SourceNote(number: number, marker: TextColumns.superscript(number), source: item.source))
        }

        var quote: Quote?
        if let item = definition.quote {
            if item.consent {
                quote = Quote(text: item.text, by: item.by, role: item.role, pseudonym: item.pseudonym)
            } else {
                warnings.append(FactSheetWarning(line: item.line, check: "factsheet.quote_without_consent",
                                                 message: "the quote by '\(item.by)' is not published: it needs consent: true"))
            }
        }

        let finder = MilestoneFinder(results: lookup, locale: locale)
        let (milestones, milestoneWarnings) = try finder.milestones(definition.milestones)
        warnings += milestoneWarnings

        var chart: Chart?
        if let item = definition.chart {
            let metric = try lookup.metric(item.metric, line: item.line, use: "chart")
            chart = try ChartBuilder(locale: locale, threshold: k).chart(item, metric: metric)
        }
        var tables: [PublishedTable] = []
        for item in definition.tables {
            let metric = try lookup.metric(item.metric, line: item.line, use: "table '\(item.title)'")
            if let table = try TableBuilder(locale: locale, threshold: k).table(item, metric: metric) {
                tables.append(table)
            } else {
                warnings.append(FactSheetWarning(line: item.line, check: "factsheet.empty_table",
                                                 message: "table '\(item.title)' is left out: '\(item.metric)' has no rows"))
            }
        }
        let hasSuppressed = (chart?.hasSuppressed ?? false) || tables.contains { $0.hasSuppressed }
        let kText = locale.format(k)
        let sheet = FactSheet(
            template: definition.template ?? definition.layout,
            title: definition.title, titleUnderline: String(repeating: "=", count: definition.title.count),
            place: definition.place, heading: definition.heading,
            intro: ProseParser.blocks(definition.intro ?? ""),
            asOf: asOf.iso, asOfText: locale.format(asOf), locale: locale.identifier, paper: definition.paper,
            headline: headline, hasCutFigures: headline.contains { $0.wasCut },
            facts: facts, notes: notes, quote: quote,
            sections: definition.sections.map { Section(title: $0.title, blocks: ProseParser.blocks($0.body)) },
            milestones: milestones, chart: chart, tables: tables, suppressBelow: k, hasSuppressed: hasSuppressed,
            suppressionNote: hasSuppressed
                ? "To protect survivors, counts below \(kText) are shown as \"fewer than \(kText)\", and where a total would give such a count away, another count is not shown."
                : "")
        return (sheet, warnings)
    }
}
