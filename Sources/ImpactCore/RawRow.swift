/// A value as an export holds it, before any mapping: missing (an empty
/// unquoted CSV field, a JSON null or absent key), text (possibly empty, for a
/// quoted `""`), or a list (a JSON array of scalars).
public enum RawValue: Sendable, Hashable {
    case missing
    case text(String)
    case list([String])

    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}

/// The column names a reader has seen, in order of first appearance. CSV fills
/// it from the header; a JSON reader appends each new (flattened) key as it
/// meets it, so a consumer re-resolves names when `count` grows.
public final class ColumnTable: @unchecked Sendable {
    public private(set) var names: [String] = []
    private var index: [String: Int] = [:]

    public init(_ names: [String] = []) {
        for name in names { _ = add(name) }
    }

    public var count: Int { names.count }

    public func position(of name: String) -> Int? { index[name] }

    /// The column's index, adding it when new. A repeated CSV header gets the
    /// first position for lookups by name; its own slot keeps its values.
    @discardableResult
    public func add(_ name: String) -> Int {
        if let existing = index[name] { return existing }
        names.append(name)
        index[name] = names.count - 1
        return names.count - 1
    }

    /// Appends a column even when its name repeats (CSV headers may repeat a name).
    @discardableResult
    public func append(_ name: String) -> Int {
        names.append(name)
        if index[name] == nil { index[name] = names.count - 1 }
        return names.count - 1
    }
}

/// One record of an export as a reader delivers it: the physical line on which
/// it starts and one slot per column of the reader's `ColumnTable`.
///
/// Readers reuse one buffer for every record (no allocation per field): field
/// bytes sit in one contiguous UTF-8 array with a start and end offset per
/// slot. Consumers copy what they keep; the buffer is overwritten by the next record.
public final class RowBuffer: @unchecked Sendable {
    public enum SlotKind: UInt8, Sendable { case missing, text, list }

    public let columns: ColumnTable
    /// 1-based physical line on which the record starts.
    public var line: Int = 0
    /// How many fields the record actually had (CSV: may differ from the header).
    public var fieldCount: Int = 0
    public private(set) var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var kinds: [SlotKind] = []
    private var lists: [Int: [String]] = [:]

    public init(columns: ColumnTable) {
        self.columns = columns
        bytes.reserveCapacity(4096)
    }

    /// Empties every slot for the next record.
    public func reset(line: Int) {
        self.line = line
        fieldCount = 0
        bytes.removeAll(keepingCapacity: true)
        for i in kinds.indices { kinds[i] = .missing }
        if !lists.isEmpty { lists.removeAll(keepingCapacity: true) }
    }

    private func ensure(_ slot: Int) {
        while kinds.count <= slot {
            kinds.append(.missing)
            starts.append(0)
            ends.append(0)
        }
    }

    public func setMissing(_ slot: Int) {
        ensure(slot)
        kinds[slot] = .missing
    }

    /// Stores a text value's UTF-8 bytes in the slot.
    public func setText(_ slot: Int, _ source: UnsafeRawBufferPointer) {
        ensure(slot)
        starts[slot] = bytes.count
        bytes.append(contentsOf: source)
        ends[slot] = bytes.count
        kinds[slot] = .text
    }

    public func setText(_ slot: Int, _ text: String) {
        ensure(slot)
        starts[slot] = bytes.count
        bytes.append(contentsOf: text.utf8)
        ends[slot] = bytes.count
        kinds[slot] = .text
    }

    public func setList(_ slot: Int, _ items: [String]) {
        ensure(slot)
        kinds[slot] = .list
        lists[slot] = items
    }

    public func kind(_ slot: Int) -> SlotKind {
        slot < kinds.count ? kinds[slot] : .missing
    }

    public func isMissing(_ slot: Int) -> Bool { kind(slot) == .missing }

    /// The slot's text, or nil when missing (a list is joined with "; ").
    public func string(_ slot: Int) -> String? {
        switch kind(slot) {
        case .missing: return nil
        case .list: return lists[slot]?.joined(separator: "; ")
        case .text: return String(decoding: bytes[starts[slot]..<ends[slot]], as: UTF8.self)
        }
    }

    public func value(_ slot: Int) -> RawValue {
        switch kind(slot) {
        case .missing: return .missing
        case .list: return .list(lists[slot] ?? [])
        case .text: return .text(String(decoding: bytes[starts[slot]..<ends[slot]], as: UTF8.self))
        }
    }

    /// The slot's UTF-8 bytes without making a String (nil when missing or a list).
    public func withBytes<R>(_ slot: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        guard kind(slot) == .text else { return nil }
        let range = starts[slot]..<ends[slot]
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Every slot's raw value, in column order (for rejected-rows files and tests).
    public func values() -> [RawValue] {
        (0..<max(columns.count, fieldCount)).map(value)
    }
}
