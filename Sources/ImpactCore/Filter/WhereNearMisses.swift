/// Rows a source's `where` leaves out whose value equals one of its text literals but for
/// case (`office == "Mumbai"` and an office written `mumbai`): likely the same value, left
/// out of every figure. Counted per spelling as the rows are left out, and told once per
/// source with the value map that would keep them (`SourceProcessor`).
public struct WhereNearMisses: Sendable {
    /// The text literals the filter compares a field with by `==` (or `in`): slot, field, literal.
    let literals: [(slot: Int, field: String, literal: String)]
    /// Rows left out, per field, literal and spelling found.
    public private(set) var counts: [Key: Int] = [:]
    /// The first line of each, for the warning.
    public private(set) var firstLine: [Key: Int] = [:]

    public struct Key: Hashable, Sendable, Comparable {
        public var field: String
        public var literal: String
        public var spelling: String
        public static func < (a: Key, b: Key) -> Bool {
            (a.field, a.literal, a.spelling) < (b.field, b.literal, b.spelling)
        }
    }

    public init(_ filter: CompiledFilter, schema: RecordSchema) {
        var found: [(Int, String, String)] = []
        func walk(_ node: CompiledFilter.Node, negated: Bool) {
            switch node {
            case .and(let a, let b), .or(let a, let b):
                walk(a, negated: negated)
                walk(b, negated: negated)
            case .not(let a): walk(a, negated: !negated)
            case .field(let slot, .equal, .text(let literal)) where !negated:
                found.append((slot, schema.fields[slot].name, literal))
            case .oneOf(.slot(let slot), let items) where !negated:
                for case .text(let literal) in items { found.append((slot, schema.fields[slot].name, literal)) }
            default: break
            }
        }
        walk(filter.root, negated: false)
        literals = found.map { (slot: $0.0, field: $0.1, literal: $0.2) }
    }

    public var isEmpty: Bool { literals.isEmpty }

    /// A record the filter left out: counted when a literal's field holds it in another case.
    public mutating func leftOut(_ record: Record) {
        for (slot, field, literal) in literals {
            guard case .text(let value) = record[slot], value != literal, Self.equalIgnoringCase(value, literal) else { continue }
            // Bounded by the text's case forms (a handful in practice): no cap needed, so that
            // parts merge to the one-piece tally whatever their order.
            let key = Key(field: field, literal: literal, spelling: value)
            if counts[key] == nil { firstLine[key] = record.line }
            counts[key, default: 0] += 1
        }
    }

    /// Adds a later part's tally (the parts of one file, in order).
    public mutating func merge(_ other: WhereNearMisses) {
        for (key, count) in other.counts {
            if counts[key] == nil { firstLine[key] = other.firstLine[key] }
            counts[key, default: 0] += count
        }
    }

    /// One warning per field and literal, its spellings in order, with the map that keeps them.
    public func findings(file: String, source: String) -> [Finding] {
        let groups = Dictionary(grouping: counts.keys.sorted()) { [$0.field, $0.literal] }
        return groups.keys.sorted { $0.lexicographicallyPrecedes($1) }.compactMap { group in
            guard let keys = groups[group], let first = keys.first else { return nil }
            let total = keys.reduce(0) { $0 + (counts[$1] ?? 0) }
            // At most 16 spellings named (in sorted order), the rest counted.
            let shown = keys.prefix(16)
            let more = keys.count > shown.count ? " and \(keys.count - shown.count) more spellings" : ""
            let spellings = shown.map { "'\($0.spelling)' (\(counts[$0] ?? 0))" }.joined(separator: ", ") + more
            return Finding(file: file, line: keys.compactMap { firstLine[$0] }.min() ?? 0, field: first.field,
                           check: "where.case",
                           message: "the where of source '\(source)' left out \(total) row\(total == 1 ? "" : "s") whose "
                               + "\(first.field) is \(spellings), not \"\(first.literal)\": the same value in another case?",
                           hint: "to count them, give the field a value map, "
                               + GroupSpellings.valueMap(field: first.field, value: first.literal, spellings: shown.map(\.spelling))
                               + ", or correct the export",
                           severity: .warning)
        }
    }

    /// Equal but for case: ASCII letters compared folded byte by byte (most values), others lower-cased.
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        // Most left-out values are another office, of another length: one comparison. (A case
        // pair of another length in UTF-8, rare in names, is not told.)
        guard x.count == y.count else { return false }
        var ascii = true
        for (p, q) in zip(x, y) where p != q {
            if p >= 0x80 || q >= 0x80 { ascii = false; break }
            let lp = p >= 0x41 && p <= 0x5A ? p | 0x20 : p, lq = q >= 0x41 && q <= 0x5A ? q | 0x20 : q
            if lp != lq { return false }
        }
        return ascii || a.lowercased() == b.lowercased()
    }
}
