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
    /// Read for every row (a mapper checks the count): no dynamic exclusivity check, which
    /// a class's stored `var` costs at each access; the table is grown only by the reader
    /// that owns it, between rows.
    @exclusivity(unchecked) public private(set) var names: [String] = []
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

/// What parses, on demand, the columns a reader left unparsed on a record's line
/// (`RowBuffer.markUnparsed`): the CSV reader's, for a line some of whose columns the
/// sink keeps but does not read in every row.
public protocol UnparsedColumnsReader: AnyObject {
    /// Parses `line` (`lineLength` bytes) into `row`'s kept slots.
    func readUnparsed(_ row: RowBuffer, line: UnsafeRawPointer, lineLength: Int)
}

/// One record of an export as a reader delivers it: the physical line on which
/// it starts and one slot per column of the reader's `ColumnTable`.
///
/// Readers reuse one buffer for every record (no allocation per field): field
/// bytes sit in one contiguous UTF-8 block with a start and end offset per
/// slot. Consumers copy what they keep; the buffer is overwritten by the next record.
///
/// All mutable state lives in manually allocated memory reached through one
/// `let` pointer: readers call `setText` once per field, and stored class
/// properties would cost a dynamic exclusivity check (and often a
/// retain/release) on every call.
public final class RowBuffer: @unchecked Sendable {
    public enum SlotKind: UInt8, Sendable { case missing, text, list }

    /// One slot: where its bytes start and end in the byte block, and its kind.
    @usableFromInline
    struct Slot {
        @usableFromInline var start: Int
        @usableFromInline var end: Int
        @usableFromInline var kind: SlotKind

        @usableFromInline
        init(start: Int, end: Int, kind: SlotKind) {
            self.start = start
            self.end = end
            self.kind = kind
        }
    }

    @usableFromInline
    struct Storage {
        /// Where the slots' offsets point: `bytes`, or the record's line when the
        /// reader left its values where they lie (`useLine`).
        @usableFromInline var base: UnsafeRawPointer
        @usableFromInline var bytes: UnsafeMutableRawPointer
        @usableFromInline var byteCount: Int
        @usableFromInline var byteCapacity: Int
        @usableFromInline var slots: UnsafeMutablePointer<Slot>
        /// Slots in use (every slot below it is initialised).
        @usableFromInline var slotCount: Int
        @usableFromInline var slotCapacity: Int
        @usableFromInline var line: Int
        @usableFromInline var fieldCount: Int
        @usableFromInline var hasLists: Bool
        /// `RowHash.of` the record, when the reader built it as it read (`hashAsRead`).
        @usableFromInline var hashAsRead: UInt64 = 0
        @usableFromInline var hasHashAsRead = false
        @usableFromInline var isBlank = false
        @usableFromInline var isTotals = false
        /// The length of the record's line when the reader left kept columns on it
        /// unparsed, else -1 (`markUnparsed`).
        @usableFromInline var unparsedLineLength = -1
    }

    public let columns: ColumnTable
    @usableFromInline let storage: UnsafeMutablePointer<Storage>
    /// Lists (JSON arrays of scalars) by slot; rare, so a dictionary is fine.
    private var lists: [Int: [String]] = [:]
    /// The byte between values: a CSV file's delimiter, a comma otherwise. The row's text
    /// for `RowHash` is written with it (so that a line read whole is that text already).
    public var valueSeparator: UInt8 = UInt8(ascii: ",")

    /// Parses on demand the columns a reader left unparsed (`markUnparsed`); set by the reader.
    public weak var unparsedColumnsReader: (any UnparsedColumnsReader)?

    public init(columns: ColumnTable) {
        self.columns = columns
        let slotCapacity = max(16, columns.count)
        storage = CacheLineMemory.allocate(Storage.self)
        let bytes = CacheLineMemory.allocateBytes(4096)
        storage.initialize(to: Storage(
            base: UnsafeRawPointer(bytes), bytes: bytes, byteCount: 0, byteCapacity: 4096,
            slots: CacheLineMemory.allocate(Slot.self, capacity: slotCapacity), slotCount: 0, slotCapacity: slotCapacity,
            line: 0, fieldCount: 0, hasLists: false))
    }

    deinit {
        storage.pointee.bytes.deallocate()
        storage.pointee.slots.deallocate()
        storage.deallocate()
    }

    /// The record's `RowHash.of`, set by a reader that hashed every field as it read it
    /// (columns it did not copy into the row included); nil otherwise. Cleared by `reset`.
    @inlinable
    public var hashAsRead: UInt64? {
        get { storage.pointee.hasHashAsRead ? storage.pointee.hashAsRead : nil }
        set {
            storage.pointee.hashAsRead = newValue ?? 0
            storage.pointee.hasHashAsRead = newValue != nil
        }
    }

    /// Every field of the record is empty (`,,,,`: a row a spreadsheet kept after its
    /// values were cleared), columns the sink does not keep included; set by the reader
    /// as it hands the record over (`hasNoValue`), cleared by `reset`.
    @inlinable
    public var isBlank: Bool {
        get { storage.pointee.isBlank }
        set { storage.pointee.isBlank = newValue }
    }

    /// The record is a spreadsheet's totals row: its first value (after empty fields) is a
    /// label such as `Total` or `Grand total`; set by the CSV reader (`TotalsRowProbe`),
    /// cleared by `reset`.
    @inlinable
    public var isTotals: Bool {
        get { storage.pointee.isTotals }
        set { storage.pointee.isTotals = newValue }
    }

    /// Whether every slot is missing, empty text or an empty list: `isBlank` for a
    /// reader that keeps every column (JSON); a CSV reader knows it from the bytes it read.
    public func hasNoValue() -> Bool {
        for slot in 0..<storage.pointee.slotCount {
            let s = storage.pointee.slots[slot]
            switch s.kind {
            case .missing: continue
            case .text: if s.end > s.start { return false }
            case .list: if !(lists[slot] ?? []).isEmpty { return false }
            }
        }
        return true
    }

    /// The reader left some kept columns of the record's line (the one given to `useLine`,
    /// `lineLength` bytes) unparsed: they are missing until `readUnparsedColumns`. Cleared
    /// by `reset`.
    @inlinable
    public func markUnparsed(lineLength: Int) {
        storage.pointee.unparsedLineLength = lineLength
    }

    /// Whether some kept columns of the record were left unparsed (`markUnparsed`).
    @inlinable
    public var hasUnparsedColumns: Bool { storage.pointee.unparsedLineLength >= 0 }

    /// Parses the columns the reader left unparsed into their slots, so that the row holds
    /// every column the sink keeps (for a rejected-rows file, say). Nothing to do for most rows.
    public func readUnparsedColumns() {
        let length = storage.pointee.unparsedLineLength
        guard length >= 0 else { return }
        storage.pointee.unparsedLineLength = -1
        unparsedColumnsReader?.readUnparsed(self, line: storage.pointee.base, lineLength: length)
    }

    /// Whether each of `slots` holds its own column's name, compared as bytes: a row that
    /// repeats the header (`RowMapper.repeatsHeader`, `impact inspect`). Inlinable, so that a
    /// caller in another module gets it specialised for its sequence (`inspect` calls it once
    /// a row with a range: unspecialised, the sequence's type was looked up at run time, a
    /// sixth of the inspection's CPU).
    @inlinable
    public func holdsColumnNames<Slots: Sequence<Int>>(at slots: Slots) -> Bool {
        let names = columns.names
        for slot in slots {
            guard slot < names.count, withBytes(slot, { $0.elementsEqual(names[slot].utf8) }) == true else { return false }
        }
        return true
    }

    /// 1-based physical line on which the record starts.
    @inlinable
    public var line: Int {
        get { storage.pointee.line }
        set { storage.pointee.line = newValue }
    }

    /// How many fields the record actually had (CSV: may differ from the header).
    @inlinable
    public var fieldCount: Int {
        get { storage.pointee.fieldCount }
        set { storage.pointee.fieldCount = newValue }
    }

    /// Empties every slot for the next record.
    @inlinable
    public func reset(line: Int) {
        storage.pointee.line = line
        storage.pointee.fieldCount = 0
        storage.pointee.byteCount = 0
        storage.pointee.base = UnsafeRawPointer(storage.pointee.bytes)
        storage.pointee.hasHashAsRead = false
        storage.pointee.isBlank = false
        storage.pointee.isTotals = false
        storage.pointee.unparsedLineLength = -1
        let slots = storage.pointee.slots
        for i in 0..<storage.pointee.slotCount { slots[i].kind = .missing }
        if storage.pointee.hasLists { clearLists() }
    }

    @usableFromInline
    func clearLists() {
        lists.removeAll(keepingCapacity: true)
        storage.pointee.hasLists = false
    }

    /// Makes `slot` addressable (new slots are missing).
    @usableFromInline
    func growSlots(_ slot: Int) {
        var s = storage.pointee
        if slot >= s.slotCapacity {
            let capacity = max(slot + 1, s.slotCapacity * 2)
            let grown = CacheLineMemory.allocate(Slot.self, capacity: capacity)
            grown.moveInitialize(from: s.slots, count: s.slotCount)
            s.slots.deallocate()
            s.slots = grown
            s.slotCapacity = capacity
        }
        (s.slots + s.slotCount).initialize(repeating: Slot(start: 0, end: 0, kind: .missing), count: slot + 1 - s.slotCount)
        s.slotCount = slot + 1
        storage.pointee = s
    }

    @usableFromInline
    func growBytes(_ needed: Int) {
        let s = storage
        let capacity = max(needed, s.pointee.byteCapacity * 2)
        let grown = CacheLineMemory.allocateBytes(capacity)
        grown.copyMemory(from: s.pointee.bytes, byteCount: s.pointee.byteCount)
        s.pointee.bytes.deallocate()
        s.pointee.bytes = grown
        s.pointee.base = UnsafeRawPointer(grown)
        s.pointee.byteCapacity = capacity
    }

    @inlinable
    public func setMissing(_ slot: Int) {
        // Growing last (a tail call), so that a reader's callback that inlines this
        // saves no registers for it.
        guard slot < storage.pointee.slotCount else { return setMissingGrowing(slot) }
        storage.pointee.slots[slot].kind = .missing
    }

    @usableFromInline @inline(never)
    func setMissingGrowing(_ slot: Int) {
        growSlots(slot)
        storage.pointee.slots[slot].kind = .missing
    }

    /// Stores a text value's UTF-8 bytes in the slot.
    @inlinable
    public func setText(_ slot: Int, _ source: UnsafeRawBufferPointer) {
        let s = storage
        assert(s.pointee.base == UnsafeRawPointer(s.pointee.bytes), "a value copied into a row whose values are on its line")
        if slot >= s.pointee.slotCount { growSlots(slot) }
        let start = s.pointee.byteCount
        let end = start + source.count
        if end > s.pointee.byteCapacity { growBytes(end) }
        if let from = source.baseAddress, source.count > 0 {
            (s.pointee.bytes + start).copyMemory(from: from, byteCount: source.count)
        }
        s.pointee.byteCount = end
        s.pointee.slots[slot] = Slot(start: start, end: end, kind: .text)
    }

    /// Leaves the record's values where they lie: until `reset`, text slots are
    /// set by `setLineText` as offsets into `line`, which must stay valid and
    /// unchanged while the row is used (a reader's chunk, while the sink has the row).
    @inlinable
    public func useLine(_ line: UnsafeRawPointer) {
        storage.pointee.base = line
    }

    /// A text value at `start..<end` of the line given to `useLine` (not copied).
    @inlinable
    public func setLineText(_ slot: Int, start: Int, end: Int) {
        guard slot < storage.pointee.slotCount else { return setLineTextGrowing(slot, start: start, end: end) }
        storage.pointee.slots[slot] = Slot(start: start, end: end, kind: .text)
    }

    @usableFromInline @inline(never)
    func setLineTextGrowing(_ slot: Int, start: Int, end: Int) {
        growSlots(slot)
        storage.pointee.slots[slot] = Slot(start: start, end: end, kind: .text)
    }

    public func setText(_ slot: Int, _ text: String) {
        var text = text
        text.withUTF8 { setText(slot, UnsafeRawBufferPointer($0)) }
    }

    public func setList(_ slot: Int, _ items: [String]) {
        setMissing(slot)
        storage.pointee.slots[slot].kind = .list
        storage.pointee.hasLists = true
        lists[slot] = items
    }

    @inlinable
    public func kind(_ slot: Int) -> SlotKind {
        slot < storage.pointee.slotCount ? storage.pointee.slots[slot].kind : .missing
    }

    @inlinable
    public func isMissing(_ slot: Int) -> Bool { kind(slot) == .missing }

    /// The slot's text, or nil when missing (a list is joined with "; ").
    public func string(_ slot: Int) -> String? {
        switch kind(slot) {
        case .missing: return nil
        case .list: return lists[slot]?.joined(separator: "; ")
        case .text: return text(slot)
        }
    }

    public func value(_ slot: Int) -> RawValue {
        switch kind(slot) {
        case .missing: return .missing
        case .list: return .list(lists[slot] ?? [])
        case .text: return .text(text(slot))
        }
    }

    private func text(_ slot: Int) -> String {
        let s = storage.pointee.slots[slot]
        let buffer = UnsafeRawBufferPointer(start: storage.pointee.base + s.start, count: s.end - s.start)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The slot's UTF-8 bytes without making a String (nil when missing or a list).
    @inlinable
    public func withBytes<R>(_ slot: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        guard kind(slot) == .text else { return nil }
        let s = storage.pointee.slots[slot]
        return try body(UnsafeRawBufferPointer(start: storage.pointee.base + s.start, count: s.end - s.start))
    }

    /// Every slot's raw value, in column order (for rejected-rows files and tests).
    public func values() -> [RawValue] {
        (0..<max(columns.count, fieldCount)).map(value)
    }
}
