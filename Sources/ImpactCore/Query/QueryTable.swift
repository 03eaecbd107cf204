/// The result of a query as text cells: a header, then rows. The first
/// `keyColumns` columns are group keys (text); the rest are numbers (empty when undefined).
public struct QueryTable: Sendable, Hashable {
    public enum Format: String, Sendable, CaseIterable {
        /// Aligned columns, numbers right-aligned: for terminals.
        case table
        /// RFC 4180: CRLF line ends, fields quoted when they hold `,` `"` CR or LF.
        case csv
        /// One JSON array of objects (keys in column order; numbers as numbers, empty as null).
        case json
        /// One JSON object per line.
        case jsonl
    }

    public var header: [String]
    public var keyColumns: Int
    public var rows: [[String]]

    public init(header: [String], keyColumns: Int, rows: [[String]]) {
        self.header = header
        self.keyColumns = keyColumns
        self.rows = rows
    }

    /// A number as a cell: whole numbers without decimals, others to at most 4 decimals; nil as "".
    public static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let scaled = (abs(value) * 10_000).rounded()
        guard scaled < 1e18 else { return String(value) }
        let units = Int(scaled)
        var fraction = pad(units % 10_000, 4)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 ? "-" : ""
        return fraction.isEmpty ? sign + String(units / 10_000) : sign + String(units / 10_000) + "." + fraction
    }

    /// The table as text in `format`, ending with a newline.
    public func render(format: Format) -> String {
        switch format {
        case .table: return renderAligned()
        case .csv: return ([header] + rows).map(CSVField.record).joined()
        case .json:
            if rows.isEmpty { return "[]\n" }
            return "[\n" + rows.map { "  " + object($0) }.joined(separator: ",\n") + "\n]\n"
        case .jsonl: return rows.map { object($0) + "\n" }.joined()
        }
    }

    /// For a terminal: labels from the export show their control characters (`TerminalText`).
    private func renderAligned() -> String {
        let header = self.header.map { TerminalText.visible($0) }
        let rows = self.rows.map { $0.map { TerminalText.visible($0) } }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() where i < widths.count {
                let padding = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(i < keyColumns ? cell + padding : padding + cell)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }

    private func object(_ row: [String]) -> String {
        var members: [String] = []
        for (i, name) in header.enumerated() {
            let cell = i < row.count ? row[i] : ""
            let value = i < keyColumns ? Self.jsonString(cell) : (cell.isEmpty ? "null" : cell)
            members.append(Self.jsonString(name) + ":" + value)
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A JSON string literal with quotes, backslashes and control characters escaped.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + pad(Int(scalar.value) / 16, 1) + hexDigit(Int(scalar.value) % 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hexDigit(_ value: Int) -> String {
        String("0123456789abcdef"[String.Index(utf16Offset: value, in: "0123456789abcdef")])
    }
}

extension QueryTable {
    /// The JSON string literal (with quotes) the renderer writes for `text`.
    public static func jsonLiteral(_ text: String) -> String { jsonString(text) }
}
