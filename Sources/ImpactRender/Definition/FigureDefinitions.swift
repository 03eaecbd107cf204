import ImpactCore

/// One headline figure: `{metric, label, round: {down: 10} | {significant: 3} | none, wording: plus|over}`.
public struct HeadlineDefinition: Sendable, Equatable {
    public var metric: String
    public var label: String
    public var rounding: RoundingRule = .none
    public var wording: RoundingWording = .plus
    public var line: Int

    public init(metric: String, label: String, rounding: RoundingRule = .none, wording: RoundingWording = .plus, line: Int = 0) {
        self.metric = metric
        self.label = label
        self.rounding = rounding
        self.wording = wording
        self.line = line
    }

    static func decode(_ node: ConfigNode) throws(ConfigError) -> HeadlineDefinition {
        let fields = try node.fields("a headline figure", allowed: ["metric", "label", "round", "wording"])
        var headline = HeadlineDefinition(metric: try fields.requiredString("metric"),
                                          label: try fields.requiredString("label"), line: node.line)
        if let round = fields["round"] { headline.rounding = try decodeRounding(round) }
        if let wording = fields["wording"] {
            let text = try wording.string("'wording' in a headline figure")
            guard let parsed = RoundingWording(rawValue: text) else {
                throw ConfigError(line: wording.line, "'wording' must be plus (\"640+\") or over (\"over 640\"), found '\(text)'")
            }
            headline.wording = parsed
        }
        return headline
    }

    static func decodeRounding(_ node: ConfigNode) throws(ConfigError) -> RoundingRule {
        if case .scalar(let text, _) = node {
            guard text == "none" else {
                throw ConfigError(line: node.line, "'round' must be none, {down: 10} or {significant: 3}, found '\(text)'")
            }
            return .none
        }
        let fields = try node.fields("'round'", allowed: ["down", "significant"])
        switch (try fields.int("down"), try fields.int("significant")) {
        case (let step?, nil):
            guard step >= 1 else { throw ConfigError(line: node.line, "'down' must be 1 or more") }
            return .down(step: step)
        case (nil, let digits?):
            guard (1...15).contains(digits) else { throw ConfigError(line: node.line, "'significant' must be from 1 to 15") }
            return .significant(digits: digits)
        default:
            throw ConfigError(line: node.line, "'round' takes one of down or significant")
        }
    }
}

/// A fact that is not ours: `{text, figure?, source}`; sources become numbered notes in order.
public struct FactDefinition: Sendable, Equatable {
    public var text: String
    /// Shown large before the text ("40.3 million").
    public var figure: String?
    public var source: String
    public var line: Int

    static func decode(_ node: ConfigNode) throws(ConfigError) -> FactDefinition {
        let fields = try node.fields("a fact", allowed: ["text", "figure", "source"])
        return FactDefinition(text: try fields.requiredString("text"), figure: try fields.string("figure"),
                              source: try fields.requiredString("source"), line: node.line)
    }
}

/// A quote: published only with `consent: true`; `pseudonym: true` prints "*A pseudonym".
public struct QuoteDefinition: Sendable, Equatable {
    public var text: String
    public var by: String
    public var role: String?
    public var pseudonym: Bool
    public var consent: Bool
    public var line: Int

    static func decode(_ node: ConfigNode) throws(ConfigError) -> QuoteDefinition {
        let fields = try node.fields("quote", allowed: ["text", "by", "role", "pseudonym", "consent"])
        return QuoteDefinition(text: try fields.requiredString("text"), by: try fields.requiredString("by"),
                               role: try fields.string("role"), pseudonym: try fields.bool("pseudonym") ?? false,
                               consent: try fields.bool("consent") ?? false, line: node.line)
    }
}

/// A prose section: paragraphs separated by blank lines, `**bold**`, lines starting "- " as lists.
public struct SectionDefinition: Sendable, Equatable {
    public var title: String
    public var body: String
    public var line: Int

    static func decode(_ node: ConfigNode) throws(ConfigError) -> SectionDefinition {
        let fields = try node.fields("a section", allowed: ["title", "body"])
        return SectionDefinition(title: try fields.requiredString("title"), body: try fields.requiredString("body"), line: node.line)
    }
}

/// The chart: `{metric, title}`, one bar per period of the metric's series.
public struct ChartDefinition: Sendable, Equatable {
    public var metric: String
    public var title: String
    public var line: Int

    static func decode(_ node: ConfigNode) throws(ConfigError) -> ChartDefinition {
        let fields = try node.fields("chart", allowed: ["metric", "title"])
        return ChartDefinition(metric: try fields.requiredString("metric"), title: try fields.requiredString("title"), line: node.line)
    }
}

/// A published breakdown: `{metric, title}`; the metric's groups, suppressed.
public struct TableDefinition: Sendable, Equatable {
    public var metric: String
    public var title: String
    public var line: Int

    static func decode(_ node: ConfigNode) throws(ConfigError) -> TableDefinition {
        let fields = try node.fields("a table", allowed: ["metric", "title"])
        return TableDefinition(metric: try fields.requiredString("metric"), title: try fields.requiredString("title"), line: node.line)
    }
}
