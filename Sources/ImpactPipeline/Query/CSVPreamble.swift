import ImpactCore
import ImpactIngest

/// A raw CSV export whose first lines are a title or notes above its header (a hand-made
/// register: "Case register - Mumbai office", "Exported 2024-02-01", a blank line): read
/// with line 1 as the header, nearly every row is malformed and the title's one "column"
/// is all a query could name. When most sampled rows are malformed and a later line looks
/// like the header (`HeaderLineSearch.likelyHeader`: wider than every line above it, as wide
/// as the lines after it, its fields names), `impact query` reads from that line, and says so.
enum CSVPreamble {
    /// The format that skips to the header found, and the warning that says so; nil when the
    /// file is not CSV, its rows read under line 1, or no later line looks like the header.
    static func found(path: String, format: InputFormat,
                      sampled: (columns: [SniffedColumn], records: Int, malformed: Int)) -> (format: InputFormat, warning: String)? {
        guard case .csv(var options) = format, sampled.malformed > 0,
              sampled.malformed * 2 >= sampled.records + sampled.malformed,
              let header = HeaderLineSearch.likelyHeader(path: path, delimiter: options.delimiter ?? UInt8(ascii: ",")),
              header.line > options.preambleLines + 1 else { return nil }
        let skipped = header.line - 1
        options.preambleLines = skipped
        let warning = "\(path): line \(header.line) looks like the header (the rows below it have \(header.fields) fields, "
            + "line 1 has \(sampled.columns.count)): the \(skipped == 1 ? "line" : "\(skipped) lines") above it "
            + "\(skipped == 1 ? "was" : "were") skipped as a title or notes; pass --preamble \(skipped) to say so, "
            + "or --preamble 0 to read line 1 as the header"
        return (.csv(options), warning)
    }
}
