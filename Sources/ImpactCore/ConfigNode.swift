/// A configuration tree (decoded from a YAML pipeline file) that remembers the
/// line of every node, so that a mistake in a pipeline file is reported at its line.
///
/// The pipeline loader builds it; each section's owner decodes its own part with
/// the strict helpers below, which reject unknown keys and wrong types.
public indirect enum ConfigNode: Sendable, Equatable {
    case scalar(String, line: Int)
    case sequence([ConfigNode], line: Int)
    /// Keys in file order.
    case mapping([(key: String, value: ConfigNode)], line: Int)
    case null(line: Int)

    public static func == (a: ConfigNode, b: ConfigNode) -> Bool {
        switch (a, b) {
        case let (.scalar(x, l1), .scalar(y, l2)): return x == y && l1 == l2
        case let (.sequence(x, l1), .sequence(y, l2)): return x == y && l1 == l2
        case let (.mapping(x, l1), .mapping(y, l2)):
            return l1 == l2 && x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.null(l1), .null(l2)): return l1 == l2
        default: return false
        }
    }

    public var line: Int {
        switch self {
        case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line), .null(let line): return line
        }
    }

    /// A short name for the node's shape, for error messages.
    public var kindName: String {
        switch self {
        case .scalar: return "a value"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .null: return "nothing"
        }
    }
}

/// A mistake in a pipeline file: where it is and what to do. Configuration
/// errors stop a run (exit code 2); data defects never do.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String = "", line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        let place = file.isEmpty ? "line \(line)" : (line > 0 ? "\(file):\(line)" : file)
        return "\(place): \(message)"
    }

    public func inFile(_ file: String) -> ConfigError {
        var copy = self
        if copy.file.isEmpty { copy.file = file }
        return copy
    }
}

extension ConfigNode {
    /// The node as a string scalar, or an error naming the line.
    public func string(_ what: String) throws(ConfigError) -> String {
        if case .scalar(let text, _) = self { return text }
        throw ConfigError(line: line, "\(what) must be a value, found \(kindName)")
    }

    public func int(_ what: String) throws(ConfigError) -> Int {
        let text = try string(what)
        guard let value = Int(text.filter { $0 != "_" }) else {
            throw ConfigError(line: line, "\(what) must be a whole number, found '\(text)'")
        }
        return value
    }

    public func double(_ what: String) throws(ConfigError) -> Double {
        let text = try string(what)
        guard let value = Double(text) else {
            throw ConfigError(line: line, "\(what) must be a number, found '\(text)'")
        }
        return value
    }

    public func bool(_ what: String) throws(ConfigError) -> Bool {
        switch try string(what).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ConfigError(line: line, "\(what) must be true or false")
        }
    }

    /// A list; a single scalar is accepted as a list of one.
    public func list(_ what: String) throws(ConfigError) -> [ConfigNode] {
        switch self {
        case .sequence(let items, _): return items
        case .scalar: return [self]
        case .null: return []
        case .mapping: throw ConfigError(line: line, "\(what) must be a list, found a mapping")
        }
    }

    public func strings(_ what: String) throws(ConfigError) -> [String] {
        var out: [String] = []
        for item in try list(what) {
            if case .null = item { out.append(""); continue }
            out.append(try item.string("each item of \(what)"))
        }
        return out
    }

    /// The mapping's entries in file order.
    public func entries(_ what: String) throws(ConfigError) -> [(key: String, value: ConfigNode)] {
        switch self {
        case .mapping(let entries, _): return entries
        case .null: return []
        default: throw ConfigError(line: line, "\(what) must be a mapping (key: value lines), found \(kindName)")
        }
    }

    /// A strict reader over a mapping: rejects keys not in `allowed`.
    public func fields(_ what: String, allowed: Set<String>) throws(ConfigError) -> ConfigFields {
        let entries = try entries(what)
        var seen = Set<String>()
        for entry in entries {
            if !allowed.contains(entry.key) {
                let known = allowed.sorted().joined(separator: ", ")
                // `{ max: days(a, b) }`: YAML splits a `{ }` mapping at the comma inside the value.
                let split = entry.key.contains(")") && !entry.key.contains("(")
                    ? " (a value holding a comma inside { } is cut at the comma: quote it, as \"days(a, b)\", or write the mapping one key a line)" : ""
                throw ConfigError(line: entry.value.line,
                                  "unknown key '\(entry.key)' in \(what); known keys: \(known)\(split)")
            }
            if !seen.insert(entry.key).inserted {
                throw ConfigError(line: entry.value.line, "key '\(entry.key)' appears twice in \(what)")
            }
        }
        return ConfigFields(what: what, line: line, entries: entries)
    }
}

/// The checked keys of one mapping, read by name.
public struct ConfigFields: Sendable {
    public let what: String
    public let line: Int
    public let entries: [(key: String, value: ConfigNode)]

    public subscript(_ key: String) -> ConfigNode? {
        for entry in entries where entry.key == key {
            if case .null = entry.value { return nil }
            return entry.value
        }
        return nil
    }

    public func required(_ key: String) throws(ConfigError) -> ConfigNode {
        guard let node = self[key] else {
            throw ConfigError(line: line, "\(what) needs '\(key)'")
        }
        return node
    }

    public func string(_ key: String) throws(ConfigError) -> String? {
        try self[key]?.string("'\(key)' in \(what)")
    }

    public func requiredString(_ key: String) throws(ConfigError) -> String {
        try required(key).string("'\(key)' in \(what)")
    }

    public func int(_ key: String) throws(ConfigError) -> Int? {
        try self[key]?.int("'\(key)' in \(what)")
    }

    public func bool(_ key: String) throws(ConfigError) -> Bool? {
        try self[key]?.bool("'\(key)' in \(what)")
    }

    public func strings(_ key: String) throws(ConfigError) -> [String]? {
        try self[key]?.strings("'\(key)' in \(what)")
    }
}
