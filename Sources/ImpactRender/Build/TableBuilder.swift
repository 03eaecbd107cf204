import ImpactCore

/// Builds a published breakdown from a metric's groups: one key gives a list of
/// rows, two keys a grid (first key down, second across); then suppression.
struct TableBuilder {
    let locale: NumberLocale
    let threshold: Int

    func table(_ definition: TableDefinition, metric: MetricResult) throws(ConfigError) -> PublishedTable? {
        guard metric.isInteger else {
            throw ConfigError(line: definition.line, "table metric '\(metric.name)' is not a count; a published breakdown shows counts")
        }
        guard !metric.provenance.by.isEmpty else {
            throw ConfigError(line: definition.line, "table metric '\(metric.name)' has no breakdown: give it 'by' (such as by: office)")
        }
        var groups = metric.groups
        if groups.isEmpty {
            groups = metric.series.map { GroupRow(keys: [$0.period.label], value: $0.value) }
        }
        guard let width = groups.first?.keys.count else { return nil }
        guard width <= 2, groups.allSatisfy({ $0.keys.count == width }) else {
            throw ConfigError(line: definition.line, "table metric '\(metric.name)' is broken down by \(width) fields; a table shows one or two")
        }
        var rowKeys: [String] = []
        var columnKeys: [String] = []
        var values: [String: [String: Int]] = [:]
        for group in groups {
            let row = group.keys[0]
            let column = width == 2 ? group.keys[1] : ""
            if !rowKeys.contains(row) { rowKeys.append(row) }
            if !columnKeys.contains(column) { columnKeys.append(column) }
            values[row, default: [:]][column, default: 0] += Int(group.value.rounded(.towardZero))
        }
        columnKeys.sort()
        let counts = rowKeys.map { row in columnKeys.map { values[row]?[$0] ?? 0 } }
        let suppressed = SuppressedTable(counts: counts, threshold: threshold)
        let cell: (SuppressedCell) -> TableCell = { TableCell(text: $0.text(locale, threshold: threshold), hidden: !$0.isShown) }
        var rows: [TableRow] = []
        for (index, key) in rowKeys.enumerated() {
            var cells = suppressed.cells[index].map(cell)
            if index < suppressed.rowTotals.count { cells.append(cell(suppressed.rowTotals[index])) }
            rows.append(TableRow(label: key.isEmpty ? "(blank)" : key, cells: cells))
        }
        var totals: TableRow?
        if !suppressed.columnTotals.isEmpty {
            totals = TableRow(label: "Total", cells: suppressed.columnTotals.map(cell) + [suppressed.grandTotal].compactMap { $0.map(cell) })
        }
        var headings = width == 2 ? columnKeys.map { $0.isEmpty ? "(blank)" : $0 } : ["Count"]
        if !suppressed.rowTotals.isEmpty { headings.append("Total") }
        let labelHeading = metric.provenance.by.first ?? ""
        let allRows = rows + [totals].compactMap { $0 }
        let textRows = [[labelHeading] + headings] + allRows.map { [$0.label] + $0.cells.map(\.text) }
        return PublishedTable(title: definition.title, metric: metric.name, labelHeading: labelHeading,
                              columnHeadings: headings, rows: rows, totals: totals,
                              textLines: TextColumns.lines(textRows),
                              hasSuppressed: suppressed.allEntries.contains { !$0.isShown })
    }
}
