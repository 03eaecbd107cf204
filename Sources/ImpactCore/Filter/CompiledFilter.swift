/// A filter resolved against one `RecordSchema`: field names are slots, literals
/// are typed values, and types were checked once. `matches` reads a record by
/// slot and allocates nothing.
///
/// Semantics, row by row:
/// - a comparison or `in` with a missing value is false (so `x != "a"` is false
///   when `x` is missing; `not (x == "a")` is true);
/// - a censored value (`<5`) never compares as a number: every comparison with it is false;
/// - text compares as Swift strings, case-sensitively: canonically equivalent spellings
///   (`\u{E9}`, `e\u{301}`) are equal, and order follows their normalized Unicode
///   scalars; numbers and integers compare
///   as numbers; dates as days; a list field `== "x"` means "the list holds x".
public struct CompiledFilter: Sendable {
    indirect enum Node: Sendable {
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
        case compare(Accessor, FilterComparison, Accessor)
        /// A field compared with a literal (`age < 18`, `verdict == "convicted"`), the
        /// literal on the right: what `compare` gives, without copying either side out
        /// as a `Value` and switching on the pair (made by `CompiledFilter.init`).
        case field(slot: Int, FilterComparison, Literal)
        case oneOf(Accessor, [Value])
        case isMissing(Accessor, negated: Bool)
        case truth(Accessor)
        /// The field's value is among another source's (a metric's `matching:`).
        case matched(slot: Int, MatchKeys)
        case always
    }

    enum Accessor: Sendable {
        case slot(Int)
        case year(Int), month(Int), quarter(Int)
        /// The days from one date field to another (no value when either has none).
        case days(Int, Int)
        case constant(Value)

        @inline(__always)
        func read(_ record: Record) -> Value {
            switch self {
            case .slot(let slot): return record[slot]
            case .year(let slot):
                if case .date(let day) = record[slot] { return .integer(day.year) }
                return record[slot].isMissing ? .missing : .censored(below: 0)
            case .month(let slot):
                if case .date(let day) = record[slot] { return .integer(day.month) }
                return record[slot].isMissing ? .missing : .censored(below: 0)
            case .quarter(let slot):
                if case .date(let day) = record[slot] { return .integer(day.quarter) }
                return record[slot].isMissing ? .missing : .censored(below: 0)
            case .days(let from, let to):
                if case .date(let a) = record[from], case .date(let b) = record[to] {
                    return .integer(Int(b.daysSinceEpoch) - Int(a.daysSinceEpoch))
                }
                return record[from].isMissing || record[to].isMissing ? .missing : .censored(below: 0)
            case .constant(let value): return value
            }
        }
    }

    /// A literal a field is compared with, by type.
    enum Literal: Sendable {
        case integer(Int), number(Double), text(String), date(Day), bool(Bool)

        init?(_ value: Value) {
            switch value {
            case .integer(let x): self = .integer(x)
            case .number(let x): self = .number(x)
            case .text(let x): self = .text(x)
            case .date(let x): self = .date(x)
            case .bool(let x): self = .bool(x)
            case .missing, .censored, .list: return nil
            }
        }
    }

    let root: Node
    /// True when every record passes (`root` is `.always`): checked before walking the tree.
    private let passesAll: Bool

    init(root: Node) {
        self.root = Self.leavesSimplified(root)
        if case .always = root { passesAll = true } else { passesAll = false }
    }

    /// `node` with each comparison of a field and a literal as a `.field` leaf (the
    /// literal put on the right, the comparison turned to match).
    static func leavesSimplified(_ node: Node) -> Node {
        switch node {
        case .and(let a, let b): return .and(leavesSimplified(a), leavesSimplified(b))
        case .or(let a, let b): return .or(leavesSimplified(a), leavesSimplified(b))
        case .not(let a): return .not(leavesSimplified(a))
        case .compare(.slot(let slot), let op, .constant(let value)):
            guard let literal = Literal(value) else { return node }
            return .field(slot: slot, op, literal)
        case .compare(.constant(let value), let op, .slot(let slot)):
            guard let literal = Literal(value) else { return node }
            return .field(slot: slot, op.mirrored, literal)
        default: return node
        }
    }

    /// A filter that every record passes (a metric without `where`).
    public static let everything = CompiledFilter(root: .always)

    /// This filter, and the value in `slot` among `keys` (a metric's `matching:`): a metric
    /// without one pays nothing for it.
    func matching(_ keys: MatchKeys, slot: Int) -> CompiledFilter {
        CompiledFilter(root: passesAll ? .matched(slot: slot, keys) : .and(root, .matched(slot: slot, keys)))
    }

    /// True when the record passes the filter.
    @inline(__always)
    public func matches(_ record: Record) -> Bool { passesAll || Self.evaluate(root, record) }

    private static func evaluate(_ node: Node, _ record: Record) -> Bool {
        switch node {
        case .always: return true
        case .matched(let slot, let keys): return keys.contains(record[slot])
        case .and(let a, let b): return evaluate(a, record) && evaluate(b, record)
        case .or(let a, let b): return evaluate(a, record) || evaluate(b, record)
        case .not(let a): return !evaluate(a, record)
        case .compare(let a, let op, let b): return compare(a.read(record), op, b.read(record))
        case .field(let slot, let op, let literal): return compare(record, slot, op, literal)
        case .oneOf(let a, let items):
            let value = a.read(record)
            for item in items where compare(value, .equal, item) { return true }
            return false
        case .isMissing(let a, let negated): return a.read(record).isMissing != negated
        case .truth(let a):
            if case .bool(true) = a.read(record) { return true }
            return false
        }
    }

    /// Compares two values by type; false whenever either is missing or censored,
    /// or the types cannot be compared.
    static func compare(_ a: Value, _ op: FilterComparison, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.text(x), .text(y)): return order(x, y, op)
        case let (.integer(x), .integer(y)): return order(x, y, op)
        case let (.integer(x), .number(y)): return order(Double(x), y, op)
        case let (.number(x), .integer(y)): return order(x, Double(y), op)
        case let (.number(x), .number(y)): return order(x, y, op)
        case let (.date(x), .date(y)): return order(x, y, op)
        case let (.bool(x), .bool(y)):
            switch op {
            case .equal: return x == y
            case .notEqual: return x != y
            default: return false
            }
        case let (.list(items), .text(y)):
            switch op {
            case .equal: return items.contains(y)
            case .notEqual: return !items.contains(y)
            default: return false
            }
        case let (.text(x), .list(items)):
            return compare(.list(items), op, .text(x))
        default: return false
        }
    }

    /// `compare(record[slot], op, literal)`, the record's value read in place.
    @inline(__always)
    static func compare(_ record: Record, _ slot: Int, _ op: FilterComparison, _ literal: Literal) -> Bool {
        guard slot < record.values.count else { return false }
        return record.values.withUnsafeBufferPointer { values in
            let value = values.baseAddress.unsafelyUnwrapped + slot
            switch literal {
            case .integer(let y):
                switch value.pointee {
                case .integer(let x): return order(x, y, op)
                case .number(let x): return order(x, Double(y), op)
                default: return false
                }
            case .number(let y):
                switch value.pointee {
                case .integer(let x): return order(Double(x), y, op)
                case .number(let x): return order(x, y, op)
                default: return false
                }
            case .date(let y):
                if case .date(let x) = value.pointee { return order(x, y, op) }
                return false
            case .bool(let y):
                guard case .bool(let x) = value.pointee else { return false }
                switch op {
                case .equal: return x == y
                case .notEqual: return x != y
                default: return false
                }
            case .text(let y):
                switch value.pointee {
                case .text(let x): return order(x, y, op)
                case .list(let items):
                    switch op {
                    case .equal: return items.contains(y)
                    case .notEqual: return !items.contains(y)
                    default: return false
                    }
                default: return false
                }
            }
        }
    }

    @inline(__always)
    private static func order<T: Comparable>(_ x: T, _ y: T, _ op: FilterComparison) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessOrEqual: return x <= y
        case .greater: return x > y
        case .greaterOrEqual: return x >= y
        }
    }
}

extension FilterComparison {
    /// The comparison with its sides swapped: `18 > age` is `age < 18`.
    var mirrored: FilterComparison {
        switch self {
        case .equal, .notEqual: return self
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        }
    }
}
