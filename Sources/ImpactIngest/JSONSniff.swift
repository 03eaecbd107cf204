/// Decides, from a file's first bytes, how its JSON holds the records.
enum JSONSniff {
    /// `.jsonl`/`.ndjson` -> lines; `[` -> array; `{` -> wrapped when a records
    /// key (given, or one of the automatic ones) holds an array of objects at
    /// the top level, keyed when no list of records is found and the object's members are
    /// records under ids (`JSONKeyedRecords`), lines when the first object closes without
    /// either; an object still open at the end of the prefix is taken as wrapped.
    static func kind(prefix: [UInt8], path: String, recordsKey: String?) -> SourceFormat.Kind {
        sniff(prefix: prefix, path: path, recordsKey: recordsKey).kind
    }

    /// A top-level list of lists, or of strings or objects under a key that names a table's
    /// columns (`JSONTable`), also makes the object wrapped (a table export on one line).
    ///
    /// `kind`, and for a wrapped file whose records sit under a key none of the automatic
    /// ones (`events`, `objects`, `rows` of objects: API exports name it as they like), that
    /// key: the first at the top level holding an array of objects. Such a key makes the file
    /// wrapped only when the object is one document (it spans lines, or nothing follows it),
    /// so that JSON Lines records holding a list of objects stay JSON Lines.
    static func sniff(prefix: [UInt8], path: String, recordsKey: String?) -> (kind: SourceFormat.Kind, key: String?) {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return (.jsonLines, nil) }
        var i = CSVDialect.bomLength(prefix)
        i = skipSpace(prefix, i)
        guard i < prefix.count else { return (.jsonArray, nil) }
        if prefix[i] == UInt8(ascii: "[") { return (.jsonArray, nil) }
        guard prefix[i] == UInt8(ascii: "{") else { return (.jsonLines, nil) }
        if recordsKey != nil { return (.jsonWrapped, nil) }
        let keys = Set(JSONOptions.autoRecordsKeys.map { Array($0.utf8) })
        var depth = 0
        var other: String?
        // A list of lists at the top level: a table's rows (`JSONTable`).
        var table = false
        // The records one object down, under a key that wraps an answer (GraphQL's `data`,
        // CKAN's `result`, DHIS2's `listGrid`): `data.cases`, taken when the top level has none.
        var topKey: String?
        var nested: String?
        var spansLines = false
        while i < prefix.count {
            let c = prefix[i]
            i += 1
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    guard other != nil || table || nested != nil else { return (keyedOr(.jsonLines, prefix), nil) }
                    let alone = skipSpace(prefix, i) == prefix.count && prefix.count < limit
                    return spansLines || alone ? (.jsonWrapped, other ?? (table ? nil : nested)) : (.jsonLines, nil)
                }
            case 0x0A: spansLines = true
            case UInt8(ascii: "\""):
                guard let (name, after) = JSONScan.string(prefix, i - 1) else {
                    return openAtTheEnd(prefix, other: other, table: table, nested: nested)
                }
                i = after
                if depth == 1 { topKey = String(decoding: name, as: UTF8.self) }
                if depth == 2, nested == nil, let topKey, wrapperKeys.contains(topKey),
                   !JSONTable.namesKeys.contains(String(decoding: name, as: UTF8.self)),
                   holdsObjectList(prefix, i, allowEmpty: false) || holdsList(prefix, i, of: UInt8(ascii: "[")) {
                    nested = topKey + "." + String(decoding: name, as: UTF8.self)
                }
                if depth == 1 && holdsObjectList(prefix, i, allowEmpty: keys.contains(name)) {
                    if keys.contains(name) { return (.jsonWrapped, nil) }
                    // A list naming a table's columns (DHIS2's `headers` objects) holds no records.
                    let text = String(decoding: name, as: UTF8.self)
                    if JSONTable.namesKeys.contains(text) {
                        table = true
                    } else if other == nil {
                        other = text
                    }
                } else if depth == 1 && holdsList(prefix, i, of: UInt8(ascii: "["), UInt8(ascii: "\"")) {
                    table = true
                }
            default: break
            }
        }
        return openAtTheEnd(prefix, other: other, table: table, nested: nested)
    }

    /// An object still open where the prefix ends: wrapped, unless nothing in it held records
    /// and it is an object of records keyed by id.
    private static func openAtTheEnd(_ prefix: [UInt8], other: String?, table: Bool, nested: String?)
        -> (kind: SourceFormat.Kind, key: String?) {
        if other == nil && !table && nested == nil { return (keyedOr(.jsonWrapped, prefix), nil) }
        return (.jsonWrapped, other ?? (table ? nil : nested))
    }

    /// `.jsonKeyed` when the object holding no list of records is one of records keyed by id
    /// (`JSONKeyedRecords`: pandas' column objects too, refused when read), else `kind`.
    private static func keyedOr(_ kind: SourceFormat.Kind, _ prefix: [UInt8]) -> SourceFormat.Kind {
        JSONKeyedRecords.shape(prefix) == nil ? kind : .jsonKeyed
    }

    /// Keys under which an API's answer wraps the object that holds its records.
    static let wrapperKeys: Set<String> = ["data", "result", "response", "payload", "listGrid"]

    /// Whether the first value (after a byte-order mark and white space) is a list.
    static func startsWithList(_ prefix: [UInt8]) -> Bool {
        let i = skipSpace(prefix, CSVDialect.bomLength(prefix))
        return i < prefix.count && prefix[i] == UInt8(ascii: "[")
    }

    /// The most of a file `sniff` is given (a prefix this long may stop before the file does).
    static let limit = 64 * 1024

    private static func skipSpace(_ bytes: [UInt8], _ from: Int) -> Int { JSONScan.skipSpace(bytes, from) }

    /// Whether `: [` and one of `first` follow at `from`: a list of lists (a table's rows) or
    /// of strings (the names of its columns).
    private static func holdsList(_ bytes: [UInt8], _ from: Int, of first: UInt8...) -> Bool {
        var i = skipSpace(bytes, from)
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
        i = skipSpace(bytes, i + 1)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return false }
        i = skipSpace(bytes, i + 1)
        return i < bytes.count && first.contains(bytes[i])
    }

    /// Whether `: [ {` (or, with `allowEmpty`, `: [ ]`) follows at `from`.
    private static func holdsObjectList(_ bytes: [UInt8], _ from: Int, allowEmpty: Bool) -> Bool {
        var i = skipSpace(bytes, from)
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
        i = skipSpace(bytes, i + 1)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return false }
        i = skipSpace(bytes, i + 1)
        return i >= bytes.count || bytes[i] == UInt8(ascii: "{") || (allowEmpty && bytes[i] == UInt8(ascii: "]"))
    }
}
