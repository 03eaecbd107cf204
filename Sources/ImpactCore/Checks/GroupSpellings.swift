/// Breakdown groups that are one value written differently (`Mumbai`, `mumbai`, `MUMBAI`,
/// `Navi  Mumbai` with two spaces): counted apart, each is a smaller figure than the office's
/// and may fall under the small-count suppression. A run and a query say so, with the value
/// map that makes them one; nothing is merged without being asked.
public enum GroupSpellings {
    /// The spellings of one value among `labels`: groups of two or more labels equal but for
    /// case and runs of spaces, each group in the order of `labels`' first sight, the most
    /// common spelling (by `weights`, then first seen) first.
    public static func variants(_ labels: [String], weights: [Double]? = nil) -> [[String]] {
        var order: [String] = []
        var byFold: [String: [String]] = [:]
        var weight: [String: Double] = [:]
        for (k, label) in labels.enumerated() {
            weight[label, default: 0] += weights?[k] ?? 1
            let key = fold(label)
            if byFold[key] == nil { order.append(key) }
            if !(byFold[key]?.contains(label) ?? false) { byFold[key, default: []].append(label) }
        }
        return order.compactMap { key in
            guard let spellings = byFold[key], spellings.count > 1 else { return nil }
            // The most common; on a tie, the tidiest (single spaces, then neither all capitals
            // nor all small letters), then the first seen.
            func rank(_ label: String) -> (Double, Int, Int) {
                let tidy = label.contains("  ") || label.contains("\t") ? 0 : 1
                let mixed = label != label.uppercased() && label != label.lowercased() ? 1 : 0
                return (weight[label] ?? 0, tidy, mixed)
            }
            let first = spellings.max { a, b in
                let ra = rank(a), rb = rank(b)
                return ra != rb ? ra < rb : (spellings.firstIndex(of: a) ?? 0) > (spellings.firstIndex(of: b) ?? 0)
            } ?? spellings[0]
            return [first] + spellings.filter { $0 != first }
        }
    }

    /// The words for one set of spellings of field `field`: the value map that makes them one
    /// (`who`: who would write it, "a pipeline" for a query).
    public static func advice(field: String, spellings: [String], who: String = "") -> String {
        let quoted = spellings.map { "'\($0)'" }
        let listed = quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
        return "the \(field) values \(listed) differ only in case or spaces and are counted apart; "
            + (who.isEmpty ? "" : who + " ") + "make them one with the field's value map, "
            + valueMap(field: field, value: spellings[0], spellings: spellings.dropFirst()) + ", or correct the export"
    }

    /// A field's mapping entry that reads `spellings` as `value`, as a pipeline writes it:
    /// `office: { column: ..., values: { Mumbai: [MUMBAI, mumbai] } }`.
    public static func valueMap<S: Sequence<String>>(field: String, value: String, spellings: S) -> String {
        "\(field): { column: ..., values: { \(yamlScalar(value)): [\(spellings.map(yamlScalar).joined(separator: ", "))] } }"
    }

    /// A run's warnings: for each field a metric breaks down by, its groups' spellings, once
    /// for all the metrics of a source that show them.
    public static func warnings(_ results: [MetricResult]) -> [String] {
        var order: [[String]] = []
        var metrics: [[String]: [String]] = [:]
        var spellingsOf: [[String]: [String]] = [:]
        for result in results {
            // Period items (`year(date)`) and age bands are labels the tool writes.
            for (position, item) in result.provenance.by.enumerated() where !item.contains("(") {
                let rows = result.groups.filter { $0.keys.count > position }
                for spellings in variants(rows.map { $0.keys[position] }, weights: rows.map(\.value)) {
                    let key = [result.provenance.source, item] + spellings.sorted()
                    if metrics[key] == nil { order.append(key); spellingsOf[key] = spellings }
                    metrics[key, default: []].append("'\(result.name)'")
                }
            }
        }
        return order.map { key in
            let names = metrics[key] ?? []
            return "\(names.count == 1 ? "metric" : "metrics") \(names.joined(separator: ", ")) (source '\(key[0])'): "
                + advice(field: key[1], spellings: spellingsOf[key] ?? [])
        }
    }

    static func fold(_ label: String) -> String {
        label.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// A YAML flow scalar: plain when it can be, else in double quotes.
    static func yamlScalar(_ text: String) -> String {
        let plain = !text.isEmpty && text.first?.isLetter == true
            && !text.contains(where: { ",:[]{}#&*!|>'\"%@`".contains($0) }) && text.last != " "
            && !text.contains("  ")
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
