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
        let hidden = { index in isHidden(scalars, index, keepingLineBreaks, keepingBidirectional) }
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

    /// The first character of `text` that `visible` writes out in a document (line breaks,
    /// CRLF included, tabs and bidirectional controls are text there), or nil: a template
    /// holds none, so that any such character in a rendered document came from a value.
    public static func firstControl(in text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        return scalars.indices.first { isHidden(scalars, $0, true, true) }.map { scalars[$0] }
    }

    private static func isHidden(_ scalars: String.UnicodeScalarView, _ index: String.UnicodeScalarView.Index,
                                 _ keepingLineBreaks: Bool, _ keepingBidirectional: Bool) -> Bool {
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
}
