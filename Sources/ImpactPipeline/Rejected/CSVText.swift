/// RFC 4180 text: a field is quoted when it holds a comma, a quote, a line
/// break, or leading or trailing space; quotes inside are doubled.
enum CSVText {
    static func field(_ text: String) -> String {
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

    /// One record, fields joined by commas and ended with CRLF.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
