/// How one canonical field is found in an export and read: the header (or
/// aliases) it comes from, the value map, and the field's own date formats and
/// missing markers when they differ from the source's.
public struct ColumnMapping: Sendable, Hashable {
    /// The canonical field (`person_id`).
    public var field: String
    /// Header names to look for, as written; the first found wins.
    public var headers: [String]
    /// True when the pipeline names the column (then a CSV header lacking it is an error);
    /// false when the field is looked up under its own name and may be absent.
    public var isExplicit: Bool
    /// Lower-cased raw text -> canonical text.
    public var valueMap: [String: String]
    public var dateFormats: [DatePattern]?
    public var missing: [String]?
    /// The line of the mapping in the pipeline file (0 when implicit).
    public var line: Int

    public init(field: String, headers: [String], isExplicit: Bool, valueMap: [String: String] = [:],
                dateFormats: [DatePattern]? = nil, missing: [String]? = nil, line: Int = 0) {
        self.field = field
        self.headers = headers
        self.isExplicit = isExplicit
        self.valueMap = valueMap
        self.dateFormats = dateFormats
        self.missing = missing
        self.line = line
    }

    static let allowedKeys: Set<String> = ["column", "columns", "values", "format", "missing"]

    /// Decodes one entry of `columns:`: a header name, a list of aliases, or a mapping
    /// `{ column | columns, values, format, missing }`.
    static func decode(field: String, type: FieldType, node: ConfigNode) throws(ConfigError) -> ColumnMapping {
        let what = "the column of '\(field)'"
        switch node {
        case .scalar(let header, let line):
            return ColumnMapping(field: field, headers: [header], isExplicit: true, line: line)
        case .sequence(_, let line):
            let headers = try node.strings(what)
            guard !headers.isEmpty else { throw ConfigError(line: line, "\(what) lists no header names") }
            return ColumnMapping(field: field, headers: headers, isExplicit: true, line: line)
        case .null(let line):
            throw ConfigError(line: line, "\(what) is empty; write the header name of the office's export")
        case .mapping(_, let line):
            let keys = try node.fields(what, allowed: allowedKeys)
            var headers: [String] = []
            if let one = try keys.string("column") { headers.append(one) }
            if let many = try keys.strings("columns") { headers += many }
            if keys["column"] != nil, keys["columns"] != nil {
                throw ConfigError(line: line, "\(what) has both 'column' and 'columns'; list every header name under 'columns'")
            }
            let isExplicit = !headers.isEmpty
            if headers.isEmpty { headers = [field] }
            var mapping = ColumnMapping(field: field, headers: headers, isExplicit: isExplicit, line: line)
            if let values = keys["values"] {
                mapping.valueMap = try decodeValueMap(values, field: field)
            }
            if let format = keys["format"] {
                guard type == .date else {
                    throw ConfigError(line: format.line, "'format' in \(what) applies to dates, and '\(field)' is a \(type.rawValue) field")
                }
                mapping.dateFormats = try DatePattern.decodeList(format, what: "'format' in \(what)")
            }
            if let missing = keys["missing"] {
                mapping.missing = try missing.strings("'missing' in \(what)")
            }
            return mapping
        }
    }

    /// `values: { F: [Female, F, female], M: Male }` -> ["female": "F", "f": "F", "male": "M"].
    static func decodeValueMap(_ node: ConfigNode, field: String) throws(ConfigError) -> [String: String] {
        var map: [String: String] = [:]
        for entry in try node.entries("'values' of '\(field)'") {
            for raw in try entry.value.strings("the raw values for '\(entry.key)'") {
                let key = String(trimWhitespace(raw)).lowercased()
                if let earlier = map[key], earlier != entry.key {
                    throw ConfigError(line: entry.value.line,
                                      "'\(raw)' is mapped to both '\(earlier)' and '\(entry.key)' in the values of '\(field)' (values match regardless of case)")
                }
                map[key] = entry.key
            }
        }
        return map
    }
}

extension DatePattern {
    /// One format or a list of formats, compiled; a bad pattern is an error at its line.
    public static func decodeList(_ node: ConfigNode, what: String) throws(ConfigError) -> [DatePattern] {
        var out: [DatePattern] = []
        for item in try node.list(what) {
            let text = try item.string("each format of \(what)")
            do {
                out.append(try DatePattern(text))
            } catch {
                throw ConfigError(line: item.line, "date format '\(error.pattern)' in \(what): \(error.problem)")
            }
        }
        return out
    }
}

/// Header names compared as people read them: case, spaces and underscores
/// ignored, and a `.` or `:` that ends a word dropped ("No. of Attendees:"
/// matches "no of attendees"; "bail.granted" keeps its dot).
public enum HeaderName {
    public static func normalize(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            if scalar.properties.isWhitespace || scalar == "_" { continue }
            if scalar == "." || scalar == ":" {
                let next = i + 1 < scalars.count ? scalars[i + 1] : nil
                if next == nil || next?.properties.isWhitespace == true { continue }
            }
            out.append(scalar)
        }
        return String(out).lowercased()
    }
}
