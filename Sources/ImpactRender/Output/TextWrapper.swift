/// Wraps plain text at a column, word by word. A continuation line keeps the
/// line's indent, and hangs under the text after a list mark ("- ", "* ", "¹ ", "2004  ").
struct TextWrapper {
    let width: Int

    func wrap(_ text: String) -> String {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(line).trimmingSpacesAtEnd()
            guard line.count > width else {
                out.append(line)
                continue
            }
            let hang = String(repeating: " ", count: hangingIndent(line))
            var current = ""
            var first = true
            let indent = String(line.prefix { $0 == " " })
            for word in line.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: false) {
                let prefix = first ? indent : hang
                if current.isEmpty {
                    current = prefix + word
                } else if current.count + 1 + word.count <= width {
                    current += " " + word
                } else {
                    out.append(current.trimmingSpacesAtEnd())
                    first = false
                    current = hang + word
                }
            }
            out.append(current.trimmingSpacesAtEnd())
        }
        return out.joined(separator: "\n")
    }

    /// Where continuation lines start: after the indent and a list mark or a column gap of two spaces.
    private func hangingIndent(_ line: String) -> Int {
        let characters = Array(line)
        var index = 0
        while index < characters.count, characters[index] == " " { index += 1 }
        let start = index
        if index + 1 < characters.count, ["-", "*", "–"].contains(characters[index]), characters[index + 1] == " " {
            return index + 2
        }
        // "¹ text", "12. text", "2004  text", "640+  label": a short lead followed by a gap.
        var end = index
        while end < characters.count, characters[end] != " ", end - start < 12 { end += 1 }
        var gapEnd = end
        while gapEnd < characters.count, characters[gapEnd] == " " { gapEnd += 1 }
        let lead = characters[start..<end]
        let isMarker = lead.allSatisfy { "⁰¹²³⁴⁵⁶⁷⁸⁹".contains($0) } || lead.last == "."
        if end > start, gapEnd < characters.count, isMarker || gapEnd - end >= 2 { return gapEnd }
        return start
    }
}
