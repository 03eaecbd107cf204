extension CheckRule {
    /// The names a `checks:` entry may use.
    public static let names = ["required", "type", "accepted_values", "range", "unique",
                               "relationships", "order", "duplicate"]

    /// The checks every source of a kind gets unless its pipeline replaces them:
    /// `required` on the kind's required fields, `range` on its numeric fields
    /// (age 0 to 120), no date after the as-of date on every date field (a
    /// warning: such a row is kept but falls outside every period, since an
    /// export made after the as-of date legitimately holds later rows), and
    /// `duplicate` rows as a warning.
    public static func defaults(for kind: RecordKindSpec) -> [CheckRule] {
        var rules: [CheckRule] = []
        for field in kind.requiredFields where kind.type(of: field) != nil {
            rules.append(CheckRule(.required(field: field)))
        }
        for range in kind.numericRanges where kind.type(of: range.field) != nil {
            rules.append(CheckRule(.range(field: range.field, min: range.min.map(RangeBound.number),
                                          max: range.max.map(RangeBound.number))))
        }
        for field in kind.fields where field.type == .date {
            rules.append(CheckRule(.range(field: field.name, min: nil, max: .asOf), severity: .warning))
        }
        rules.append(CheckRule(.duplicate, severity: .warning))
        return rules
    }

    /// Decodes a source's `checks:` list and merges it with the kind's defaults:
    /// a pipeline check of the same name on the same field replaces the default;
    /// `duplicate: off` removes the duplicate check.
    public static func decodeList(_ node: ConfigNode?, schema: RecordSchema, defaults: [CheckRule]) throws(ConfigError) -> [CheckRule] {
        var own: [CheckRule] = []
        var duplicateOff = false
        if let node {
            for item in try node.list("checks") {
                if case .mapping(let entries, _) = item, entries.count <= 2,
                   entries.contains(where: { $0.key == "duplicate" }),
                   let value = entries.first(where: { $0.key == "duplicate" })?.value,
                   case .scalar(let text, _) = value, ["off", "false", "no"].contains(text.lowercased()) {
                    duplicateOff = true
                    continue
                }
                own += try decodeEntry(item, schema: schema)
            }
        }
        let replaced = Set(own.map(\.overrideKey))
        var rules = defaults.filter { !replaced.contains($0.overrideKey) }
        if duplicateOff { rules.removeAll { $0.rule == .duplicate } }
        return rules + own
    }

    /// One entry: a mapping with one check name (and optionally `severity` beside it).
    static func decodeEntry(_ item: ConfigNode, schema: RecordSchema) throws(ConfigError) -> [CheckRule] {
        let entries = try item.entries("a check")
        let named = entries.filter { $0.key != "severity" }
        guard named.count == 1, let entry = named.first else {
            throw ConfigError(line: item.line, "each check names exactly one of: \(names.joined(separator: ", "))")
        }
        var severity = Finding.Severity.error
        if let node = entries.first(where: { $0.key == "severity" })?.value {
            severity = try decodeSeverity(node)
        }
        let node = entry.value
        let line = node.line
        func field(_ name: String, _ what: String) throws(ConfigError) -> String {
            guard schema.slot(of: name) != nil else {
                let known = schema.fields.map(\.name).joined(separator: ", ")
                throw ConfigError(line: line, "\(what) names '\(name)', which is not a field of \(schema.kind); its fields: \(known)")
            }
            return name
        }
        /// The check's settings when written as a mapping (reading its severity), else nil.
        func settings(_ allowed: Set<String>) throws(ConfigError) -> ConfigFields? {
            guard case .mapping = node else { return nil }
            let keys = try node.fields("the \(entry.key) check", allowed: allowed.union(["severity"]))
            if let s = keys["severity"] { severity = try decodeSeverity(s) }
            return keys
        }
        /// `check: value`, or `check: { key: value, severity: ... }`.
        func scalarOrSetting(_ key: String, _ what: String) throws(ConfigError) -> String {
            if let keys = try settings([key]) { return try keys.requiredString(key) }
            return try node.string(what)
        }

        switch entry.key {
        case "required":
            let fieldNames: [String]
            if let keys = try settings(["fields", "field"]) {
                fieldNames = (try keys.strings("fields") ?? []) + (try keys.string("field").map { [$0] } ?? [])
            } else {
                fieldNames = try node.strings("the required check")
            }
            var rules: [CheckRule] = []
            for name in fieldNames {
                rules.append(CheckRule(.required(field: try field(name, "required")), severity: severity, line: line))
            }
            return rules
        case "type":
            let name = try scalarOrSetting("field", "the type check")
            return [CheckRule(.type(field: try field(name, "type")), severity: severity, line: line)]
        case "unique":
            let name = try scalarOrSetting("field", "the unique check")
            return [CheckRule(.unique(field: try field(name, "unique")), severity: severity, line: line)]
        case "accepted_values":
            guard let keys = try settings(["field", "values"]) else {
                throw ConfigError(line: line, "accepted_values needs a mapping: { field: sex, values: [F, M, X] }")
            }
            let name = try field(try keys.requiredString("field"), "accepted_values")
            let values = try keys.required("values").strings("'values' of accepted_values")
            return [CheckRule(.acceptedValues(field: name, values: values), severity: severity, line: line)]
        case "range":
            guard let keys = try settings(["field", "min", "max"]) else {
                throw ConfigError(line: line, "range needs a mapping: { field: age, min: 0, max: 120 }")
            }
            let name = try field(try keys.requiredString("field"), "range")
            let type = schema.type(of: name) ?? .text
            var minimum: RangeBound?, maximum: RangeBound?
            if let n = keys["min"] { minimum = try decodeBound(n, type: type, field: name) }
            if let n = keys["max"] { maximum = try decodeBound(n, type: type, field: name) }
            if type == .date, maximum == nil { maximum = .asOf }
            guard minimum != nil || maximum != nil else {
                throw ConfigError(line: line, "range on '\(name)' needs 'min', 'max' or both")
            }
            return [CheckRule(.range(field: name, min: minimum, max: maximum), severity: severity, line: line)]
        case "relationships":
            guard let keys = try settings(["field", "to"]) else {
                throw ConfigError(line: line, "relationships needs a mapping: { field: case_id, to: rescues.case_id }")
            }
            let name = try field(try keys.requiredString("field"), "relationships")
            let to = try keys.requiredString("to")
            let parts = to.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ConfigError(line: line, "'to' of relationships is written source.field, as in rescues.case_id; found '\(to)'")
            }
            let target = RelationshipTarget(source: String(parts[0]), field: String(parts[1]))
            return [CheckRule(.relationships(field: name, to: target), severity: severity, line: line)]
        case "order":
            let text = try scalarOrSetting("rule", "the order check")
            let (left, op, right) = try decodeOrder(text, line: line)
            let l = try field(left, "order"), r = try field(right, "order")
            let lt = schema.type(of: l), rt = schema.type(of: r)
            let comparable: Set<FieldType> = [.integer, .number, .date]
            guard let lt, let rt, comparable.contains(lt), comparable.contains(rt),
                  (lt == .date) == (rt == .date) else {
                throw ConfigError(line: line, "order compares two dates or two numbers; '\(l)' and '\(r)' are not both")
            }
            return [CheckRule(.order(left: l, op: op, right: r), severity: severity, line: line)]
        case "duplicate":
            if case .scalar(let text, _) = node {
                severity = try decodeSeverity(.scalar(text, line: line))
            } else {
                _ = try settings([])
            }
            return [CheckRule(.duplicate, severity: severity, line: line)]
        default:
            throw ConfigError(line: line, "unknown check '\(entry.key)'; known checks: \(names.joined(separator: ", "))")
        }
    }

    static func decodeSeverity(_ node: ConfigNode) throws(ConfigError) -> Finding.Severity {
        let text = try node.string("severity")
        guard let severity = Finding.Severity(rawValue: text.lowercased()) else {
            throw ConfigError(line: node.line, "severity is error or warning, found '\(text)'")
        }
        return severity
    }

    static func decodeBound(_ node: ConfigNode, type: FieldType, field: String) throws(ConfigError) -> RangeBound {
        let text = try node.string("a bound of range")
        switch type {
        case .date:
            if text == "as_of" { return .asOf }
            guard let day = Day(iso: text) else {
                throw ConfigError(line: node.line, "a bound of range on the date '\(field)' is written yyyy-MM-dd or as_of; found '\(text)'")
            }
            return .date(day)
        case .integer, .number:
            return .number(try node.double("a bound of range on '\(field)'"))
        default:
            throw ConfigError(line: node.line, "range applies to numbers and dates; '\(field)' is a \(type.rawValue) field")
        }
    }

    /// `verdict_date >= arrest_date` -> ("verdict_date", >=, "arrest_date").
    static func decodeOrder(_ text: String, line: Int) throws(ConfigError) -> (String, OrderOperator, String) {
        for op in [OrderOperator.greaterOrEqual, .lessOrEqual, .equal, .greater, .less] {
            let parts = text.split(separator: op.rawValue, omittingEmptySubsequences: false)
            if parts.count == 2 {
                let left = String(trimWhitespace(String(parts[0]))), right = String(trimWhitespace(String(parts[1])))
                if !left.isEmpty, !right.isEmpty, !left.contains(where: { "<>=".contains($0) }),
                   !right.contains(where: { "<>=".contains($0) }) {
                    return (left, op, right)
                }
            }
        }
        throw ConfigError(line: line, "order is written 'field >= field' (or >, <=, <, ==); found '\(text)'")
    }
}
