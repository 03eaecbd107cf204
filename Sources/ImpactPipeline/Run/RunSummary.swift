import ImpactCore

/// The lines `impact run` prints: the period, each source's counts, each
/// headline's exact and published value, and what was written.
public enum RunSummary {
    public static func text(_ report: RunReport) -> String {
        var lines: [String] = []
        var period = "as of \(report.asOf.iso)"
        if let since = report.since { period += " · since \(since.iso)" }
        lines.append(period)
        lines += sourceLines(report.sources)
        lines += droppedLines(report.sources)
        if !report.published.isEmpty {
            let width = report.published.map(\.metric.count).max() ?? 0
            let exactWidth = report.published.map(\.exact.count).max() ?? 0
            for figure in report.published {
                lines.append(pad(figure.metric, width) + "  " + leftPad(figure.exact, exactWidth) + "  ->  " + figure.published)
            }
        } else {
            let width = report.results.map(\.name.count).max() ?? 0
            let values = report.results.map { $0.value.map(format) ?? "n/a" }
            let valueWidth = values.map(\.count).max() ?? 0
            for (result, value) in zip(report.results, values) {
                lines.append(pad(result.name, width) + "  " + leftPad(value, valueWidth))
            }
        }
        if !report.written.isEmpty {
            let folder = report.outputFolder + "/"
            let names = report.written.map { $0.hasPrefix(folder) ? String($0.dropFirst(folder.count)) : $0 }
            lines.append("wrote \(report.outputFolder)/: " + names.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    public static func sourceLines(_ sources: [SourceReport]) -> [String] {
        let width = sources.map(\.name.count).max() ?? 0
        return sources.map { source in
            let t = source.tally
            var line = pad(source.name, width) + "  " + leftPad(String(t.read), 7) + " read  "
                + leftPad(String(t.accepted), 7) + " accepted  " + leftPad(String(t.rejected), 5) + " rejected"
            if t.warned > 0 { line += "  \(t.warned) warned" }
            if source.excluded > 0 { line += "  (\(source.excluded) left out by where)" }
            if let file = source.rejectedFile { line += "  -> \(file)" }
            return line
        }
    }

    /// The columns each source dropped as it was read: identifying ones, and
    /// ones no field maps (their values never reach a record or an output).
    public static func droppedLines(_ sources: [SourceReport]) -> [String] {
        sources.compactMap { source in
            var parts: [String] = []
            if !source.identifyingColumns.isEmpty {
                parts.append("identifying " + source.identifyingColumns.joined(separator: ", "))
            }
            if !source.droppedColumns.isEmpty {
                parts.append("not mapped " + source.droppedColumns.joined(separator: ", "))
            }
            return parts.isEmpty ? nil : "  \(source.name) dropped: " + parts.joined(separator: "; ")
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    static func leftPad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
