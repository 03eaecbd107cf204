/// A filter resolved against one `RecordSchema`: field names are slots, literals
/// are typed values, and types were checked once. `matches` reads a record by
/// slot and allocates nothing.
///
/// Semantics, row by row:
/// - a comparison or `in` with a missing value is false (so `x != "a"` is false
///   when `x` is missing; `not (x == "a")` is true);
/// - a censored value (`<5`) never compares as a number: every comparison with it is false;
/// - text compares by Unicode scalars, case-sensitively; numbers and integers compare
///   as numbers; dates as days; a list field `== "x"` means "the list holds x".
public struct CompiledFilter: Sendable {
    indirect enum Node: Sendable {
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
        case compare(Accessor, FilterComparison, Accessor)
        case oneOf(Accessor, [Value])
        case isMissing(Accessor, negated: Bool)
        case truth(Accessor)
        case always
    }

    enum Accessor: Sendable {
        case slot(Int)
        case year(Int), month(Int), quarter(Int)
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
            case .constant(let value): return value
            }
        }
    }

    let root: Node
    /// True when every record passes (`root` is `.always`): checked before walking the tree.
    private let passesAll: Bool

    init(root: Node) {
        self.root = root
        if case .always = root { passesAll = true } else { passesAll = false }
    }

    /// A filter that every record passes (a metric without `where`).
    public static let everything = CompiledFilter(root: .always)

    /// True when the record passes the filter.
    @inline(__always)
    public func matches(_ record: Record) -> Bool { passesAll || Self.evaluate(root, record) }

    private static func evaluate(_ node: Node, _ record: Record) -> Bool {
        switch node {
        case .always: return true
        case .and(let a, let b): return evaluate(a, record) && evaluate(b, record)
        case .or(let a, let b): return evaluate(a, record) || evaluate(b, record)
        case .not(let a): return !evaluate(a, record)
        case .compare(let a, let op, let b): return compare(a.read(record), op, b.read(record))
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
