import ImpactCore

/// Builds a ConfigNode from Swift literals (strings, ints, arrays, ordered pairs), all on `line`.
func cfg(_ value: Any?, line: Int = 1) -> ConfigNode {
    switch value {
    case nil: return .null(line: line)
    case let text as String: return .scalar(text, line: line)
    case let number as Int: return .scalar(String(number), line: line)
    case let items as [Any]: return .sequence(items.map { cfg($0, line: line) }, line: line)
    case let pairs as KeyValuePairs<String, Any>:
        return .mapping(pairs.map { (key: $0.key, value: cfg($0.value, line: line)) }, line: line)
    default: return .null(line: line)
    }
}

/// A row buffer over `headers` holding `values` (nil = missing), starting on `line`.
func makeRow(_ table: ColumnTable, _ values: [String?], line: Int) -> RowBuffer {
    let row = RowBuffer(columns: table)
    fill(row, values, line: line)
    return row
}

func fill(_ row: RowBuffer, _ values: [String?], line: Int) {
    row.reset(line: line)
    for (slot, value) in values.enumerated() {
        if let value { row.setText(slot, value) } else { row.setMissing(slot) }
    }
    row.fieldCount = values.count
}

func source(_ name: String, _ pairs: KeyValuePairs<String, Any>,
            defaults: SourceDefaults = SourceDefaults()) throws -> SourceDefinition {
    try SourceDefinition.decode(name: name, node: cfg(pairs), defaults: defaults)
}
