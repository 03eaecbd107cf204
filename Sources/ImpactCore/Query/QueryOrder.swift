/// `impact query --sort COLUMN [desc]`: the answer's rows ordered by one of its columns
/// (`count desc`: the largest groups first), instead of by their groups.
///
/// Numbers compare as numbers (an aggregate's cells, a year, an age band's start is text);
/// an empty cell (no value) comes last either way; text compares by its bytes. Rows that
/// tie keep the order of their groups, so the answer is the same on every run.
public struct QueryOrder: Sendable, Hashable {
    public var column: String
    public var descending: Bool

    /// `count`, `count desc`, `sum(value) asc` (the column as the answer's header names it).
    public init(_ text: String, header: [String]) throws(QueryError) {
        var words = String(trimWhitespace(text))
        var descending = false
        for (suffix, isDescending) in [(" desc", true), (" asc", false)] where words.lowercased().hasSuffix(suffix) {
            words = String(trimWhitespace(String(words.dropLast(suffix.count))))
            descending = isDescending
        }
        guard header.contains(words) else {
            let meant = FieldNameSuggestion.meant(words, among: header).map { "did you mean '\($0)'? " } ?? ""
            throw QueryError(option: "--sort", column: nil,
                             "no column '\(words)' in the answer; \(meant)its columns are: \(header.joined(separator: ", ")) "
                                + "(add desc for the largest first: --sort '\(header.last ?? "count") desc')")
        }
        self.column = words
        self.descending = descending
    }
}

extension QueryTable {
    /// The rows ordered by `order` (ties in their groups' order).
    public func sorted(_ order: QueryOrder) -> QueryTable {
        guard let index = header.firstIndex(of: order.column) else { return self }
        func cell(_ row: [String]) -> String { index < row.count ? row[index] : "" }
        let ranked = rows.enumerated().sorted { a, b in
            let x = cell(a.element), y = cell(b.element)
            if x.isEmpty != y.isEmpty { return y.isEmpty }  // no value last, either way
            let before: Bool, after: Bool
            if let p = Double(x), let q = Double(y) {
                (before, after) = (p < q, q < p)
            } else {
                (before, after) = (x.utf8.lexicographicallyPrecedes(y.utf8), y.utf8.lexicographicallyPrecedes(x.utf8))
            }
            if before != after { return order.descending ? after : before }
            return a.offset < b.offset
        }
        return QueryTable(header: header, keyColumns: keyColumns, rows: ranked.map(\.element))
    }

    /// The first `count` rows.
    public func limited(_ count: Int) -> QueryTable {
        QueryTable(header: header, keyColumns: keyColumns, rows: Array(rows.prefix(max(0, count))))
    }
}
