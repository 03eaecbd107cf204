import ImpactCore

/// The `factsheet:` section of a pipeline file: what the sheet says and which
/// metrics it publishes. Decoded strictly: an unknown key is an error at its line.
public struct FactSheetDefinition: Sendable, Equatable {
    /// The template pair in the templates folder (`brochure` -> brochure.html, brochure.txt).
    public var layout: String = "brochure"
    /// A pipeline's own template base name; used instead of `layout` when given.
    public var template: String?
    public var title: String
    public var place: String?
    public var heading: String?
    public var intro: String?
    public var headline: [HeadlineDefinition] = []
    public var facts: [FactDefinition] = []
    public var quote: QuoteDefinition?
    public var sections: [SectionDefinition] = []
    public var milestones: [MilestoneDefinition] = []
    public var chart: ChartDefinition?
    public var tables: [TableDefinition] = []
    /// Counts from 1 to this minus one are suppressed in breakdowns; 1 turns suppression off.
    public var suppressBelow: Int = 11
    /// Overrides the pipeline-level locale when given.
    public var locale: NumberLocale?
    /// The printed page: `A4`, `letter`, or nil for the printer's own paper.
    public var paper: String? = "A4"
    /// The line of the `factsheet:` key's value.
    public var line: Int = 0

    public init(title: String) { self.title = title }

    static let keys: Set<String> = ["layout", "template", "title", "place", "heading", "intro", "headline",
                                    "facts", "quote", "sections", "milestones", "chart", "tables",
                                    "suppress_below", "locale", "paper"]

    /// Decodes the `factsheet:` mapping.
    public static func decode(node: ConfigNode) throws(ConfigError) -> FactSheetDefinition {
        let fields = try node.fields("factsheet", allowed: keys)
        var definition = FactSheetDefinition(title: try fields.requiredString("title"))
        definition.line = node.line
        if let layout = fields["layout"] {
            definition.layout = try TemplateName.check(try layout.string("'layout' in factsheet"), line: layout.line)
        }
        if let template = fields["template"] {
            definition.template = try TemplateName.check(try template.string("'template' in factsheet"), line: template.line)
        }
        definition.place = try fields.string("place")
        definition.heading = try fields.string("heading")
        definition.intro = try fields.string("intro")
        for item in try fields["headline"]?.list("'headline' in factsheet") ?? [] {
            definition.headline.append(try HeadlineDefinition.decode(item))
        }
        for item in try fields["facts"]?.list("'facts' in factsheet") ?? [] {
            definition.facts.append(try FactDefinition.decode(item))
        }
        if let quote = fields["quote"] { definition.quote = try QuoteDefinition.decode(quote) }
        for item in try fields["sections"]?.list("'sections' in factsheet") ?? [] {
            definition.sections.append(try SectionDefinition.decode(item))
        }
        for item in try fields["milestones"]?.list("'milestones' in factsheet") ?? [] {
            definition.milestones.append(try MilestoneDefinition.decode(item))
        }
        if let chart = fields["chart"] { definition.chart = try ChartDefinition.decode(chart) }
        for item in try fields["tables"]?.list("'tables' in factsheet") ?? [] {
            definition.tables.append(try TableDefinition.decode(item))
        }
        if let k = fields["suppress_below"] {
            let value = try k.int("'suppress_below' in factsheet")
            guard value >= 1 else {
                throw ConfigError(line: k.line, "'suppress_below' must be 1 or more (1 publishes every count); found \(value)")
            }
            definition.suppressBelow = value
        }
        if let locale = fields["locale"] {
            let text = try locale.string("'locale' in factsheet")
            guard let parsed = NumberLocale(identifier: text) else {
                throw ConfigError(line: locale.line, "unknown locale '\(text)'; known: \(NumberLocale.known.joined(separator: ", "))")
            }
            definition.locale = parsed
        }
        if let paper = fields["paper"] {
            switch try paper.string("'paper' in factsheet").lowercased() {
            case "a4": definition.paper = "A4"
            case "letter": definition.paper = "letter"
            case "auto": definition.paper = nil
            default: throw ConfigError(line: paper.line, "'paper' must be a4, letter or auto")
            }
        }
        return definition
    }
}

/// Names of templates: a plain base name, never a path.
public enum TemplateName {
    /// Letters, digits, `-` and `_`, starting with a letter or digit: no `/`, no `..`, no dot at all.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 64 else { return false }
        func allowed(_ s: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "_"
        }
        return allowed(first) && first != "-" && first != "_" && name.unicodeScalars.allSatisfy(allowed)
    }

    static func check(_ name: String, line: Int) throws(ConfigError) -> String {
        guard isValid(name) else {
            throw ConfigError(line: line, "template name '\(name)' must be a plain name (letters, digits, - and _), not a path")
        }
        return name
    }
}
