/// One CSV field as `impact` writes it (rejected rows, `impact query --format csv`).
///
/// Quoted when it holds a comma, a quote or a line break, or starts or ends with
/// white space (RFC 4180; quotes inside doubled). A value a spreadsheet would run as
/// a formula when the file is opened (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return, and is not a number such as `-3` or `+91.5`) is written with an
/// apostrophe first, so that it is shown as the text it is: exports are data, never
/// instructions (PRODUCT.md's fifth rule, for the files offices open in a spreadsheet).
public enum CSVField {
    public static func escaped(_ text: String) -> String {
        let text = runsAsFormula(text) ? "'" + text : text
        var needsQuotes = false
        for byte in text.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            needsQuotes = true
            break
        }
        if let first = text.first, first.isWhitespace { needsQuotes = true }
        if let last = text.last, last.isWhitespace { needsQuotes = true }
        guard needsQuotes else { return text }
        var out = "\""
        for char in text {
            if char == "\"" { out += "\"\"" } else { out.append(char) }
        }
        out += "\""
        return out
    }

    /// One record: fields escaped, joined by commas, ended with CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map(escaped).joined(separator: ",") + "\r\n"
    }

    /// Whether a spreadsheet would take `text` for a formula (or a DDE command).
    static func runsAsFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first,
              first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D else { return false }
        return !isPlainNumber(text)
    }

    /// A sign, digits, at most one `.`, and digits: `-3`, `+91.5`, `-0.25`.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0, points = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 { digits += 1 } else if byte == UInt8(ascii: ".") { points += 1 } else { return false }
        }
        return digits > 0 && points <= 1
    }
}
