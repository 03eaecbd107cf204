import ImpactCore

/// Builds a `ConfigNode` from Swift literals for tests, numbering lines in reading
/// order as a YAML file would: `tree(["title": "Mumbai", "headline": [["metric": "x"]]])`.
func tree(_ value: Any) -> ConfigNode {
    var line = 0
    return node(value, line: &line)
}

private func node(_ value: Any, line: inout Int) -> ConfigNode {
    line += 1
    let here = line
    switch value {
    case let pairs as KeyValuePairs<String, Any>:
        var entries: [(key: String, value: ConfigNode)] = []
        for (key, child) in pairs { entries.append((key, node(child, line: &line))) }
        return .mapping(entries, line: here)
    case let dictionary as [String: Any]:
        var entries: [(key: String, value: ConfigNode)] = []
        for key in dictionary.keys.sorted() { entries.append((key, node(dictionary[key] as Any, line: &line))) }
        return .mapping(entries, line: here)
    case let items as [Any]:
        return .sequence(items.map { node($0, line: &line) }, line: here)
    case let text as String:
        return .scalar(text, line: here)
    case let number as Int:
        return .scalar(String(number), line: here)
    case let flag as Bool:
        return .scalar(flag ? "true" : "false", line: here)
    default:
        return .null(line: here)
    }
}
