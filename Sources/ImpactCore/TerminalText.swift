/// Text from exports, printed for people on a terminal. A value may hold control characters
/// (an escape sequence that recolours the terminal, retitles it or moves the cursor; a carriage
/// return that writes over the start of the line; a C1 control that some terminals read as an
/// escape) or the bidirectional controls that show text reversed. Where such text reaches a
/// terminal (messages on stderr, `impact inspect`, a query's aligned table), each of them is
/// written visibly, as `\u{1B}`: the terminal shows what the export holds, and does nothing it
/// says. Files of data (`--format csv`, JSON, the rejected rows) keep the text as it is.
public enum TerminalText {
    /// `text` with every control character written as `\u{...}`; a tab is kept, and line
    /// breaks too with `keepingLineBreaks` (a message of several lines).
    public static func visible(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isHidden($0, keepingLineBreaks) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isHidden(scalar, keepingLineBreaks) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isHidden(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x0A: return !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates.
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
