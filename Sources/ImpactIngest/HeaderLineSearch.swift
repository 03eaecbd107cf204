import Foundation
import ImpactCore

/// Finding the real header of a CSV export whose first lines are something else (a
/// title, an export note, a blank line), to say `preamble_lines: N` in an error or a
/// finding instead of only "no such column". Reads at most the first 256 KiB and 50
/// lines, and only when a header did not fit: never on the path of a good file.
public enum HeaderLineSearch {
    static let maxBytes = 256 * 1024
    static let maxLines = 50

    /// The file's first lines (read once, then cut at each delimiter tried).
    static func firstLines(path: String) -> [Substring] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: maxBytes) else { return [] }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return Array(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(maxLines))
    }

    /// Each line cut into its fields at `delimiter` (quotes around a field removed; a
    /// delimiter inside quotes is not looked for: headers seldom hold one).
    static func fields(_ lines: [Substring], delimiter: UInt8) -> [[String]] {
        let separator = Character(Unicode.Scalar(delimiter))
        return lines.map { line in
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line[...]
            if trimmed.isEmpty { return [] }
            return trimmed.split(separator: separator, omittingEmptySubsequences: false).map { field in
                var field = field.trimmingCharacters(in: .whitespaces)
                if field.count >= 2, field.hasPrefix("\""), field.hasSuffix("\"") { field = String(field.dropFirst().dropLast()) }
                return field
            }
        }
    }

    /// The delimiters to try: the one the reader used first (a title line may have
    /// misled its guess, so the others after it).
    static func candidates(_ delimiter: UInt8) -> [UInt8] {
        [delimiter] + CSVDialect.candidates.filter { $0 != delimiter }
    }

    /// The first line (1-based) after line `after` that holds, for every group of `wanted`,
    /// one of its names (compared as `HeaderName.normalize` compares headers).
    public static func line(holding wanted: [[String]], path: String, delimiter: UInt8, after: Int) -> Int? {
        let groups = wanted.map { Set($0.map(HeaderName.normalize)) }
        guard !groups.isEmpty else { return nil }
        let lines = firstLines(path: path)
        for candidate in candidates(delimiter) {
            for (index, fields) in fields(lines, delimiter: candidate).enumerated() where index + 1 > after {
                let names = Set(fields.map(HeaderName.normalize))
                if groups.allSatisfy({ !$0.isDisjoint(with: names) }) { return index + 1 }
            }
        }
        return nil
    }

    /// A line below the first that looks like the header: the first line with more
    /// fields than every line above it, whose next two lines that are not blank have as
    /// many, and whose fields read as names (each different, none empty, each with a
    /// letter: `1,2,3` is a row). Nil when the first line is as wide as the lines below it.
    public static func likelyHeader(path: String, delimiter: UInt8) -> (line: Int, fields: Int)? {
        let lines = firstLines(path: path)
        for candidate in candidates(delimiter) {
            if let found = likelyHeader(fields(lines, delimiter: candidate)) { return found }
        }
        return nil
    }

    static func likelyHeader(_ lines: [[String]]) -> (line: Int, fields: Int)? {
        let counts = lines.map(\.count)
        var widest = counts.first ?? 0
        for index in counts.indices.dropFirst() {
            let n = counts[index]
            guard n > widest else { continue }
            widest = n
            // The next two lines that are not blank (a note below a short table may follow them).
            let next = counts[(index + 1)...].lazy.filter { $0 > 0 }.prefix(2)
            guard next.count == 2, next.allSatisfy({ $0 == n }), readsAsNames(lines[index]) else { continue }
            return (index + 1, n)
        }
        return nil
    }

    static func readsAsNames(_ fields: [String]) -> Bool {
        Set(fields.map(HeaderName.normalize)).count == fields.count
            && fields.allSatisfy { $0.unicodeScalars.contains { $0.properties.isAlphabetic } }
    }
}
