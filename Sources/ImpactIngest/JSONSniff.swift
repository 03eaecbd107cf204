/// Decides, from a file's first bytes, how its JSON holds the records.
enum JSONSniff {
    /// `.jsonl`/`.ndjson` -> lines; `[` -> array; `{` -> wrapped when a records
    /// key (given, or one of the automatic ones) holds an array of objects at
    /// the top level, lines when the first object closes without one; an object
    /// still open at the end of the prefix is taken as wrapped.
    static func kind(prefix: [UInt8], path: String, recordsKey: String?) -> SourceFormat.Kind {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonLines }
        var i = CSVDialect.bomLength(prefix)
        i = skipSpace(prefix, i)
        guard i < prefix.count else { return .jsonArray }
        if prefix[i] == UInt8(ascii: "[") { return .jsonArray }
        guard prefix[i] == UInt8(ascii: "{") else { return .jsonLines }
        if recordsKey != nil { return .jsonWrapped }
        let keys = Set(JSONOptions.autoRecordsKeys.map { Array($0.utf8) })
        var depth = 0
        while i < prefix.count {
            let c = prefix[i]
            i += 1
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return .jsonLines }
            case UInt8(ascii: "\""):
                let start = i
                while i < prefix.count && prefix[i] != UInt8(ascii: "\"") {
                    i += prefix[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard i < prefix.count else { return .jsonWrapped }
                let name = Array(prefix[start..<i])
                i += 1
                if depth == 1 && keys.contains(name) && holdsObjectList(prefix, i) { return .jsonWrapped }
            default: break
            }
        }
        return .jsonWrapped
    }

    private static func skipSpace(_ bytes: [UInt8], _ from: Int) -> Int {
        var i = from
        while i < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i
    }

    /// Whether `: [ {` or `: [ ]` follows at `from`.
    private static func holdsObjectList(_ bytes: [UInt8], _ from: Int) -> Bool {
        var i = skipSpace(bytes, from)
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
        i = skipSpace(bytes, i + 1)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return false }
        i = skipSpace(bytes, i + 1)
        return i >= bytes.count || bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "]")
    }
}
