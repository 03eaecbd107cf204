import ImpactCore
import ImpactRender

/// The `monthly:` section of a pipeline file: which metrics the monthly report
/// shows, under which labels, with which template.
///
/// ```yaml
/// monthly:
///   title: Mumbai monthly report
///   place: The Mumbai field office      # optional
///   template: monthly                    # reports/templates/monthly.html, monthly.txt (the default)
///   suppress_below: 11                   # counts from 1 to 10 read "fewer than 11" (the default)
///   metrics:
///     - survivors_rescued                # labelled "survivors rescued"
///     - { metric: officials_trained, label: officials trained, suppress: false }
/// ```
public struct MonthlyDefinition: Sendable {
    /// One metric of the report.
    public struct Item: Sendable {
        public var metric: String
        public var label: String
        /// Whether small counts are hidden; nil: counts (`count`, `count_distinct`) are, sums and ratios are not.
        public var suppress: Bool?
        public var line: Int
    }

    public static let allowedKeys: Set<String> = ["title", "place", "template", "suppress_below", "metrics"]

    public var title: String
    public var place: String?
    public var template: String
    public var suppressBelow: Int
    public var items: [Item]

    /// Decodes the section and checks each metric name against the pipeline's metrics.
    public static func decode(node: ConfigNode, metrics: [MetricDefinition]) throws(ConfigError) -> MonthlyDefinition {
        let fields = try node.fields("monthly", allowed: allowedKeys)
        let title = try fields.requiredString("title")
        var template = "monthly"
        if let name = try fields.string("template") {
            guard TemplateName.isValid(name) else {
                throw ConfigError(line: fields["template"]?.line ?? fields.line,
                                  "template name '\(name)' must be a plain name (letters, digits, - and _), not a path")
            }
            template = name
        }
        let suppressBelow = try fields.int("suppress_below") ?? 11
        guard suppressBelow >= 1 else {
            throw ConfigError(line: fields["suppress_below"]?.line ?? fields.line,
                              "suppress_below in monthly must be 1 or more (1 hides nothing)")
        }
        let known = metrics.map(\.name)
        var items: [Item] = []
        for entry in try fields.required("metrics").list("'metrics' in monthly") {
            let item: Item
            switch entry {
            case .scalar(let name, let line):
                item = Item(metric: name, label: name.replacingOccurrences(of: "_", with: " "), suppress: nil, line: line)
            default:
                let parts = try entry.fields("a metric of monthly", allowed: ["metric", "label", "suppress"])
                let name = try parts.requiredString("metric")
                item = Item(metric: name, label: try parts.string("label") ?? name.replacingOccurrences(of: "_", with: " "),
                            suppress: try parts.bool("suppress"), line: entry.line)
            }
            guard known.contains(item.metric) else {
                throw ConfigError(line: item.line, "monthly lists '\(item.metric)', which is not a metric; metrics: \(known.joined(separator: ", "))")
            }
            items.append(item)
        }
        if items.isEmpty {
            throw ConfigError(line: fields.line, "monthly: 'metrics' lists no metric; name at least one")
        }
        return MonthlyDefinition(title: title, place: try fields.string("place"), template: template,
                                 suppressBelow: suppressBelow, items: items)
    }
}
