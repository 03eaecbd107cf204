import ImpactCore
import Yams

/// Reads YAML text into a `ConfigNode` tree that keeps every node's line.
///
/// Pipeline files are small and written by people: anchors and aliases are
/// refused (they are the way into an "alias bomb"), and the tree may hold at
/// most `maxNodes` nodes.
public enum YAMLConfig {
    public static let maxNodes = 100_000

    public static func parse(_ text: String, file: String) throws(ConfigError) -> ConfigNode {
        let root: Node?
        do {
            // Scalars are read as text (`ConfigNode` types them where they are used): no
            // implicit tag resolution, whose regular expressions took longer to build
            // than a pipeline file takes to read, at the start of every run.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            let at = line(of: error)
            throw ConfigError(file: file, line: at, "not valid YAML: \(summary(of: error))" + tabHint(text, line: at))
        } catch {
            throw ConfigError(file: file, line: 0, "not valid YAML: \(error)")
        }
        guard let root else { return .null(line: 1) }
        var budget = maxNodes
        var seen = Set<Int>()
        do {
            return try convert(root, budget: &budget, seen: &seen)
        } catch {
            throw error.inFile(file)
        }
    }

    /// The advice for a line indented with a tab (YAML allows spaces only), the usual cause
    /// of an error there in a file written in a text editor.
    static func tabHint(_ text: String, line: Int) -> String {
        guard line > 0 else { return "" }
        var number = 0
        // By Character: "\r\n" is one, which a split on "\n" would not cut.
        for row in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            if number == line {
                return row.prefix { $0 == " " || $0 == "\t" }.contains("\t")
                    ? " (this line is indented with a tab: YAML indents with spaces only; replace the tabs with spaces)" : ""
            }
        }
        return ""
    }

    /// `seen` holds the position of every node converted: Yams resolves an alias
    /// to the anchored node itself, so a position met twice is an alias.
    private static func convert(_ node: Node, budget: inout Int, seen: inout Set<Int>) throws(ConfigError) -> ConfigNode {
        let line = node.mark?.line ?? 0
        if let mark = node.mark, !seen.insert(mark.line << 20 | mark.column).inserted {
            throw ConfigError(line: line, "YAML aliases (*name) are not allowed in pipeline files; write the value out")
        }
        budget -= 1
        if budget < 0 {
            throw ConfigError(line: line, "the file has more than \(maxNodes) YAML nodes; a pipeline file is never this large")
        }
        if node.anchor != nil {
            throw ConfigError(line: line, "YAML anchors (&name) are not allowed in pipeline files; write the value out")
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return .null(line: line)
            }
            return .scalar(scalar.string, line: line)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence { items.append(try convert(item, budget: &budget, seen: &seen)) }
            return .sequence(items, line: line)
        case .mapping(let mapping):
            var entries: [(key: String, value: ConfigNode)] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw ConfigError(line: key.mark?.line ?? line, "a key must be a plain name")
                }
                entries.append((keyScalar.string, try convert(value, budget: &budget, seen: &seen)))
            }
            return .mapping(entries, line: line)
        case .alias:
            throw ConfigError(line: line, "YAML aliases (*name) are not allowed in pipeline files; write the value out")
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return 0
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "a key appears twice: \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}
