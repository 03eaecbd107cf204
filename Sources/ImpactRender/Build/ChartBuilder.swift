import ImpactCore

/// Lays out a bar chart of a metric's series: one bar per period, counts below the
/// threshold hidden (with a complement, since the metric's total may be published).
struct ChartBuilder {
    static let width = 640
    static let height = 300
    static let left = 56.0, right = 12.0, top = 24.0, bottom = 28.0

    let locale: NumberLocale
    let threshold: Int

    func chart(_ definition: ChartDefinition, metric: MetricResult) throws(ConfigError) -> Chart {
        guard !metric.series.isEmpty else {
            throw ConfigError(line: definition.line,
                              "chart metric '\(metric.name)' has no series: give it a period breakdown such as by: year(date)")
        }
        let points = metric.series
        let cells: [SuppressedCell]
        if metric.isInteger {
            let table = SuppressedTable(counts: points.map { [Int($0.value.rounded(.towardZero))] }, threshold: threshold)
            cells = table.cells.map { $0[0] }
        } else {
            cells = points.map { _ in SuppressedCell(value: 0, reason: nil) }
        }
        let shownValues = zip(points, cells).compactMap { $1.isShown ? $0.value : nil }
        let (axisMax, step) = ChartBuilder.axis(maximum: shownValues.max() ?? 0)
        let plotWidth = Double(ChartBuilder.width) - ChartBuilder.left - ChartBuilder.right
        let plotHeight = Double(ChartBuilder.height) - ChartBuilder.top - ChartBuilder.bottom
        let baseline = ChartBuilder.top + plotHeight
        let slot = plotWidth / Double(points.count)
        let labelEvery = points.count > 12 ? 2 : 1
        var bars: [ChartBar] = []
        for (index, (point, cell)) in zip(points, cells).enumerated() {
            let valueText = metric.isInteger ? cell.text(locale, threshold: threshold)
                : RoundedFigure(exact: point.value, rule: .none).text(locale)
            let barHeight = cell.isShown && axisMax > 0 ? max(0, point.value) / axisMax * plotHeight : 0
            let x = ChartBuilder.left + slot * Double(index) + slot * 0.15
            let short: String
            switch cell.reason {
            case .small: short = "<" + locale.format(threshold)
            case .complementary: short = "–"
            case nil: short = valueText
            }
            bars.append(ChartBar(period: point.period.label, valueText: valueText, shortText: short, hidden: !cell.isShown,
                                 x: svg(x), y: svg(baseline - barHeight), width: svg(slot * 0.7), height: svg(barHeight),
                                 centerX: svg(x + slot * 0.35), valueY: svg(baseline - barHeight - 4),
                                 labelY: svg(baseline + 18), showLabel: index % labelEvery == 0))
        }
        var gridlines: [ChartGridline] = []
        var mark = 0.0
        while mark <= axisMax + step / 2, step > 0 {
            let y = baseline - (axisMax > 0 ? mark / axisMax * plotHeight : 0)
            gridlines.append(ChartGridline(y: svg(y), label: locale.format(Int(mark)), labelY: svg(y + 4)))
            mark += step
        }
        let valueHeading = "Count"
        let periodHeading = periodName(points[0].period.kind)
        let rows = [[periodHeading, valueHeading]] + bars.map { [$0.period, $0.valueText] }
        let first = points[0].period.label, last = points[points.count - 1].period.label
        let highest = zip(points, cells).filter { $1.isShown }.max { $0.0.value < $1.0.value }
        var description = "Bar chart of \(definition.title.lowercasedFirst()), one bar per \(periodHeading.lowercased()) from \(first) to \(last)."
        if let highest {
            description += " The highest is \(highest.0.period.label) with \(bars[points.firstIndex(of: highest.0) ?? 0].valueText)."
        }
        description += " The figures are in the table below the chart."
        return Chart(title: definition.title, metric: metric.name, description: description,
                     width: ChartBuilder.width, height: ChartBuilder.height, bars: bars, gridlines: gridlines,
                     baselineY: svg(baseline), plotLeft: svg(ChartBuilder.left),
                     plotRight: svg(Double(ChartBuilder.width) - ChartBuilder.right),
                     periodHeading: periodHeading, valueHeading: valueHeading,
                     textLines: TextColumns.lines(rows), hasSuppressed: cells.contains { !$0.isShown })
    }

    /// A round axis top and gridline step: 1, 2 or 5 times a power of ten, at most 5 steps.
    static func axis(maximum: Double) -> (top: Double, step: Double) {
        guard maximum > 0 else { return (1, 1) }
        var magnitude = 1.0
        while magnitude * 10 <= maximum { magnitude *= 10 }
        for factor in [0.1, 0.2, 0.5, 1, 2, 5, 10] {
            let step = max(1, magnitude * factor)
            if (maximum / step).rounded(.up) <= 5 {
                return ((maximum / step).rounded(.up) * step, step)
            }
        }
        return (maximum, maximum)
    }

    private func periodName(_ kind: PeriodKind) -> String {
        switch kind {
        case .year: return "Year"
        case .quarter: return "Quarter"
        case .month: return "Month"
        case .fiscalYear: return "Fiscal year"
        }
    }

    /// A coordinate with at most one decimal: 12.0 -> "12", 12.34 -> "12.3".
    private func svg(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : String(format10: tenths)
    }
}

extension String {
    init(format10 tenths: Int) {
        let sign = tenths < 0 ? "-" : ""
        self = sign + String(tenths.magnitude / 10) + "." + String(tenths.magnitude % 10)
    }

    func lowercasedFirst() -> String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
