import ImpactCore

/// One entry of the milestones timeline: a fixed event, or one found in the data.
public struct MilestoneDefinition: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `{year: 2000, text: The office opens}`
        case fixed(year: Int)
        /// `{first: convictions, text: First conviction}`: the first period the metric is above zero.
        case first(metric: String)
        /// `{reach: survivors_rescued, value: 500, text: ...}`: the period its running total reaches the value.
        case reach(metric: String, value: Int)
        /// `{ladder: survivors_rescued, values: [100, 250, 500], text: "{n}th survivor"}`: one entry per value reached.
        case ladder(metric: String, values: [Int])
    }

    public var kind: Kind
    /// For a ladder, `{n}` becomes the value (500) and `{nth}` its ordinal (500th).
    public var text: String
    public var detail: String?
    public var line: Int

    static func decode(_ node: ConfigNode) throws(ConfigError) -> MilestoneDefinition {
        let fields = try node.fields("a milestone", allowed: ["year", "first", "reach", "ladder", "value", "values", "text", "detail"])
        let text = try fields.requiredString("text")
        let detail = try fields.string("detail")
        let kinds = ["year", "first", "reach", "ladder"].filter { fields[$0] != nil }
        guard kinds.count == 1 else {
            throw ConfigError(line: node.line, "a milestone needs exactly one of year, first, reach or ladder")
        }
        let kind: Kind
        switch kinds[0] {
        case "year":
            let year = try fields.int("year") ?? 0
            guard (1...9999).contains(year) else { throw ConfigError(line: node.line, "'year' must be a year such as 2004") }
            kind = .fixed(year: year)
        case "first":
            kind = .first(metric: try fields.requiredString("first"))
        case "reach":
            guard let value = try fields.int("value"), value > 0 else {
                throw ConfigError(line: node.line, "a 'reach' milestone needs 'value', a number above zero")
            }
            kind = .reach(metric: try fields.requiredString("reach"), value: value)
        default:
            var values: [Int] = []
            for item in try fields.required("values").list("'values' in a milestone") {
                let value = try item.int("each of 'values'")
                guard value > 0 else { throw ConfigError(line: item.line, "each of 'values' must be above zero") }
                values.append(value)
            }
            guard !values.isEmpty else { throw ConfigError(line: node.line, "a 'ladder' milestone needs 'values'") }
            kind = .ladder(metric: try fields.requiredString("ladder"), values: values.sorted())
        }
        let extra = kinds[0] == "reach" ? ["values"] : kinds[0] == "ladder" ? ["value"] : ["value", "values"]
        if let key = extra.first(where: { fields[$0] != nil }), let stray = fields[key] {
            throw ConfigError(line: stray.line, "'\(key)' does not belong to a '\(kinds[0])' milestone")
        }
        return MilestoneDefinition(kind: kind, text: text, detail: detail, line: node.line)
    }
}
