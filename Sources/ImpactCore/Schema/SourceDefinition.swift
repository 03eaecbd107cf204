/// The file format of a source: `csv`, `json`, or `auto` (by the path's extension).
public enum SourceFormatHint: String, Sendable, Hashable, CaseIterable {
    case csv, json, auto

    /// `auto` resolved by extension: `.json`, `.jsonl` and `.ndjson` are JSON, anything else CSV.
    public func resolved(path: String) -> SourceFormatHint {
        guard self == .auto else { return self }
        let lower = path.lowercased()
        return [".json", ".jsonl", ".ndjson"].contains { lower.hasSuffix($0) } ? .json : .csv
    }
}

/// The pipeline-level settings a source inherits: `date_format`, `missing` and `decimal`.
public struct SourceDefaults: Sendable, Hashable {
    public var dateFormats: [DatePattern]
    public var missing: [String]
    /// `decimal: ","`: numbers written with a decimal comma.
    public var decimalComma: Bool

    public init(dateFormats: [DatePattern] = [], missing: [String] = MissingMarkers.defaultList, decimalComma: Bool = false) {
        self.dateFormats = dateFormats
        self.missing = missing
        self.decimalComma = decimalComma
    }

    /// `decimal:` is "." (the default) or ","; the answer is whether it is a comma.
    public static func decimalComma(_ node: ConfigNode, what: String) throws(ConfigError) -> Bool {
        switch try node.string(what) {
        case ".": return false
        case ",": return true
        case let other:
            throw ConfigError(line: node.line, "\(what) is \".\" (12.5, 1,500: the default) or \",\" (12,5, 1.500); found '\(other)'")
        }
    }

    /// Reads the pipeline's top-level `date_format:`, `missing:` and `decimal:` nodes (any may be absent).
    public static func decode(dateFormat: ConfigNode?, missing: ConfigNode?, decimal: ConfigNode? = nil) throws(ConfigError) -> SourceDefaults {
        var defaults = SourceDefaults()
        if let decimal { defaults.decimalComma = try decimalComma(decimal, what: "decimal") }
        if let dateFormat, dateFormat != .null(line: dateFormat.line) {
            defaults.dateFormats = try DatePattern.decodeList(dateFormat, what: "date_format")
        }
        if let missing, missing != .null(line: missing.line) {
            defaults.missing = try missing.strings("missing")
        }
        return defaults
    }
}

/// One source of a pipeline, decoded from its entry under `sources:`: which
/// file, what kind of records, how its columns map to canonical fields, how its
/// values are read, and which checks apply.
public struct SourceDefinition: Sendable {
    public var name: String
    public var kind: RecordKindSpec
    /// The path as written (relative to the pipeline file).
    public var path: String
    /// The line of the source's entry in the pipeline file.
    public var line: Int
    public var formatHint: SourceFormatHint
    /// CSV delimiter (one character), nil for the reader's default (comma).
    public var delimiter: String?
    /// Lines before the CSV header to skip (titles, export notes).
    public var preambleLines: Int
    /// `csv: { encoding: windows-1252 }`: the export's encoding (default UTF-8).
    public var encoding: TextEncoding = .utf8
    /// JSON: the key under which the array of records sits (`data`), nil for a top-level array.
    public var recordsKey: String?
    /// JSON: lists of name/value objects read as fields (`json: { pairs: ... }`).
    public var pairLists: [JSONPairList] = []
    /// JSON: the list inside each record whose objects are records of their own
    /// (`json: { each: survivors }`), each with the record's other fields.
    public var each: String?
    /// One mapping per schema field, in schema order.
    public var columns: [ColumnMapping]
    /// Header names of identifying columns: dropped as the row is read.
    public var identifying: [String]
    /// The source's missing markers (its own, else the pipeline's, else the default list).
    public var missing: [String]
    /// The source's date formats (its own, else the pipeline's); ISO is always accepted too.
    public var dateFormats: [DatePattern]
    /// Numbers written with a decimal comma (`decimal: ","`, the source's or the pipeline's).
    public var decimalComma = false
    /// `list_separator:` the one character between a list field's items (a KoboToolbox
    /// select_multiple writes `shelter legal_aid`, space apart); nil: `;`, `|` or `,`.
    public var listSeparator: Character?
    public var whereText: String?
    public var whereLine: Int
    /// `fill_down:` fields whose empty values take the value of the row above (`FillDown`).
    public var fillDown: [String] = []
    /// The kind's default checks merged with the pipeline's.
    public var checks: [CheckRule]
    /// Whether the source checks for repeated rows (the `duplicate` check, on by default).
    public var checksDuplicates: Bool { checks.contains { $0.rule == .duplicate } }

    /// The schema of the source's records.
    public var schema: RecordSchema { kind.schema }

    /// The format with `auto` resolved by the path's extension.
    public var format: SourceFormatHint { formatHint.resolved(path: path) }

    /// Other sources' fields this source's `relationships` checks look up: the
    /// pipeline reads those sources first and hands their key sets to the validator.
    public var relationshipTargets: [RelationshipTarget] {
        var seen = Set<RelationshipTarget>()
        var out: [RelationshipTarget] = []
        for check in checks {
            if case .relationships(_, let to) = check.rule, seen.insert(to).inserted { out.append(to) }
        }
        return out
    }

    static let allowedKeys: Set<String> = [
        "kind", "path", "format", "csv", "json", "columns", "identifying", "missing",
        "date_format", "decimal", "where", "checks", "fields", "primary_date", "fill_down", "list_separator",
    ]
}
