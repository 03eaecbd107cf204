extension SourceDefinition {
    /// Decodes a source's entry under `sources:`. Unknown keys, wrong types,
    /// unknown fields and bad date formats are errors naming their line.
    public static func decode(name: String, node: ConfigNode, defaults: SourceDefaults) throws(ConfigError) -> SourceDefinition {
        let what = "source '\(name)'"
        let keys = try node.fields(what, allowed: allowedKeys)
        let kind = try decodeKind(name: name, keys: keys)
        let schema = kind.schema

        let path = try keys.requiredString("path")
        var formatHint = SourceFormatHint.auto
        if let formatNode = keys["format"] {
            let text = try formatNode.string("'format' in \(what)")
            guard let format = SourceFormatHint(rawValue: text.lowercased()) else {
                throw ConfigError(line: formatNode.line, "'format' in \(what) is csv, json or auto; found '\(text)'")
            }
            formatHint = format
        }

        var delimiter: String?
        var preambleLines = 0
        var encoding = TextEncoding.utf8
        if let csvNode = keys["csv"] {
            let csv = try csvNode.fields("'csv' in \(what)", allowed: ["delimiter", "preamble_lines", "encoding"])
            if let e = csv["encoding"] {
                let text = try e.string("'encoding' in \(what)")
                guard let named = TextEncoding(name: text) else {
                    throw ConfigError(line: e.line, "'encoding' in \(what) is \(TextEncoding.accepted); found '\(text)'")
                }
                encoding = named
            }
            if let d = csv["delimiter"] {
                var text = try d.string("'delimiter' in \(what)")
                if text.lowercased() == "tab" || text == "\\t" { text = "\t" }
                guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first, scalar.isASCII,
                      scalar != "\"", scalar != "\n", scalar != "\r" else {
                    throw ConfigError(line: d.line, "'delimiter' in \(what) is one character such as ; or \"\\t\"; found '\(text)'")
                }
                delimiter = text
            }
            if let p = csv["preamble_lines"] {
                preambleLines = try p.int("'preamble_lines' in \(what)")
                guard preambleLines >= 0 else {
                    throw ConfigError(line: p.line, "'preamble_lines' in \(what) cannot be negative")
                }
            }
        }
        var recordsKey: String?
        var pairLists: [JSONPairList] = []
        var each: String?
        if let jsonNode = keys["json"] {
            let json = try jsonNode.fields("'json' in \(what)", allowed: ["records", "pairs", "each"])
            recordsKey = try json.string("records")
            each = try json.string("each")
            if let list = each, list.isEmpty || list.hasPrefix(".") || list.hasSuffix(".") {
                throw ConfigError(line: json["each"]?.line ?? jsonNode.line,
                                  "'each' in \(what) names the list whose objects are records of their own, as a dotted path such as survivors or case.survivors")
            }
            if let pairs = json["pairs"] {
                for (list, keysNode) in try pairs.entries("'pairs' in \(what)") {
                    let names = try keysNode.strings("'pairs: \(list)' in \(what)")
                    guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty, names[0] != names[1] else {
                        throw ConfigError(line: keysNode.line, "'pairs: \(list)' in \(what) is [the member that names a field, the member that holds its value], e.g. [dataElement, value]")
                    }
                    pairLists.append(JSONPairList(path: list, nameKey: names[0], valueKey: names[1]))
                }
            }
        }
        if formatHint.resolved(path: path) == .csv, let jsonNode = keys["json"] {
            throw ConfigError(line: jsonNode.line, "\(what) reads a CSV file ('\(path)'); 'json' options apply to JSON sources")
        }
        if formatHint.resolved(path: path) == .json, let csvNode = keys["csv"] {
            throw ConfigError(line: csvNode.line, "\(what) reads a JSON file ('\(path)'); 'csv' options apply to CSV sources")
        }

        let missing = try keys.strings("missing") ?? defaults.missing
        var dateFormats = defaults.dateFormats
        if let formatNode = keys["date_format"] {
            dateFormats = try DatePattern.decodeList(formatNode, what: "'date_format' in \(what)")
        }

        let identifying = try keys.strings("identifying") ?? []
        let columns = try decodeColumns(keys["columns"], schema: schema, what: what)
        try checkIdentifying(identifying, columns: columns, line: keys["identifying"]?.line ?? keys.line)

        var whereText: String?
        var whereLine = 0
        if let whereNode = keys["where"] {
            whereText = try whereNode.string("'where' in \(what)")
            whereLine = whereNode.line
        }

        let checks = try CheckRule.decodeList(keys["checks"], schema: schema, defaults: CheckRule.defaults(for: kind))
        for check in checks {
            if case .relationships(_, let to) = check.rule, to.source == name {
                throw ConfigError(line: check.line, "a relationships check of source '\(name)' refers to itself; name another source")
            }
        }
        var definition = SourceDefinition(
            name: name, kind: kind, path: path, line: node.line, formatHint: formatHint,
            delimiter: delimiter, preambleLines: preambleLines, recordsKey: recordsKey,
            columns: columns, identifying: identifying, missing: missing, dateFormats: dateFormats,
            whereText: whereText, whereLine: whereLine, checks: checks)
        definition.encoding = encoding
        definition.pairLists = pairLists
        definition.each = each
        definition.decimalComma = try keys["decimal"].map { node throws(ConfigError) in
            try SourceDefaults.decimalComma(node, what: "'decimal' in \(what)")
        } ?? defaults.decimalComma
        if let separatorNode = keys["list_separator"] {
            let text = try separatorNode.string("'list_separator' in \(what)")
            let separator: Character? = text == "space" ? " " : text == "tab" || text == "\\t" ? "\t" : (text.count == 1 ? text.first : nil)
            guard let separator, !separator.isLetter, !separator.isNumber else {
                throw ConfigError(line: separatorNode.line, "'list_separator' in \(what) is the one character between a list's items, "
                    + "such as \";\", \"|\" or \" \" (the word space also works); got '\(text)'")
            }
            definition.listSeparator = separator
        }
        if let fillNode = keys["fill_down"] {
            let fields = try keys.strings("fill_down") ?? []
            for field in fields where schema.slot(of: field) == nil {
                throw ConfigError(line: fillNode.line, "fill_down: '\(field)' is not a field of \(what)\(schema.suggestion(for: field)); "
                    + "its fields are: \(schema.fields.map(\.name).joined(separator: ", "))")
            }
            definition.fillDown = fields
        }
        return definition
    }

    /// `kind:` a built-in kind, or `custom` with `fields:`; a built-in kind may
    /// gain extra fields with `fields:`. Without `kind:`, a source named like a
    /// built-in kind is of that kind.
    static func decodeKind(name: String, keys: ConfigFields) throws(ConfigError) -> RecordKindSpec {
        let kindName = try keys.string("kind") ?? (RecordKinds.builtIn(name) != nil ? name : (keys["fields"] != nil ? "custom" : nil))
        guard let kindName else {
            throw ConfigError(line: keys.line, "source '\(name)' needs 'kind': one of \(RecordKinds.names.joined(separator: ", ")), or custom with 'fields'")
        }
        var kind: RecordKindSpec
        if kindName == "custom" {
            guard keys["fields"] != nil else {
                throw ConfigError(line: keys["kind"]?.line ?? keys.line, "a custom kind needs 'fields': { field_name: type, ... }")
            }
            kind = RecordKindSpec(name: name, fields: [], primaryDate: nil)
        } else if let builtIn = RecordKinds.builtIn(kindName) {
            kind = builtIn
        } else {
            throw ConfigError(line: keys["kind"]?.line ?? keys.line,
                              "unknown kind '\(kindName)'; known kinds: \(RecordKinds.names.joined(separator: ", ")), custom")
        }
        if let fieldsNode = keys["fields"] {
            for entry in try fieldsNode.entries("'fields' of source '\(name)'") {
                let typeName = try entry.value.string("the type of '\(entry.key)'")
                guard let type = FieldType(rawValue: typeName.lowercased()) else {
                    let known = FieldType.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ConfigError(line: entry.value.line, "'\(typeName)' is not a field type; types: \(known)")
                }
                if let existing = kind.type(of: entry.key) {
                    throw ConfigError(line: entry.value.line, "'\(entry.key)' is already a \(existing.rawValue) field of \(kindName)")
                }
                kind.fields.append(FieldSpec(entry.key, type))
            }
        }
        if let primaryNode = keys["primary_date"] {
            let field = try primaryNode.string("'primary_date'")
            guard kind.type(of: field) == .date else {
                throw ConfigError(line: primaryNode.line, "primary_date '\(field)' must name a date field of this source")
            }
            kind.primaryDate = field
        }
        return kind
    }

    /// One mapping per schema field: the pipeline's, or the field's own name (implicit).
    static func decodeColumns(_ node: ConfigNode?, schema: RecordSchema, what: String) throws(ConfigError) -> [ColumnMapping] {
        var given: [String: ColumnMapping] = [:]
        if let node {
            for entry in try node.entries("'columns' of \(what)") {
                guard let type = schema.type(of: entry.key) else {
                    let known = schema.fields.map(\.name).joined(separator: ", ")
                    throw ConfigError(line: entry.value.line, "'\(entry.key)' is not a field of \(schema.kind); its fields: \(known) (to keep another column, declare it under 'fields')")
                }
                given[entry.key] = try ColumnMapping.decode(field: entry.key, type: type, node: entry.value)
            }
        }
        return schema.fields.map { given[$0.name] ?? ColumnMapping(field: $0.name, headers: [$0.name], isExplicit: false) }
    }

    /// An identifying column cannot also be mapped: it would reach the records.
    static func checkIdentifying(_ identifying: [String], columns: [ColumnMapping], line: Int) throws(ConfigError) {
        let marked = Set(identifying.map(HeaderName.normalize))
        for column in columns where column.isExplicit {
            for header in column.headers where marked.contains(HeaderName.normalize(header)) {
                throw ConfigError(line: column.line, "'\(header)' is marked identifying and also mapped to '\(column.field)'; an identifying column never reaches a record")
            }
        }
    }
}
