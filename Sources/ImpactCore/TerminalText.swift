/// Text from exports, printed for people on a terminal. A value may hold control characters
/// (an escape sequence that recolours the terminal, retitles it or moves the cursor; a carriage
/// return that writes over the start of the line; a C1 control that some terminals read as an
/// escape) or the bidirectional controls that show text reversed. Where such text reaches a
/// terminal (messages on stderr, `impact inspect`, a query's aligned table, a text document),
/// each of them is written visibly, as `\u{1B}`: the terminal shows what the export holds, and
/// does nothing it says. An HTML document shows its control characters the same way (they are
/// not text in HTML). Files of data (`--format csv`, JSON, the rejected rows) keep the text as it is.
public enum TerminalText {
    /// `text` with every control character written as `\u{...}`. A tab is kept. With
    /// `keepingLineBreaks` (a message or document of several lines), line feeds are kept, and a
    /// carriage return right before one (a CRLF line end); a carriage return alone would write
    /// over its line. With `keepingBidirectional` (an HTML document, whose template may use them
    /// for right-to-left text), bidirectional controls are kept.
    public static func visible(_ text: String, keepingLineBreaks: Bool = false, keepingBidirectional: Bool = false) -> String {
        let scalars = text.unicodeScalars
        func hidden(_ index: String.UnicodeScalarView.Index) -> Bool {
            switch scalars[index].value {
            case 0x09: return false
            case 0x0A: return !keepingLineBreaks
            case 0x0D:
                guard keepingLineBreaks else { return true }
                let next = scalars.index(after: index)
                return next == scalars.endIndex || scalars[next] != "\n"
            case 0x00...0x1F, 0x7F...0x9F: return true
            // Bidirectional embeddings, overrides and isolates.
            case 0x202A...0x202E, 0x2066...0x2069: return !keepingBidirectional
            default: return false
            }
        }
        guard scalars.indices.contains(where: hidden) else { return text }
        var out = String.UnicodeScalarView()
        for index in scalars.indices {
            if hidden(index) {
                out.append(contentsOf: "\\u{\(String(scalars[index].value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalars[index])
            }
        }
        return String(out)
    }

    /// The first control character of `text` that `visible` would write out (line breaks, CRLF
    /// included, and tabs are text), or nil: a template holds none.
    public static func firstControl(in text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        for index in scalars.indices {
            let value = scalars[index].value
            if value == 0x0D {
                let next = scalars.index(after: index)
                if next != scalars.endIndex && scalars[next] == "\n" { continue }
                return scalars[index]
            }
            if value != 0x09 && value != 0x0A && (value <= 0x1F || (0x7F...0x9F).contains(value)) { return scalars[index] }
        }
        return nil
    }
}
