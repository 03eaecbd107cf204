/// Turns the prose of a pipeline file into blocks: paragraphs separated by blank
/// lines, lines starting "- " gathered into lists, `**bold**` runs. Nothing else is
/// markup: every character reaches the templates as text, to be escaped there.
enum ProseParser {
    static func blocks(_ text: String) -> [TextBlock] {
        var blocks: [TextBlock] = []
        var paragraph: [String] = []
        var list: [String] = []
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            let joined = paragraph.joined(separator: " ")
            let spans = self.spans(joined)
            blocks.append(TextBlock(isList: false, spans: spans, items: [], plain: plain(spans)))
            paragraph = []
        }
        func flushList() {
            guard !list.isEmpty else { return }
            let items = list.map { item -> ListItem in
                let spans = self.spans(item)
                return ListItem(spans: spans, plain: plain(spans))
            }
            blocks.append(TextBlock(isList: true, spans: [], items: items, plain: ""))
            list = []
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingSpaces()
            if line.isEmpty {
                flushParagraph()
                flushList()
            } else if line.hasPrefix("- ") {
                flushParagraph()
                list.append(String(line.dropFirst(2)).trimmingSpaces())
            } else if !list.isEmpty, rawLine.hasPrefix("  ") {
                // An indented line continues the list item above it.
                list[list.count - 1] += " " + line
            } else {
                flushList()
                paragraph.append(line)
            }
        }
        flushParagraph()
        flushList()
        return blocks
    }

    /// `a **b** c` -> "a ", bold "b", " c". An unpaired `**` stays as written.
    static func spans(_ text: String) -> [Span] {
        let parts = text.components(separatedByString: "**")
        var spans: [Span] = []
        let paired = parts.count % 2 == 1
        for (index, part) in parts.enumerated() {
            let bold = index % 2 == 1 && (paired || index < parts.count - 1)
            var piece = part
            if !paired, index == parts.count - 1, index > 0 { piece = "**" + part }
            guard !piece.isEmpty else { continue }
            if !bold, let last = spans.last, !last.bold {
                spans[spans.count - 1].text += piece
            } else {
                spans.append(Span(text: piece, bold: bold))
            }
        }
        return spans
    }

    static func plain(_ spans: [Span]) -> String { spans.map(\.text).joined() }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }

    /// Splits on every occurrence of `separator` (no Foundation needed).
    func components(separatedByString separator: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var rest = Substring(self)
        while !rest.isEmpty {
            if rest.hasPrefix(separator) {
                parts.append(current)
                current = ""
                rest = rest.dropFirst(separator.count)
            } else {
                current.append(rest.removeFirst())
            }
        }
        parts.append(current)
        return parts
    }
}
