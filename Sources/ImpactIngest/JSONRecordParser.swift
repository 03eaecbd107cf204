import ImpactCore

/// Parses one JSON object into the reused `RowBuffer`, flattening nested
/// objects to dotted names (`location.district`) and keeping arrays of
/// scalars as lists. Each new name becomes a column the first time it is seen.
final class JSONRecordParser {
    let cursor: JSONCursor
    let row: RowBuffer
    let maxDepth: Int
    /// The first defect of the current record that makes it malformed (depth, UTF-8).
    var issue: Finding?
    /// Warnings to pass on (once per field name), such as objects inside a list.
    var warnings: [Finding] = []
    /// The field paths warned about (a warning is given once per path, even when its record was rejected).
    private(set) var warned: Set<[UInt8]> = []
    /// The state every value touches, behind a `let` pointer: a class's stored `var`
    /// costs a dynamic exclusivity check at each access (a fifth of the reader's time).
    private struct Hot {
        /// The dotted path of the value being read; its key is read straight onto it.
        var path = JSONBytes()
        var value = JSONBytes()
        var skipped = JSONBytes()
        var slots: [[UInt8]: Int] = [:]
        /// Slot of the n-th value of the previous record: records usually repeat
        /// their keys in the same order, so this saves a hash lookup per value.
        var recent: [(path: [UInt8], slot: Int)] = []
        var ordinal = 0
        /// A pair object's member name and field name (`JSONPairList`).
        var pairKey = JSONBytes()
        var pairName = JSONBytes()
    }
    /// The lists read as name/value pairs, as bytes.
    private let pairLists: [(path: [UInt8], name: [UInt8], value: [UInt8])]
    /// The list whose objects are records of their own (`JSONOptions.each`), as bytes.
    let eachPath: [UInt8]?
    /// The objects of that list in the record just parsed (`JSONEachList`).
    var children: [JSONEachList.Child] = []
    private let hot = CacheLineMemory.holding(Hot())

    init(cursor: JSONCursor, row: RowBuffer, maxDepth: Int, pairLists: [JSONPairList] = [], each: String? = nil) {
        self.cursor = cursor
        self.row = row
        self.maxDepth = maxDepth
        self.pairLists = pairLists.map { (Array($0.path.utf8), Array($0.nameKey.utf8), Array($0.valueKey.utf8)) }
        eachPath = each.map { Array($0.utf8) }
    }

    deinit {
        hot.pointee.path.free()
        hot.pointee.value.free()
        hot.pointee.skipped.free()
        hot.pointee.pairKey.free()
        hot.pointee.pairName.free()
        CacheLineMemory.release(hot)
    }

    /// Parses the record whose `{` was just consumed.
    func parseRecord(line: Int) throws {
        startRow(line: line)
        defer { row.fieldCount = hot.pointee.ordinal }
        try parseObject(depth: 1)
    }

    /// A record's row emptied for `line`, before its members are parsed.
    private func startRow(line: Int) {
        row.reset(line: line)
        issue = nil
        if eachPath != nil { children.removeAll(keepingCapacity: true) }
        hot.pointee.ordinal = 0
        hot.pointee.path.removeAll()
    }

    /// Parses a record of an object of records keyed by id (`JSONKeyedRecords`), its `{` just
    /// consumed: `key`, the member name it is under, is its field `key` (a member of its own
    /// of that name is read into the same field, after it: `keyCollided` says so).
    func parseKeyedRecord(line: Int, key: JSONBytes) throws {
        startRow(line: line)
        defer { row.fieldCount = hot.pointee.ordinal }
        Self.keyField.withUnsafeBytes { hot.pointee.path.append($0) }
        let keySlot = slot()
        row.setText(keySlot, key.bytes)
        hot.pointee.path.removeAll()
        try parseObject(depth: 1)
        if hot.pointee.ordinal > 1, hot.pointee.recent.withUnsafeBufferPointer({ recent in
            recent[1..<hot.pointee.ordinal].contains { $0.slot == keySlot }
        }) {
            keyCollided = true
        }
    }

    /// Whether a keyed record held a member named as the key's field (`parseKeyedRecord`).
    var keyCollided = false
    private static let keyField = Array(JSONKeyedRecords.keyField.utf8)

    /// Parses a table export's row whose `[` was just consumed (`JSONTable`): value `k` is
    /// the field `names[k]` (nil: a repeated name, whose values are left out), read as a
    /// member of a record is. Returns how many values the row held (more than `names`: the
    /// extra ones are skipped; the caller rejects the row).
    func parseTableRow(line: Int, names: [[UInt8]?]) throws -> Int {
        startRow(line: line)
        defer { row.fieldCount = hot.pointee.ordinal }
        var count = 0
        var c = try cursor.skipWhitespace()
        if c == UInt8(ascii: "]") { cursor.pos += 1; return 0 }
        while true {
            guard c != nil else { throw cursor.syntax("the file ends inside a row") }
            if count < names.count, let name = names[count] {
                hot.pointee.path.removeAll()
                name.withUnsafeBytes { hot.pointee.path.append($0) }
                try parseMember(depth: 1)
            } else {
                try skipValue()
            }
            count += 1
            guard let next = try cursor.nextListItem(ended: "the file ends inside a row",
                                                     otherwise: "expected ',' or ']' between a row's values") else { break }
            c = next
        }
        return count
    }

    private func slot() -> Int {
        let n = hot.pointee.ordinal
        hot.pointee.ordinal += 1
        let again = hot.pointee.recent.withUnsafeBufferPointer { recent in
            n < recent.count && hot.pointee.path.equals(recent[n].path) ? recent[n].slot : nil
        }
        if let again { return again }
        let path = hot.pointee.path.array
        let found: Int
        if let known = hot.pointee.slots[path] {
            found = known
        } else {
            found = row.columns.add(String(decoding: path, as: UTF8.self))
            hot.pointee.slots[path] = found
        }
        if n < hot.pointee.recent.count { hot.pointee.recent[n] = (path, found) } else { hot.pointee.recent.append((path, found)) }
        return found
    }

    private var fieldName: String { hot.pointee.path.string }

    private func note(_ check: String, _ message: String, hint: String) {
        if issue == nil {
            issue = Finding(file: cursor.path, line: row.line, field: fieldName, check: check, message: message, hint: hint)
        }
    }

    private func parseObject(depth: Int) throws {
        var c = try cursor.skipWhitespace()
        if c == UInt8(ascii: "}") { cursor.pos += 1; return }
        while true {
            guard c == JSONCursor.quote else { throw cursor.syntax("expected a name in double quotes") }
            cursor.pos += 1
            let mark = hot.pointee.path.count
            if depth > 1 { hot.pointee.path.append(UInt8(ascii: ".")) }
            try cursor.appendString(to: &hot.pointee.path)
            guard try cursor.skipWhitespace() == UInt8(ascii: ":") else { throw cursor.syntax("expected ':' after a name") }
            cursor.pos += 1
            try parseMember(depth: depth)
            hot.pointee.path.truncate(to: mark)
            guard let next = try cursor.nextObjectMember(ended: "the file ends inside a record",
                                                         otherwise: "expected ',' or '}' after a value") else { return }
            c = next
        }
    }

    private func parseMember(depth: Int) throws {
        guard let c = try cursor.skipWhitespace() else { throw cursor.syntax("the file ends inside a record") }
        switch c {
        case UInt8(ascii: "{"):
            cursor.pos += 1
            if depth + 1 > maxDepth {
                note("json.depth", "objects are nested more than \(maxDepth) deep here",
                     hint: "flatten the export, or raise the depth limit")
                try skipContainer()
            } else {
                try parseObject(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            cursor.pos += 1
            if !pairLists.isEmpty, let pairs = pairLists.first(where: { hot.pointee.path.equals($0.path) }) {
                try parsePairList(name: pairs.name, value: pairs.value)
            } else if let eachPath, hot.pointee.path.equals(eachPath) {
                try parseEachList(depth: depth)
            } else {
                try parseList()
            }
        default:
            setScalar(try readScalar(c, into: &hot.pointee.value))
        }
    }

    /// What `readScalar` read into its buffer.
    private enum Scalar { case string, plain, missing }

    /// Reads the string, number, `true`, `false` or `null` starting with `c` (not consumed)
    /// into `buffer`; anything else but an object or a list is a syntax error.
    @inline(__always)
    private func readScalar(_ c: UInt8, into buffer: inout JSONBytes) throws -> Scalar {
        switch c {
        case JSONCursor.quote:
            cursor.pos += 1
            try cursor.readString(into: &buffer)
            return .string
        case UInt8(ascii: "n"):
            try cursor.expect("null")
            return .missing
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let word: StaticString = c == UInt8(ascii: "t") ? "true" : "false"
            try cursor.expect(word)
            buffer.removeAll()
            buffer.append(UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
            return .plain
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try cursor.readNumber(into: &buffer)
            return .plain
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            try cursor.expect(c == UInt8(ascii: "N") ? "NaN" : "Infinity")
            notNumber(c == UInt8(ascii: "N") ? "NaN" : "Infinity")
            return .missing
        default:
            throw unexpected(c)
        }
    }

    /// `NaN` or `Infinity`, which are not JSON but which Python's `json` module writes for a
    /// float that is not a number (pandas' missing value): read as no value, with a warning
    /// once per field, so that one such value does not stop the reading of the whole file.
    @inline(never)
    private func notNumber(_ word: String) {
        // Keyed by the field alone, as the nested-list warning is: once per field, in a file
        // read in parts too (`JSONLinesSplit.repeatedWarnings`).
        guard warned.insert(hot.pointee.path.array).inserted else { return }
        warnings.append(Finding(file: cursor.path, line: row.line, field: fieldName, check: "json.not_a_number",
                                message: "\(word) is not a JSON value; it was read as no value",
                                hint: "Python's json module writes \(word) for a number that is missing or undefined; "
                                    + "export with null for it (pandas: to_json) to be rid of this warning",
                                severity: .warning))
    }

    /// The error for a byte that starts no value: out of line, off the hot path.
    @inline(never)
    private func unexpected(_ c: UInt8) -> JSONSyntaxError {
        cursor.syntax("unexpected character '\(String(UnicodeScalar(c)))' where a value should be")
    }

    /// The value `readScalar` read into `hot.value`, set at the current path (a string is checked for UTF-8).
    @inline(__always)
    private func setScalar(_ scalar: Scalar) {
        switch scalar {
        case .string:
            if !UTF8Check.isValid(hot.pointee.value.bytes) {
                note("encoding.utf8", "the value is not valid UTF-8", hint: "export the file again as UTF-8")
            }
            row.setText(slot(), hot.pointee.value.bytes)
        case .plain: row.setText(slot(), hot.pointee.value.bytes)
        case .missing: row.setMissing(slot())
        }
    }

    /// The list whose objects are records of their own, its `[` consumed: each object is
    /// parsed as the record's members are (its fields named `<list>.<member>`), then its
    /// values are taken out of the row into `children`, for the driver to deliver one record
    /// per object with the record's other fields. An item that is not an object is skipped
    /// with a warning (once per list).
    private func parseEachList(depth: Int) throws {
        var c = try cursor.skipWhitespace()
        if c == UInt8(ascii: "]") { cursor.pos += 1; return }
        while true {
            guard let c0 = c else { throw cursor.syntax("the file ends inside a list") }
            if c0 == UInt8(ascii: "{") && depth + 1 <= maxDepth {
                let line = cursor.line
                cursor.pos += 1
                let first = hot.pointee.ordinal
                try parseObject(depth: depth + 1)
                // The slots this object set, by the order they were met in (`slot()` keeps it).
                let slots = hot.pointee.recent[first..<hot.pointee.ordinal].map(\.slot)
                children.append(JSONEachList.Child(line: line, values: slots.map { ($0, row.value($0)) }))
                for slot in slots { row.setMissing(slot) }
            } else {
                try skipValue()
                if warned.insert(hot.pointee.path.array).inserted {
                    warnings.append(Finding(file: cursor.path, line: row.line, field: fieldName, check: "json.each",
                                            message: c0 == UInt8(ascii: "{") ? "an object of the list is nested too deep; it was skipped"
                                                                             : "an item of the list is not an object; it was skipped",
                                            hint: "each item of the list named by 'each' should be an object: one record", severity: .warning))
                }
            }
            guard let next = try cursor.nextListItem() else { return }
            c = next
        }
    }

    /// The warning for a record whose `each` list holds no object: once per file and list,
    /// as the list's other warning (an item that is no object) is, so that a file read in
    /// parts warns as one read whole does (`JSONLinesSplit.repeatedWarnings`).
    func noteEmptyEach() {
        guard let eachPath, warned.insert(eachPath).inserted else { return }
        let list = String(decoding: eachPath, as: UTF8.self)
        warnings.append(Finding(file: cursor.path, line: row.line, field: list, check: "json.each",
                                message: "the record's list '\(list)' holds no object, so it gives no row (the first such record of the file)",
                                hint: "each object of '\(list)' is a row; a record without one (an operation with nobody in it) is left out",
                                severity: .warning))
    }

    /// A list: scalars are kept (null items dropped); objects or lists inside are skipped with a warning.
    private func parseList() throws {
        var items: [String] = []
        // The first object's member names, for the warning's hint.
        var members: [String]? = []
        let nested = try parseListItems(into: &items, members: &members)
        if nested && warned.insert(hot.pointee.path.array).inserted {
            let path = fieldName
            let pair = Self.likelyPair(members ?? [])
            let hint = pair.map { "this list's objects look like name/value pairs: read them as fields with "
                + "json: { pairs: { \(path): [\($0.name), \($0.value)] } } in the pipeline (--pairs \(path)=\($0.name),\($0.value))" }
                ?? "a list of objects\(Self.membersNote(members ?? [])) is not read as fields: when each object is "
                + "a record of its own (a survivor of a case), read them so with json: { each: \(path) } in the "
                + "pipeline (--each \(path)), each with this record's other fields; for a list of name/value objects "
                + "(as DHIS2's dataValues), name its two members in the pipeline: "
                + "json: { pairs: { \(path): [dataElement, value] } }"
            warnings.append(Finding(file: cursor.path, line: row.line, field: path, check: "json.nested_list",
                                    message: "a list holds objects or lists; only its plain values are kept",
                                    hint: hint, severity: .warning))
        }
        row.setList(slot(), items)
    }

    /// " (its first object has id, age)": the members a hint can name, at most five.
    static func membersNote(_ members: [String]) -> String {
        guard !members.isEmpty else { return "" }
        let shown = members.prefix(5).joined(separator: ", ") + (members.count > 5 ? ", ..." : "")
        return " (its first object has \(shown))"
    }

    /// The name and value members of an object that looks like a name/value pair (a `value`
    /// member beside one that names, such as DHIS2's `dataElement` or `attribute`).
    static func likelyPair(_ members: [String]) -> (name: String, value: String)? {
        guard let value = ["value", "val", "answer"].first(where: members.contains) else { return nil }
        let naming = ["dataElement", "attribute", "name", "key", "code", "field", "question", "indicator"]
        guard let name = naming.first(where: members.contains) else { return nil }
        return (name, value)
    }

    /// The items of a list whose `[` was consumed, up to its `]`: scalars into `items` (null
    /// items dropped); true when objects or lists inside were skipped.
    @discardableResult
    private func parseListItems(into items: inout [String]) throws -> Bool {
        var members: [String]?
        return try parseListItems(into: &items, members: &members)
    }

    /// `parseListItems`, and when `members` is not nil, the first object item's member names into it.
    private func parseListItems(into items: inout [String], members: inout [String]?) throws -> Bool {
        var nested = false
        var c = try cursor.skipWhitespace()
        if c == UInt8(ascii: "]") {
            cursor.pos += 1
        } else {
            while true {
                guard let c0 = c else { throw cursor.syntax("the file ends inside a list") }
                switch c0 {
                case JSONCursor.quote:
                    cursor.pos += 1
                    try cursor.readString(into: &hot.pointee.value)
                    items.append(hot.pointee.value.string)
                case UInt8(ascii: "n"): try cursor.expect("null")
                case UInt8(ascii: "N"), UInt8(ascii: "I"):
                    try cursor.expect(c0 == UInt8(ascii: "N") ? "NaN" : "Infinity")
                    notNumber(c0 == UInt8(ascii: "N") ? "NaN" : "Infinity")
                case UInt8(ascii: "t"): try cursor.expect("true"); items.append("true")
                case UInt8(ascii: "f"): try cursor.expect("false"); items.append("false")
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    try cursor.readNumber(into: &hot.pointee.value)
                    items.append(hot.pointee.value.string)
                case UInt8(ascii: "{") where members?.isEmpty == true:
                    cursor.pos += 1
                    nested = true
                    members = try skipContainer(keepingNames: true)
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    cursor.pos += 1
                    nested = true
                    try skipContainer()
                default: throw cursor.syntax("unexpected character where a list item should be")
                }
                guard let next = try cursor.nextListItem() else { break }
                c = next
            }
        }
        return nested
    }

    /// A list of name/value objects whose `[` was consumed (`JSONPairList`): each object's
    /// `name` member names a field `<list path>.<name>` and its `value` member is the value.
    /// An item that is not an object, or an object without a name, is skipped with a warning.
    private func parsePairList(name nameKey: [UInt8], value valueKey: [UInt8]) throws {
        let mark = hot.pointee.path.count
        var c = try cursor.skipWhitespace()
        if c == UInt8(ascii: "]") { cursor.pos += 1; return }
        while true {
            guard let c0 = c else { throw cursor.syntax("the file ends inside a list") }
            if c0 == UInt8(ascii: "{") {
                cursor.pos += 1
                try parsePair(nameKey: nameKey, valueKey: valueKey, listPathLength: mark)
            } else {
                try skipValue()
                warnPairs("a pairs list holds an item that is not an object; it was skipped")
            }
            guard let next = try cursor.nextListItem() else { return }
            c = next
        }
    }

    /// One name/value object whose `{` was consumed; its value is set under the field it names.
    private func parsePair(nameKey: [UInt8], valueKey: [UInt8], listPathLength mark: Int) throws {
        var held: Scalar? = nil
        var items: [String]? = nil
        var named = false
        var c = try cursor.skipWhitespace()
        if c == UInt8(ascii: "}") {
            cursor.pos += 1
        } else {
            while true {
                guard c == JSONCursor.quote else { throw cursor.syntax("expected a name in double quotes") }
                cursor.pos += 1
                try cursor.readString(into: &hot.pointee.pairKey)
                guard try cursor.skipWhitespace() == UInt8(ascii: ":") else { throw cursor.syntax("expected ':' after a name") }
                cursor.pos += 1
                guard let first = try cursor.skipWhitespace() else { throw cursor.syntax("the file ends inside a record") }
                let container = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
                if hot.pointee.pairKey.equals(nameKey), !container {
                    let name = try readScalar(first, into: &hot.pointee.pairName)
                    named = name != .missing && !hot.pointee.pairName.bytes.isEmpty
                } else if hot.pointee.pairKey.equals(valueKey), first == UInt8(ascii: "[") {
                    // A list of values (a multiple choice): kept as a list, as elsewhere.
                    cursor.pos += 1
                    var list: [String] = []
                    try parseListItems(into: &list)
                    items = list
                    held = nil
                } else if hot.pointee.pairKey.equals(valueKey), first == UInt8(ascii: "{") {
                    try skipValue()
                    warnPairs("a pair's value is an object; it was left out")
                    held = .missing
                    items = nil
                } else if hot.pointee.pairKey.equals(valueKey) {
                    held = try readScalar(first, into: &hot.pointee.value)
                    items = nil
                } else {
                    try skipValue()
                }
                guard let next = try cursor.nextObjectMember(ended: "the file ends inside a record",
                                                             otherwise: "expected ',' or '}' after a value") else { break }
                c = next
            }
        }
        guard named else {
            warnPairs("an object of a pairs list has no name member; it was skipped")
            return
        }
        hot.pointee.path.truncate(to: mark)
        hot.pointee.path.append(UInt8(ascii: "."))
        hot.pointee.path.append(hot.pointee.pairName.bytes)
        defer { hot.pointee.path.truncate(to: mark) }
        if let items {
            row.setList(slot(), items)
        } else {
            setScalar(held ?? .missing)
        }
    }

    /// A warning about the pairs list being read, once per list.
    private func warnPairs(_ message: String) {
        guard warned.insert(hot.pointee.path.array).inserted else { return }
        warnings.append(Finding(file: cursor.path, line: row.line, field: fieldName, check: "json.pairs", message: message,
                                hint: "check the list's items: each should be an object with the name and value members named in 'pairs'",
                                severity: .warning))
    }

    /// Skips the rest of an object or list whose opening bracket was consumed,
    /// without recursion (so no nesting depth can exhaust the stack).
    func skipContainer() throws { _ = try skipContainer(keepingNames: false) }

    /// `skipContainer`, and with `keepingNames` the names of the container's own members
    /// (not those of objects inside it; at most 32), for a warning's hint.
    private func skipContainer(keepingNames: Bool) throws -> [String] {
        var names: [String] = []
        var depth = 1
        while depth > 0 {
            guard let c = try cursor.skipWhitespace() else { throw cursor.syntax("the file ends inside a value") }
            cursor.pos += 1
            switch c {
            case JSONCursor.quote:
                try cursor.readString(into: &hot.pointee.skipped)
                if keepingNames, depth == 1, names.count < 32, try cursor.skipWhitespace() == UInt8(ascii: ":") {
                    names.append(hot.pointee.skipped.string)
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return names
    }

    /// Skips one value of any kind.
    func skipValue() throws {
        guard let c = try cursor.skipWhitespace() else { throw cursor.syntax("the file ends where a value should be") }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            cursor.pos += 1
            try skipContainer()
        case JSONCursor.quote:
            cursor.pos += 1
            try cursor.readString(into: &hot.pointee.skipped)
        default:
            while let d = try cursor.peek(), !(d == UInt8(ascii: ",") || d == UInt8(ascii: "]") || d == UInt8(ascii: "}")
                                                || d == 0x20 || d == 0x09 || d == 0x0A || d == 0x0D) {
                cursor.pos += 1
            }
        }
    }
}
