import Foundation
import ImpactCore

/// The top level of a pipeline file, read strictly: every key known, every
/// value of the right shape, each mistake reported at its line. The sections
/// (`sources`, `metrics`, `factsheet`) are decoded by their own stages.
public struct PipelineFile: Sendable {
    public static let topLevelKeys: Set<String> = [
        "name", "description", "locale", "period", "date_format", "missing", "decimal",
        "sources", "metrics", "factsheet", "templates", "monthly", "limits",
    ]

    /// The file as given on the command line.
    public var path: String
    /// The folder paths in the file are relative to.
    public var directory: String
    /// Names the output folder (`reports/<name>/`): letters, digits, `-`, `_`, `.`.
    public var name: String
    public var description: String?
    public var locale: String
    public var since: Day?
    /// A fixed end of the period; the run's `--as-of` date when absent.
    public var until: Day?
    /// The pipeline-wide `date_format:` and `missing:` nodes (sources' defaults).
    public var dateFormat: ConfigNode?
    public var missing: ConfigNode?
    /// The pipeline-wide `decimal:` node ("." or ","), the sources' default.
    public var decimal: ConfigNode?
    /// The templates folder, relative to the pipeline file (default `../reports/templates`).
    public var templates: String
    /// True when the pipeline file sets `templates:` itself.
    public var templatesGiven = false
    /// `limits: { max_groups: N }`: the most groups one breakdown may hold.
    public var maxGroups = BreakdownLimit.defaultMaxGroups
    public var sources: ConfigNode
    public var metrics: ConfigNode?
    public var factsheet: ConfigNode?
    public var monthly: ConfigNode?

    public static func load(path: String) throws(ConfigError) -> PipelineFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ConfigError(file: path, line: 0, exists ? "cannot read the pipeline file" : "no pipeline file here; check the path")
        }
        guard data.count <= 4 << 20 else {
            throw ConfigError(file: path, line: 0, "the pipeline file is over 4 MiB; a pipeline file is never this large")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: 0, "the pipeline file is not UTF-8 text")
        }
        let root = try YAMLConfig.parse(text, file: path)
        do {
            return try PipelineFile(root: root, path: path)
        } catch {
            throw error.inFile(path)
        }
    }

    public init(root: ConfigNode, path: String) throws(ConfigError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        directory = folder.isEmpty ? "." : folder
        let top = try root.fields("the pipeline file", allowed: PipelineFile.topLevelKeys)
        name = try top.requiredString("name")
        try PipelineFile.checkName(name, line: top.required("name").line)
        description = try top.string("description")
        locale = try top.string("locale") ?? "en"
        if let period = top["period"] {
            let fields = try period.fields("period", allowed: ["since", "until"])
            since = try fields["since"].map { node throws(ConfigError) in try PipelineFile.day(node, "period.since") }
            until = try fields["until"].map { node throws(ConfigError) in try PipelineFile.day(node, "period.until") }
        }
        dateFormat = top["date_format"]
        missing = top["missing"]
        decimal = top["decimal"]
        templatesGiven = top["templates"] != nil
        templates = try top.string("templates") ?? "../reports/templates"
        if let limits = top["limits"] {
            let fields = try limits.fields("limits", allowed: ["max_groups"])
            if let value = try fields.int("max_groups") {
                guard value >= 1 else {
                    throw ConfigError(line: fields["max_groups"]?.line ?? limits.line, "limits.max_groups must be 1 or more")
                }
                maxGroups = value
            }
        }
        sources = try top.required("sources")
        metrics = top["metrics"]
        factsheet = top["factsheet"]
        monthly = top["monthly"]
    }

    /// The templates folder: `templates:` relative to the pipeline file; without
    /// it, `../reports/templates` beside the pipeline file, else `reports/templates`
    /// in the current folder, else the templates that came with the tool (a pipeline
    /// kept outside the project's folder, run from anywhere).
    public var templatesDirectory: String {
        let own = resolve(templates)
        if templatesGiven { return own }
        func isFolder(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if isFolder(own) { return own }
        if isFolder("reports/templates") { return "reports/templates" }
        return ToolTemplates.directory ?? own
    }

    /// A stand-in for sources read without a pipeline file (queries on a raw
    /// export): paths are taken as given.
    static func bare(path: String) -> PipelineFile {
        PipelineFile(path: path, directory: ".", name: "query", description: nil, locale: "en", since: nil, until: nil,
                     dateFormat: nil, missing: nil, templates: "", sources: .null(line: 0), metrics: nil, factsheet: nil, monthly: nil)
    }

    private init(path: String, directory: String, name: String, description: String?, locale: String, since: Day?, until: Day?,
                 dateFormat: ConfigNode?, missing: ConfigNode?, templates: String, sources: ConfigNode,
                 metrics: ConfigNode?, factsheet: ConfigNode?, monthly: ConfigNode?) {
        self.path = path
        self.directory = directory
        self.name = name
        self.description = description
        self.locale = locale
        self.since = since
        self.until = until
        self.dateFormat = dateFormat
        self.missing = missing
        self.templates = templates
        self.sources = sources
        self.metrics = metrics
        self.factsheet = factsheet
        self.monthly = monthly
    }

    /// A path from the pipeline file, resolved against the pipeline's folder.
    /// `pipelines/../fixtures/x.csv` becomes `fixtures/x.csv`, so that messages
    /// name files as the user would type them from the current folder.
    public func resolve(_ relative: String) -> String {
        if relative.hasPrefix("/") { return PipelineFile.normalize(relative) }
        return PipelineFile.normalize(directory + "/" + relative)
    }

    /// Removes `.` and `name/..` pairs from a path, textually.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func checkName(_ name: String, line: Int) throws(ConfigError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard !name.isEmpty, name.count <= 100, name.allSatisfy({ allowed.contains($0) }),
              !name.hasPrefix("."), !name.contains("..") else {
            throw ConfigError(line: line, "name '\(name)' names the output folder: use letters, digits, '-', '_' or '.', not starting with '.' and without '/' or '..'")
        }
    }

    static func day(_ node: ConfigNode, _ what: String) throws(ConfigError) -> Day {
        let text = try node.string(what)
        guard let day = Day(iso: text) else {
            throw ConfigError(line: node.line, "\(what) must be a date written yyyy-MM-dd, found '\(text)'")
        }
        return day
    }
}
