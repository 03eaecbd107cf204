import CLibCSV
import ImpactCore

/// The fields libcsv's callbacks touch, kept in manually allocated memory:
/// callbacks reach it through the `void *` pointer without reference counting
/// or exclusivity checks (which cost more than libcsv's own parsing).
struct CSVHot {
    /// Unretained: the parse state owns the row; calls through it cost no retain/release.
    let row: Unmanaged<RowBuffer>
    var fieldIndex = 0
    /// Fields beyond this index are counted but not stored.
    var maxStored: Int
    let maxFieldBytes: Int
    var inHeader = true
    var headerFields: [[UInt8]?] = []
    /// Index of the first field that is not valid UTF-8, or -1.
    var badUTF8Field = -1
    var fieldTooBig = false
    var rowReady = false
    /// Bytes of the record's fields as libcsv delivered them, and (when
    /// `countQuotes` is set) the quotes inside them: the trimming check of `CSVDriver`.
    var fieldBytes = 0
    var valueQuotes = 0
    /// The record's first field is only spaces and tabs (set where fields are copied: a
    /// line of spaces read by the general path, `CSVDriver.deliver`).
    var firstFieldOnlySpaces = false
    var countQuotes = false
    /// The record is one line already seen to be all ASCII or valid UTF-8: its fields
    /// need no UTF-8 check.
    var lineIsValidUTF8 = false
    /// A bit per column among the first 64 that the sink does not read: left missing, not copied.
    var skipped: UInt64 = 0
    /// The same for columns 64 and on (a wide export), a word per 64 columns (owned by
    /// `CSVParseState`'s masks; none when the sink keeps every one of them).
    var skippedPast64: UnsafeMutableBufferPointer<UInt64> = .init(start: nil, count: 0)
    /// Whether each record is hashed as it is read (`RecordSink.hashesRowsAsRead`): a
    /// line without quotes whole (`lineHash`), any other record field by field into
    /// `rowHash`, columns the row leaves out included.
    var hashing = false
    /// The record is one line without quotes, in valid UTF-8, and the row reads its values
    /// on the line (`RowBuffer.useLine`): a field is stored as its place there, not copied.
    /// Its place is the bytes and delimiters before it, since a line without quotes loses
    /// no byte but trimmed spaces, and a line whose spaces were trimmed is read again (`CSVDriver`).
    var valuesOnLine = false
    /// The file's delimiter (the row's `valueSeparator`, here beside the callbacks' state).
    let separator: UInt8
    var rowHash: RowHash.Builder
    /// Whether `rowHash` was started afresh for this record: only a record hashed field by
    /// field needs it, so `startRecord` does not build one for every line (a call and a
    /// copy of the builder a row).
    var rowHashStarted = false
    var lineHash: UInt64 = 0
    var hasLineHash = false
}

/// The columns a row leaves out, as `CSVHot` reads them: a bit per column among the
/// first 64, then a word per 64 columns (owned here).
struct SkipMask {
    var first64: UInt64 = 0
    var past64: UnsafeMutableBufferPointer<UInt64> = .init(start: nil, count: 0)

    /// Nil `keep`: every column kept.
    init(keeping keep: [Bool]?) {
        var words: [UInt64] = []
        for (index, kept) in (keep ?? []).enumerated() where !kept {
            let word = index / 64
            while words.count <= word { words.append(0) }
            words[word] |= 1 << UInt64(index % 64)
        }
        first64 = words.first ?? 0
        let rest = words.dropFirst()
        if rest.contains(where: { $0 != 0 }) {
            past64 = .allocate(capacity: rest.count)
            _ = past64.initialize(from: rest)
        }
    }

    init() {}

    func free() { past64.deallocate() }
}

/// What libcsv's callbacks write into while one segment is parsed. Callbacks
/// never call the sink (they cannot throw), they only fill the row and raise `rowReady`.
final class CSVParseState {
    let row: RowBuffer
    let hot: UnsafeMutablePointer<CSVHot>
    /// The columns every row keeps (`RecordSink.columnsToKeep`).
    private var mask = SkipMask()

    init(row: RowBuffer, maxStored: Int, maxFieldBytes: Int, delimiter: UInt8) {
        self.row = row
        row.valueSeparator = delimiter
        hot = CacheLineMemory.allocate(CSVHot.self)
        hot.initialize(to: CSVHot(row: .passUnretained(row), maxStored: maxStored, maxFieldBytes: maxFieldBytes,
                                  separator: delimiter, rowHash: RowHash.Builder(separator: delimiter)))
    }

    deinit {
        mask.free()
        hot.deinitialize(count: 1)
        hot.deallocate()
    }

    /// The pointer handed to libcsv as `data`.
    var context: UnsafeMutableRawPointer { UnsafeMutableRawPointer(hot) }

    var fieldIndex: Int { hot.pointee.fieldIndex }
    var inHeader: Bool {
        get { hot.pointee.inHeader }
        set { hot.pointee.inHeader = newValue }
    }
    var headerFields: [[UInt8]?] {
        get { hot.pointee.headerFields }
        set { hot.pointee.headerFields = newValue }
    }
    var badUTF8Field: Int { hot.pointee.badUTF8Field }

    /// Takes the sink's choice of columns (`RecordSink.columnsToKeep`): the columns it
    /// does not keep are left missing in every row. When the sink hashes rows
    /// (`hashesRowsAsRead`), each row's hash is made as it is read (`RowBuffer.hashAsRead`).
    func keepColumns(_ keep: [Bool]?, hashing: Bool) {
        hot.pointee.hashing = hashing
        mask.free()
        mask = SkipMask(keeping: keep)
        hot.pointee.skipped = mask.first64
        hot.pointee.skippedPast64 = mask.past64
    }
    var fieldTooBig: Bool { hot.pointee.fieldTooBig }
    var rowReady: Bool {
        get { hot.pointee.rowReady }
        set { hot.pointee.rowReady = newValue }
    }

    /// The record being parsed is `line`, one line without quotes: its values are left
    /// where they lie (`CSVHot.valuesOnLine`) until `copyValues`; the row reads them
    /// there until the next record.
    @inline(__always)
    func leaveValuesOnLine(_ line: UnsafeRawPointer) {
        row.useLine(line)
        hot.pointee.valuesOnLine = true
    }

    /// Parsing goes on at field `fieldIndex` of a line whose values stay where they lie, the
    /// fields before it holding `bytesBefore` bytes (`UnparsedColumnsParser`).
    func resumeOnLine(fieldIndex: Int, bytesBefore: Int) {
        hot.pointee.fieldIndex = fieldIndex
        hot.pointee.fieldBytes = bytesBefore
        hot.pointee.valuesOnLine = true
        hot.pointee.lineIsValidUTF8 = true
        hot.pointee.countQuotes = false
        hot.pointee.rowReady = false
    }

    /// Values are copied into the row again (the next record may span lines or hold quotes).
    @inline(__always)
    func copyValues() { hot.pointee.valuesOnLine = false }

    func startRecord(line: Int) {
        row.reset(line: line)
        hot.pointee.fieldIndex = 0
        hot.pointee.badUTF8Field = -1
        hot.pointee.rowReady = false
        hot.pointee.fieldBytes = 0
        hot.pointee.valueQuotes = 0
        hot.pointee.firstFieldOnlySpaces = false
        if hot.pointee.hashing {
            hot.pointee.rowHashStarted = false
            hot.pointee.hasLineHash = false
        }
    }

    var hashing: Bool { hot.pointee.hashing }

    /// The record is this one line, which holds no quote: its hash is the line's (`RowHash.line`).
    func hashLine(_ line: UnsafeRawBufferPointer) {
        hot.pointee.lineHash = RowHash.line(line, separator: hot.pointee.separator)
        hot.pointee.hasLineHash = true
    }

    /// The row's hash as read, when hashing (see `keepColumns`).
    var rowHashAsRead: UInt64? {
        guard hot.pointee.hashing else { return nil }
        if hot.pointee.hasLineHash { return hot.pointee.lineHash }
        if !hot.pointee.rowHashStarted { return RowHash.Builder(separator: hot.pointee.separator).finish() }
        return hot.pointee.rowHash.finish()
    }

    /// The field callback to hand libcsv: the hashing one when hashing.
    var fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void {
        hot.pointee.hashing ? csvFieldHashingCallback : csvFieldCallback
    }

    var fieldBytes: Int { hot.pointee.fieldBytes }

    /// The record's next `fields` fields, `bytes` bytes in all, were counted on the line, not
    /// parsed (`CSVDriver.feedSegments`): the row's count, blank test and the places of the
    /// values after them include them.
    @inline(__always)
    func countUnparsed(fields: Int, bytes: Int) {
        hot.pointee.fieldIndex &+= fields
        hot.pointee.fieldBytes &+= bytes
    }
    var firstFieldOnlySpaces: Bool { hot.pointee.firstFieldOnlySpaces }
    var valueQuotes: Int { hot.pointee.valueQuotes }
    var countQuotes: Bool {
        get { hot.pointee.countQuotes }
        set { hot.pointee.countQuotes = newValue }
    }
    var lineIsValidUTF8: Bool {
        get { hot.pointee.lineIsValidUTF8 }
        set { hot.pointee.lineIsValidUTF8 = newValue }
    }
}

/// libcsv's per-field callback: stores the field in the row (NULL = missing).
@inline(__always)
func csvFieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    storeField(field, length, data, hashing: false)
}

/// The same, also hashing every field into the row's hash (`CSVHot.hashing`): the
/// reader passes this one to libcsv when hashing, so that the other pays no test per field.
@inline(__always)
func csvFieldHashingCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    storeField(field, length, data, hashing: true)
}

@inline(__always)
private func storeField(_ field: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?, hashing: Bool) {
    guard let state = data?.assumingMemoryBound(to: CSVHot.self) else { return }
    let index = state.pointee.fieldIndex
    let before = state.pointee.fieldBytes
    state.pointee.fieldIndex = index + 1
    state.pointee.fieldBytes = before &+ length
    if length > state.pointee.maxFieldBytes { state.pointee.fieldTooBig = true }
    guard index < state.pointee.maxStored else { return }
    // A field of a line without quotes in valid UTF-8 (`CSVDriver.feedWholeLine`):
    // no quote to count, nothing to check, a kept value noted where it lies. (Such a line
    // is given the callback that does not hash: its hash is the line's, `RowHash.line`.)
    if !hashing && state.pointee.valuesOnLine {
        if field == nil {
            state.pointee.row._withUnsafeGuaranteedRef { $0.setMissing(index) }
        } else if index < 64 ? state.pointee.skipped & (1 << UInt64(index)) == 0 : !isSkippedPast64(index, state) {
            let start = before &+ index
            state.pointee.row._withUnsafeGuaranteedRef { $0.setLineText(index, start: start, end: start &+ length) }
        }
        return
    }
    storeCopying(field, length, index, state, hashing: hashing)
}

/// `storeField` for a header field, or one of a record that spans lines, holds quotes
/// or is not all valid UTF-8. Kept out of line, so that the common case above saves and
/// restores no more registers than it uses.
@inline(never)
private func storeCopying(_ field: UnsafeMutableRawPointer?, _ length: Int, _ index: Int,
                          _ state: UnsafeMutablePointer<CSVHot>, hashing: Bool) {
    assert(!state.pointee.valuesOnLine, "a field of a line read in place taken to the copying path")
    if state.pointee.inHeader {
        state.pointee.headerFields.append(field.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) })
        return
    }
    if hashing && !state.pointee.rowHashStarted {
        state.pointee.rowHash = RowHash.Builder(separator: state.pointee.separator)
        state.pointee.rowHashStarted = true
    }
    if let field {
        let bytes = UnsafeRawBufferPointer(start: field, count: length)
        if index == 0 { state.pointee.firstFieldOnlySpaces = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        if state.pointee.countQuotes {
            state.pointee.valueQuotes &+= impact_scan_line(field.assumingMemoryBound(to: UInt8.self), length,
                                                           state.pointee.separator, nil, 0, nil).quotes
        }
        if !state.pointee.lineIsValidUTF8 && state.pointee.badUTF8Field < 0 && !UTF8Check.isValid(bytes) { state.pointee.badUTF8Field = index }
        if hashing { state.pointee.rowHash.text(bytes) }
        if index < 64 ? state.pointee.skipped & (1 << UInt64(index)) != 0 : isSkippedPast64(index, state) { return }
        state.pointee.row._withUnsafeGuaranteedRef { $0.setText(index, bytes) }
    } else {
        if hashing { state.pointee.rowHash.missing() }
        state.pointee.row._withUnsafeGuaranteedRef { $0.setMissing(index) }
    }
}

/// Whether column `index` (64 or more) is one the sink does not keep.
@inline(__always)
private func isSkippedPast64(_ index: Int, _ state: UnsafeMutablePointer<CSVHot>) -> Bool {
    let word = index &>> 6 - 1
    let words = state.pointee.skippedPast64
    return word < words.count && words[word] & (1 << UInt64(index & 63)) != 0
}

/// libcsv's end-of-record callback.
@inline(__always)
func csvRowCallback(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
    data?.assumingMemoryBound(to: CSVHot.self).pointee.rowReady = true
}


/// A libcsv parser in strict mode that tells empty (`""`) from missing.
final class LibCSVParser {
    static let options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL | CSV_APPEND_NULL)
    let pointer: UnsafeMutablePointer<csv_parser>
    let delimiter: UInt8
    /// One LF byte, fed to end a record whose last fields are not parsed (`CSVDriver.feedSegments`).
    let lineEnd: UnsafeMutablePointer<UInt8>

    init(delimiter: UInt8, path: String) throws(IngestError) {
        self.delimiter = delimiter
        pointer = CacheLineMemory.allocate(csv_parser.self)
        lineEnd = .allocate(capacity: 1)
        lineEnd.initialize(to: 0x0A)
        guard csv_init(pointer, Self.options) == 0 else {
            pointer.deallocate()
            lineEnd.deallocate()
            throw .unreadable(path: path, reason: "libcsv could not allocate its parser")
        }
        configure()
    }

    private func configure() {
        csv_set_delim(pointer, delimiter)
        // libcsv's field buffer, written per byte, on cache lines of its own (shim.h).
        csv_set_realloc_func(pointer, impact_csv_realloc)
        csv_set_space_func(pointer, impact_csv_no_space)
        trimsSpaces = false
    }

    /// Whether libcsv's own space test is on (it trims spaces and tabs around unquoted fields).
    private(set) var trimsSpaces = false

    /// Spaces are data: libcsv asks `impact_csv_no_space` (a C function, shim.h)
    /// about every byte. The reader's default.
    @inline(__always)
    func keepSpaces() {
        guard trimsSpaces else { return }
        csv_set_space_func(pointer, impact_csv_no_space)
        trimsSpaces = false
    }

    /// libcsv's built-in space test, without a call per byte: used by the reader
    /// only on lines it then checks lost no byte (`CSVDriver.feedQuoteFreeLine`).
    @inline(__always)
    func trimSpaces() {
        guard !trimsSpaces else { return }
        csv_set_space_func(pointer, nil)
        trimsSpaces = true
    }

    /// Starts afresh after a parse error.
    func reset() {
        csv_free(pointer)
        _ = csv_init(pointer, Self.options)
        configure()
    }

    /// Bytes of the field being read (libcsv buffers it until its end).
    var pendingFieldBytes: Int { pointer.pointee.entry_pos }

    /// Whether the field being read holds `=` alone: at a stray quote, a spreadsheet formula
    /// written to keep a value as text (`="007"`).
    var pendingFieldIsEquals: Bool {
        pointer.pointee.entry_pos == 1 && pointer.pointee.entry_buf?.pointee == UInt8(ascii: "=")
    }

    deinit {
        csv_free(pointer)
        pointer.deallocate()
        lineEnd.deallocate()
    }
}
