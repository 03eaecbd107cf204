import ImpactCore

extension InspectReport {
    /// The report for people: format, counts, a field table, the findings per check
    /// when there are several checks or some findings are not listed, then the
    /// findings kept as `file:line: error: ...`.
    ///
    /// `queryNames`: each field's name in `impact query` (the fields' order); a column of them
    /// is shown when one differs from its field's name (`group_case/office`, `group_case_office`).
    public func text(queryNames: [String] = []) -> String {
        var lines: [String] = ["file: \(TerminalText.visible(file))"]
        var format: [String] = [self.format.kind.rawValue]
        if let key = self.format.recordsKey { format.append("records under '\(key)'") }
        if let names = self.format.columnsFrom {
            format.append(names == JSONTable.firstRow ? "columns named by the first row" : "columns named under '\(names)'")
        }
        format.append(self.format.encoding + (self.format.bom ? " with BOM" : ""))
        format.append("line ends \(self.format.lineEnding.rawValue)")
        if let delimiter = self.format.delimiter { format.append("delimiter '\(delimiter)'") }
        if let header = self.format.headerLine { format.append("header on line \(header)") }
        lines.append("format: " + format.joined(separator: ", "))
        lines.append("bytes: \(self.format.bytesRead)")
        lines.append("records: \(records) (\(records - malformed) well-formed, \(malformed) malformed)")
        lines.append("fields: \(fields.count)")
        if !fields.isEmpty {
            // Names and samples come from the export: their control characters are shown, not obeyed.
            let names = fields.map { TerminalText.visible($0.name) }
            let nameWidth = min(40, names.map(\.count).max() ?? 0)
            let missingWidth = max(7, fields.map { String($0.missing).count }.max() ?? 0)
            let query = queryNames.count == fields.count && zip(fields, queryNames).contains { $0.name != $1 }
                ? queryNames.map { TerminalText.visible($0) } : nil
            let queryWidth = min(40, max(10, query?.map(\.count).max() ?? 0))
            let queryHeading = query.map { _ in pad("in a query", queryWidth) + "  " } ?? ""
            lines.append("  " + pad("name", nameWidth) + "  " + queryHeading + pad("missing", missingWidth, left: true) + "  sample")
            for (index, (field, name)) in zip(fields, names).enumerated() {
                let sample = field.sample.map { "\"\(TerminalText.visible($0))\"" } ?? "-"
                let queryName = query.map { pad($0[index], queryWidth) + "  " } ?? ""
                lines.append("  " + pad(name, nameWidth) + "  " + queryName + pad(String(field.missing), missingWidth, left: true)
                             + "  " + sample)
            }
        }
        lines.append("findings: \(findingCount)")
        if findingsByCheck.count > 1 || findingCount > findings.count {
            for (check, count) in findingsByCheck.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                lines.append("  \(check): \(count)")
            }
        }
        for finding in findings { lines.append(finding.description) }
        if findingCount > findings.count {
            lines.append("… and \(findingCount - findings.count) more (the first \(findings.count) shown; --max-findings N shows more)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return left ? fill + text : text + fill
    }
}
