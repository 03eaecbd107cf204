/// A check with its field names resolved to slots and its lists to sets, ready
/// to run on every row of one source. A class: the validator runs every check
/// on every row, and walking an array of references copies nothing per check.
final class CompiledCheck {
    enum Kind {
        case required(slot: Int)
        case acceptedValues(slot: Int, values: Set<String>, listed: String)
        case range(slot: Int, min: Bound?, max: Bound?)
        case unique(slot: Int, index: Int)
        case relationships(slot: Int, index: RelationshipIndex)
        case order(left: Int, op: OrderOperator, right: Int)
        case duplicate
        /// Handled by the mapper (its severity); nothing to do per row.
        case none
    }

    enum Bound {
        case number(Double)
        case date(Day)
    }

    /// A check's work on one row, in a form that copies nothing when the row passes.
    enum Step {
        case required(slot: Int)
        case range(slot: Int, min: Bound?, max: Bound?)
        case order(left: Int, op: OrderOperator, right: Int)
        case unique(slot: Int, index: Int)
        case duplicate
        /// Accepted values, relationships: the check's own `evaluate`.
        case evaluate
        case none
    }

    let rule: CheckRule
    let kind: Kind
    let schema: RecordSchema
    /// `rule.field`, worked out once.
    let field: String?

    init(_ rule: CheckRule, schema: RecordSchema, asOf: Day,
         relationships: [RelationshipTarget: RelationshipIndex], uniqueIndex: Int) throws(ConfigError) {
        self.rule = rule
        self.schema = schema
        self.field = rule.field
        func slot(_ field: String) throws(ConfigError) -> Int {
            guard let slot = schema.slot(of: field) else {
                throw ConfigError(line: rule.line, "\(rule.name) names '\(field)', which is not a field of \(schema.kind)")
            }
            return slot
        }
        func bound(_ b: RangeBound?) -> Bound? {
            switch b {
            case .none: return nil
            case .number(let v): return .number(v)
            case .date(let d): return .date(d)
            case .asOf: return .date(asOf)
            }
        }
        switch rule.rule {
        case .required(let field): kind = .required(slot: try slot(field))
        case .type: kind = .none
        case .acceptedValues(let field, let values):
            kind = .acceptedValues(slot: try slot(field), values: Set(values), listed: values.joined(separator: ", "))
        case .range(let field, let min, let max):
            kind = .range(slot: try slot(field), min: bound(min), max: bound(max))
        case .unique(let field): kind = .unique(slot: try slot(field), index: uniqueIndex)
        case .relationships(let field, let target):
            guard let index = relationships[target] else {
                throw ConfigError(line: rule.line, "the relationships check on '\(field)' needs the values of \(target): read source '\(target.source)' first")
            }
            kind = .relationships(slot: try slot(field), index: index)
        case .order(let left, let op, let right):
            kind = .order(left: try slot(left), op: op, right: try slot(right))
        case .duplicate: kind = .duplicate
        }
    }

    /// The check's per-row work as a plain value (the validator keeps these side by side).
    var step: Step {
        switch kind {
        case .required(let slot): return .required(slot: slot)
        case .range(let slot, let min, let max): return .range(slot: slot, min: min, max: max)
        case .order(let left, let op, let right): return .order(left: left, op: op, right: right)
        case .unique(let slot, let index): return .unique(slot: slot, index: index)
        case .duplicate: return .duplicate
        case .acceptedValues, .relationships: return .evaluate
        case .none: return .none
        }
    }

    /// True when `value` certainly passes a range check (else `evaluate` decides).
    @inline(__always)
    static func passes(_ value: Value, min: Bound?, max: Bound?) -> Bool {
        switch value {
        case .date(let day):
            if case .date(let low)? = min, day < low { return false }
            if case .date(let high)? = max, day > high { return false }
            return true
        case .integer, .number:
            guard let number = value.number else { return true }
            if case .number(let low)? = min, number < low { return false }
            if case .number(let high)? = max, number > high { return false }
            return true
        case .censored:
            return false
        default:
            return true
        }
    }

    /// True when two values certainly pass an order check (else `evaluate` decides).
    @inline(__always)
    static func passes(_ a: Value, _ op: OrderOperator, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.date(x), .date(y)): return op.holds(x < y ? -1 : (x == y ? 0 : 1))
        default: return false
        }
    }

    func finding(file: String, line: Int, field: String?, message: String, hint: String?) -> Finding {
        Finding(file: file, line: line, field: field, check: rule.name, message: message, hint: hint,
                severity: rule.severity)
    }

    /// The finding for a stateless check, or nil when the row passes.
    func evaluate(_ record: Record, file: String) -> Finding? {
        switch kind {
        case .required(let slot):
            guard record[slot].isMissing else { return nil }
            return finding(file: file, line: record.line, field: field, message: "no value",
                           hint: "fill in \(field ?? "the field"); it is required")
        case .acceptedValues(let slot, let values, let listed):
            let value = record[slot]
            let items: [String]
            switch value {
            case .missing: return nil
            case .list(let list): items = list
            default: items = [value.display]
            }
            guard let bad = items.first(where: { !values.contains($0) }) else { return nil }
            return finding(file: file, line: record.line, field: field,
                           message: "'\(bad)' is not one of \(listed)",
                           hint: "correct the value, or map it under 'values:' in the pipeline's columns")
        case .range(let slot, let min, let max):
            return rangeFinding(record[slot], min: min, max: max, line: record.line, file: file)
        case .relationships(let slot, let index):
            let value = record[slot]
            if value.isMissing { return nil }
            let items: [Value] = if case .list(let list) = value { list.map(Value.text) } else { [value] }
            guard let bad = items.first(where: { !index.contains($0) }) else { return nil }
            return finding(file: file, line: record.line, field: field,
                           message: "'\(bad.display)' is not a \(index.target.field) of \(index.target.source)",
                           hint: "check the id, or add the missing row to \(index.target.source)")
        case .order(let left, let op, let right):
            guard let order = compare(record[left], record[right]), !op.holds(order) else { return nil }
            let l = schema.fields[left].name, r = schema.fields[right].name
            return finding(file: file, line: record.line, field: l,
                           message: "\(l) \(record[left].display) is not \(op.rawValue) \(r) \(record[right].display)",
                           hint: "check both dates (or values) in the export")
        case .unique, .duplicate, .none:
            return nil
        }
    }

    private func rangeFinding(_ value: Value, min: Bound?, max: Bound?, line: Int, file: String) -> Finding? {
        switch value {
        case .date(let day):
            if case .date(let low)? = min, day < low {
                return finding(file: file, line: line, field: field, message: "\(day.iso) is before \(low.iso)",
                               hint: "check the date; the earliest accepted is \(low.iso)")
            }
            if case .date(let high)? = max, day > high {
                let isAsOf = { if case .asOf? = rangeMax { return true } else { return false } }()
                return finding(file: file, line: line, field: field,
                               message: isAsOf ? "\(day.iso) is after the as-of date \(high.iso)" : "\(day.iso) is after \(high.iso)",
                               hint: isAsOf ? "the row is kept but falls outside every period up to the as-of date; if the date is a typo, correct it"
                                   : "check day, month and year")
            }
        case .integer, .number:
            guard let number = value.number else { return nil }
            if case .number(let low)? = min, number < low {
                return finding(file: file, line: line, field: field,
                               message: "\(value.display) is below the minimum \(Value.number(low).display)", hint: rangeHint(min, max))
            }
            if case .number(let high)? = max, number > high {
                return finding(file: file, line: line, field: field,
                               message: "\(value.display) is above the maximum \(Value.number(high).display)", hint: rangeHint(min, max))
            }
        case .censored(let below):
            // Fewer than `below`: out of range only when every possible value is below the minimum.
            if case .number(let low)? = min, Double(below) <= low {
                return finding(file: file, line: line, field: field,
                               message: "\(value.display) is below the minimum \(Value.number(low).display)", hint: rangeHint(min, max))
            }
        default:
            break
        }
        return nil
    }

    private var rangeMax: RangeBound? {
        if case .range(_, _, let max) = rule.rule { return max }
        return nil
    }

    private func rangeHint(_ min: Bound?, _ max: Bound?) -> String {
        func text(_ b: Bound?) -> String? {
            switch b {
            case .number(let v)?: return Value.number(v).display
            case .date(let d)?: return d.iso
            case nil: return nil
            }
        }
        switch (text(min), text(max)) {
        case let (l?, h?): return "accepted values are \(l) to \(h)"
        case let (l?, nil): return "accepted values are \(l) or more"
        case let (nil, h?): return "accepted values are \(h) or less"
        default: return "check the value"
        }
    }

    /// -1, 0, 1 for two dates or two numbers; nil when either is missing or they do not compare.
    private func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case let (.date(x), .date(y)): return x < y ? -1 : (x == y ? 0 : 1)
        default:
            guard let x = a.number, let y = b.number else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }
}
