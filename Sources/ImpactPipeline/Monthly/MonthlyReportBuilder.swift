import ImpactCore
import ImpactRender

/// Turns the monthly values into the published report and the figures that
/// the next run compares against.
enum MonthlyReportBuilder {
    static func build(definition: MonthlyDefinition, values: MonthlyValues, previous: MonthlyFigures?,
                      sources: [SourceReport], asOf: Day, locale: NumberLocale) -> (MonthlyReport, MonthlyFigures) {
        let cells = MonthlyCells(locale: locale, threshold: definition.suppressBelow)
        let month = values.month
        let previousMonth = month.adding(months: -1)
        let lastYear = month.adding(months: -12)
        var rows: [MonthlyRow] = []
        var figures: [MonthlyFigures.Figure] = []
        var hidYearToDate = false
        var hidStatistic = false
        for item in definition.items {
            let integer = values.isInteger(item.metric)
            let suppress = item.suppress ?? values.isCount(item.metric)
            let now = values.value(item.metric, in: month)
            let before = values.value(item.metric, in: previousMonth)
            let yearBefore = values.value(item.metric, in: lastYear)
            let ytd = values.yearToDate[item.metric]?.value
            // A mean, median, minimum or maximum of fewer records than the threshold: not shown
            // (unless the item says suppress: false), as a count that small is not.
            let statistic = item.suppress ?? true
            // `shown`: a cell of the report (its note then says why one is hidden), not only of figures.json.
            func cell(_ value: Double?, in window: CalendarMonth?, shown: Bool = true) -> MonthlyCell {
                if statistic, values.isFewRecordsStatistic(item.metric, in: window, threshold: definition.suppressBelow) {
                    if shown { hidStatistic = true }
                    return MonthlyCell(text: "not shown", hidden: true)
                }
                return cells.value(value, integer: integer, suppress: suppress)
            }
            let nowCell = cell(now, in: month), beforeCell = cell(before, in: previousMonth)
            let yearBeforeCell = cell(yearBefore, in: lastYear)
            var ytdCell = cell(ytd, in: nil)
            // Last month's report published the year to date before this month's: when some month
            // of the year added a small count, two reports' totals would give it back.
            if suppress, !ytdCell.hidden, values.yearToDateAdditions(item.metric).contains(where: {
                $0 > 0 && $0 < Double(definition.suppressBelow)
            }) {
                ytdCell = MonthlyCell(text: "not shown", hidden: true)
                hidYearToDate = true
            }
            let onMonth = cells.change(from: before, baseCell: beforeCell, to: now, currentCell: nowCell, integer: integer)
            let onYear = cells.change(from: yearBefore, baseCell: yearBeforeCell, to: now, currentCell: nowCell, integer: integer)
            rows.append(MonthlyRow(metric: item.metric, label: item.label, month: nowCell, previousMonth: beforeCell,
                                   changeOnMonth: onMonth.absolute, changeOnMonthPercent: onMonth.percent,
                                   lastYear: yearBeforeCell, changeOnYear: onYear.absolute,
                                   changeOnYearPercent: onYear.percent, yearToDate: ytdCell))
            for each in values.months {
                let value = values.value(item.metric, in: each)
                figures.append(.init(metric: item.metric, month: each, window: "month", exact: value, published: cell(value, in: each, shown: false).text))
            }
            figures.append(.init(metric: item.metric, month: month, window: "year_to_date", exact: ytd, published: ytdCell.text))
        }
        let published = MonthlyFigures(month: month, suppressBelow: definition.suppressBelow, figures: figures)
        var revisions: [Revision] = []
        if let previous {
            let labels = Dictionary(definition.items.map { ($0.metric, $0.label) }, uniquingKeysWith: { a, _ in a })
            for (old, new) in MonthlyRevisions.changed(previous: previous, current: published) {
                revisions.append(Revision(metric: new.metric, label: labels[new.metric] ?? new.metric, month: new.month.iso,
                                          monthText: new.month.text, was: old.published, now: new.published))
            }
        }
        let k = locale.format(definition.suppressBelow)
        let report = MonthlyReport(
            template: definition.template, title: definition.title, place: definition.place,
            month: month.iso, monthText: month.text, previousMonthText: previousMonth.text, lastYearText: lastYear.text,
            yearToDateText: month.month == 1 ? "\(month.text) (year to date)" : "January to \(month.text)",
            asOf: asOf.iso, asOfText: locale.format(asOf), locale: locale.identifier, rows: rows,
            textLines: textLines(rows, month: month, previousMonth: previousMonth, lastYear: lastYear,
                                 yearToDate: month.month == 1 ? "Year to date" : "January to \(Day.monthNames[month.month - 1])"),
            quality: quality(sources, locale: locale), revisions: revisions, comparedWithPrevious: previous != nil,
            suppressBelow: definition.suppressBelow,
            suppressionNote: "Counts from 1 to \(locale.format(definition.suppressBelow - 1)) are shown as \"fewer than \(k)\", and a change that would give such a count back as \"not shown\", so that no small group of people can be singled out."
                + (hidYearToDate ? " A year to date is \"not shown\" once a month of the year has added 1 to \(locale.format(definition.suppressBelow - 1)) to it, since the previous report's would give that month's count back." : "")
                + (hidStatistic ? " A mean, median, minimum or maximum of fewer than \(k) records is \"not shown\" either, since it can be one person's own value." : ""))
        return (report, published)
    }

    /// The figures as fixed-width lines: one block per metric, a line per period
    /// with the value and the change from that period to the reported month.
    static func textLines(_ rows: [MonthlyRow], month: CalendarMonth, previousMonth: CalendarMonth,
                          lastYear: CalendarMonth, yearToDate: String) -> [String] {
        let names = [month.text, previousMonth.text, lastYear.text, yearToDate]
        let nameWidth = names.map(\.count).max() ?? 0
        let valueWidth = max(5, rows.flatMap { [$0.month, $0.previousMonth, $0.lastYear, $0.yearToDate].map(\.text.count) }.max() ?? 0)
        let changeWidth = max(6, rows.flatMap { [$0.changeOnMonth, $0.changeOnYear].map(\.text.count) }.max() ?? 0)
        let percentWidth = max(8, rows.flatMap { [$0.changeOnMonthPercent, $0.changeOnYearPercent].map(\.text.count) }.max() ?? 0)
        func line(_ name: String, _ value: String, _ change: String, _ percent: String) -> String {
            let text = "  " + RunSummary.pad(name, nameWidth) + "  " + RunSummary.leftPad(value, valueWidth)
                + "  " + RunSummary.leftPad(change, changeWidth) + "  " + RunSummary.leftPad(percent, percentWidth)
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        var lines = [line("", "value", "change", "change %")]
        for row in rows {
            lines.append("")
            lines.append(row.label)
            lines.append(line(month.text, row.month.text, "", ""))
            lines.append(line(previousMonth.text, row.previousMonth.text, row.changeOnMonth.text, row.changeOnMonthPercent.text))
            lines.append(line(lastYear.text, row.lastYear.text, row.changeOnYear.text, row.changeOnYearPercent.text))
            lines.append(line(yearToDate, row.yearToDate.text, "", ""))
        }
        return lines
    }

    /// Rejected rows per source and check (a row failing two checks counts under both).
    static func quality(_ sources: [SourceReport], locale: NumberLocale) -> [QualityRow] {
        sources.map { source in
            let checks = source.summary.sorted.filter { $0.severity == .error }.map {
                QualityRow.Check(check: $0.check, rows: locale.format($0.count))
            }
            return QualityRow(source: source.name, read: locale.format(source.tally.read),
                              accepted: locale.format(source.tally.accepted), rejected: locale.format(source.tally.rejected),
                              checks: checks)
        }
    }
}
