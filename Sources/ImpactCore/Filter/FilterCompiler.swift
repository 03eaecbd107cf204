extension FilterExpression {
    /// Resolves field names to slots and checks types against `schema`.
    /// An unknown field is an error naming it and listing the schema's fields;
    /// a comparison of things that cannot compare (a text field with a number,
    /// `year(office)`) is an error at the operand's column.
    public func compile(against schema: RecordSchema) throws(FilterError) -> CompiledFilter {
        CompiledFilter(root: try FilterCompiler(schema: schema).node(self))
    }
}

/// The type family of an operand, for checking comparisons once.
private enum OperandKind {
    case text, numeric, date, bool, list
    var noun: String {
        switch self {
        case .text: return "text"
        case .numeric: return "a number"
        case .date: return "a date"
        case .bool: return "true/false"
        case .list: return "a list"
        }
    }
}

private struct FilterCompiler {
    let schema: RecordSchema

    func node(_ expression: FilterExpression) throws(FilterError) -> CompiledFilter.Node {
        switch expression {
        case .and(let a, let b): return .and(try node(a), try node(b))
        case .or(let a, let b): return .or(try node(a), try node(b))
        case .not(let a): return .not(try node(a))
        case .isMissing(let operand, let negated):
            return .isMissing(try access(operand).0, negated: negated)
        case .truth(let operand):
            let (accessor, kind) = try access(operand)
            guard kind == .bool else {
                throw FilterError(column: operand.column, "\(name(operand)) is \(kind.noun), not true/false: compare it (==, <, in [...]) or test 'is missing'")
            }
            return .truth(accessor)
        case .compare(let left, let op, let right):
            var (a, ka) = try access(left)
            var (b, kb) = try access(right)
            // A quoted ISO date compared with a date field reads as a date.
            if ka == .date, kb == .text, case .constant(.text(let text)) = b, let day = Day(iso: text) { b = .constant(.date(day)); kb = .date }
            if kb == .date, ka == .text, case .constant(.text(let text)) = a, let day = Day(iso: text) { a = .constant(.date(day)); ka = .date }
            if ka == .list || kb == .list {
                let other = ka == .list ? kb : ka
                guard other == .text, op == .equal || op == .notEqual else {
                    throw FilterError(column: left.column, "a list field can only be tested with == \"item\" (holds the item), != \"item\" or 'is missing'")
                }
                return .compare(a, op, b)
            }
            guard ka == kb else {
                throw FilterError(column: right.column, "cannot compare \(name(left)) (\(ka.noun)) with \(name(right)) (\(kb.noun))\(quoteHint(kb, ka))")
            }
            if ka == .bool, op != .equal, op != .notEqual {
                throw FilterError(column: left.column, "true/false values can only be compared with == or !=")
            }
            return .compare(a, op, b)
        case .oneOf(let operand, let items):
            let (accessor, kind) = try access(operand)
            var values: [Value] = []
            for item in items {
                var value = Self.value(item)
                if kind == .date, case .text(let text) = value, let day = Day(iso: text) { value = .date(day) }
                let itemKind = Self.kind(of: value)
                guard itemKind == kind || (kind == .list && itemKind == .text) else {
                    throw FilterError(column: operand.column, "\(name(operand)) is \(kind.noun) but the list after 'in' holds \(itemKind.noun)\(quoteHint(itemKind, kind))")
                }
                values.append(value)
            }
            return .oneOf(accessor, values)
        }
    }

    private func quoteHint(_ found: OperandKind, _ wanted: OperandKind) -> String {
        wanted == .text && found == .numeric ? "; put text in quotes: \"...\"" : ""
    }

    private func name(_ operand: FilterOperand) -> String {
        switch operand {
        case .literal(let literal, _): return "the value \(Self.value(literal).display)"
        default: return operand.quotedName ?? ""
        }
    }

    private func resolve(_ field: String, column: Int) throws(FilterError) -> (Int, FieldType) {
        guard let slot = schema.slot(of: field) else {
            let known = schema.fields.map(\.name).joined(separator: ", ")
            throw FilterError(column: column, "unknown field '\(field)'\(schema.suggestion(for: field)); the \(schema.kind) fields are: \(known)")
        }
        return (slot, schema.fields[slot].type)
    }

    private func access(_ operand: FilterOperand) throws(FilterError) -> (CompiledFilter.Accessor, OperandKind) {
        switch operand {
        case .literal(let literal, _):
            let value = Self.value(literal)
            return (.constant(value), Self.kind(of: value))
        case .field(let field, let column):
            let (slot, type) = try resolve(field, column: column)
            return (.slot(slot), Self.kind(of: type))
        case .function(let function, let field, let column):
            let (slot, type) = try resolve(field, column: column)
            guard type == .date else {
                throw FilterError(column: column, "\(function.rawValue)(...) needs a date field; '\(field)' is \(Self.kind(of: type).noun)")
            }
            switch function {
            case .year: return (.year(slot), .numeric)
            case .month: return (.month(slot), .numeric)
            case .quarter: return (.quarter(slot), .numeric)
            }
        case .days(let from, let to, let column):
            var slots: [Int] = []
            for field in [from, to] {
                let (slot, type) = try resolve(field, column: column)
                guard type == .date else {
                    throw FilterError(column: column, "days(...) needs two date fields; '\(field)' is \(Self.kind(of: type).noun)")
                }
                slots.append(slot)
            }
            return (.days(slots[0], slots[1]), .numeric)
        }
    }

    static func value(_ literal: FilterLiteral) -> Value {
        switch literal {
        case .text(let text): return .text(text)
        case .number(let value, let isInteger): return isInteger ? .integer(Int(value)) : .number(value)
        case .date(let day): return .date(day)
        case .bool(let flag): return .bool(flag)
        }
    }

    private static func kind(of type: FieldType) -> OperandKind {
        switch type {
        case .text: return .text
        case .integer, .number: return .numeric
        case .date: return .date
        case .bool: return .bool
        case .list: return .list
        }
    }

    private static func kind(of value: Value) -> OperandKind {
        switch value {
        case .integer, .number, .censored, .missing: return .numeric
        case .text: return .text
        case .date: return .date
        case .bool: return .bool
        case .list: return .list
        }
    }
}
