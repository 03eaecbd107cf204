/// An object whose members are the records, each under its id: a Firebase Realtime
/// Database export (`{"-Nx3a": {...}, "-Nx3b": {...}}`), pandas' `to_json(orient="index")`
/// (`{"0": {...}, "1": {...}}`), a script's dictionary of records dumped as it is. Each
/// member's object is a record, with its member name as the field `key`.
///
/// pandas' default `DataFrame.to_json()` (`orient="columns"`) looks alike but holds one
/// object per column, its members the row labels (`{"date": {"0": "2024-01-05"}}`): that
/// shape is refused with what to export instead (`IngestError.columnOriented`).
enum JSONKeyedRecords {
    /// The field an object's member name is read into.
    static let keyField = "key"

    enum Shape: Equatable { case records, columns }

    /// The shape of `prefix` when it is such an object (else nil): its first two members'
    /// values objects sharing a member name (one record's nested objects rarely do), at most
    /// one member in ten of those the prefix holds something else (rejected when read), and
    /// the object one document (it spans lines, or nothing follows it: JSON Lines records whose
    /// members are objects stay JSON Lines). Called when the file starts with `{` and no list
    /// of records was found in it.
    static func shape(_ prefix: [UInt8]) -> Shape? {
        var i = JSONScan.skipSpace(prefix, CSVDialect.bomLength(prefix))
        guard i < prefix.count, prefix[i] == UInt8(ascii: "{") else { return nil }
        let start = i
        i += 1
        var outer: [[UInt8]] = []
        var inner: [[[UInt8]]] = []
        var others = 0
        var closed = false
        scan: while true {
            i = JSONScan.skipSpace(prefix, i)
            guard i < prefix.count else { break }
            switch prefix[i] {
            case UInt8(ascii: "}"):
                i += 1
                closed = true
                break scan
            case UInt8(ascii: ","):
                i += 1
            case UInt8(ascii: "\""):
                guard let (name, after) = JSONScan.string(prefix, i) else { break scan }
                i = JSONScan.skipSpace(prefix, after)
                guard i < prefix.count else { break scan }
                guard prefix[i] == UInt8(ascii: ":") else { return nil }
                i = JSONScan.skipSpace(prefix, i + 1)
                guard i < prefix.count else { break scan }
                let isObject = prefix[i] == UInt8(ascii: "{")
                if isObject { outer.append(name) } else { others += 1 }
                // The first two members must be records.
                guard isObject || outer.count >= 2 else { return nil }
                guard let (keys, end) = JSONScan.valueEnd(prefix, i) else { break scan }
                if isObject && inner.count < 2 { inner.append(keys) }
                i = end
            default:
                return nil
            }
        }
        guard inner.count == 2, !Set(inner[0]).isDisjoint(with: Set(inner[1])), others * 10 <= outer.count else { return nil }
        if closed {
            let spansLines = prefix[start..<i].contains(0x0A)
            let alone = JSONScan.skipSpace(prefix, i) == prefix.count && prefix.count < JSONSniff.limit
            guard spansLines || alone else { return nil }
        }
        // Row labels inside, names outside: pandas' columns.
        let labels = inner.allSatisfy { keys in !keys.isEmpty && keys.allSatisfy(isInteger) }
        return labels && !outer.allSatisfy(isInteger) ? .columns : .records
    }

    private static func isInteger(_ name: [UInt8]) -> Bool {
        !name.isEmpty && name.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
