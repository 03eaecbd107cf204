/// A typed value of a record's field, after mapping and parsing.
public enum Value: Sendable, Hashable {
    /// Absent, empty, or one of the source's missing markers (`NA`, `-99`, ...).
    case missing
    case text(String)
    case integer(Int)
    case number(Double)
    case date(Day)
    case bool(Bool)
    /// A censored count such as `<5`: fewer than `below`, exact value unknown.
    /// Never read as the bound nor as zero.
    case censored(below: Int)
    case list([String])

    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    public var integer: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// Integers and numbers as a Double (nil for anything else).
    public var number: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    public var date: Day? {
        if case .date(let value) = self { return value }
        return nil
    }

    /// The value as an analyst would read it in a CSV cell.
    public var display: String {
        switch self {
        case .missing: return ""
        case .text(let value): return value
        case .integer(let value): return String(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
            return String(value)
        case .date(let value): return value.iso
        case .bool(let value): return value ? "true" : "false"
        case .censored(let below): return "<\(below)"
        case .list(let items): return items.joined(separator: "; ")
        }
    }
}
