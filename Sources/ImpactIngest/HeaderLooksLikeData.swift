import ImpactCore

/// A CSV export without a header line: its first record is read as the header, so that record
/// is not counted, and the fields are named after its values. Told when the header holds
/// what headers do not: a full date (`2019-03-05`, `05/03/2019`), or two numbers or more
/// (years, `2019` as in a table of years, do not count).
enum HeaderLooksLikeData {
    static func finding(_ names: [String], path: String, line: Int) -> Finding? {
        let values = names.map { String(trimWhitespace($0)) }.filter { text in
            isFullDate(text) || (Double(text) != nil && !isYear(text))
        }
        let dates = values.filter(isFullDate)
        guard !dates.isEmpty || values.count >= 2 else { return nil }
        let shown = values.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        return Finding(file: path, line: line, check: "csv.header",
                       message: "the header line looks like a record (it holds \(shown)): if the file has no header line, "
                           + "its first record was read as the header, named the fields after its values, and is not counted",
                       hint: "add a header line to the export (the names of its columns), or check that line \(line) is the header",
                       severity: .warning)
    }

    /// `2019-03-05` (a time after it too), or three groups of digits split by `/`, `-` or `.`
    /// with a year of four digits first or last (`05/03/2019`, `5.3.2019`).
    static func isFullDate(_ text: String) -> Bool {
        if Day.parseISOPrefix(text) != nil { return true }
        let groups = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard groups.count == 3,
              groups.allSatisfy({ group in !group.isEmpty && group.count <= 4 && group.allSatisfy { ("0"..."9").contains($0) } }),
              let first = groups.first, let last = groups.last else { return false }
        return first.count == 4 || last.count == 4
    }

    static func isYear(_ text: String) -> Bool {
        guard text.count == 4, let year = Int(text) else { return false }
        return (1900...2100).contains(year)
    }
}
