import CLibCSV
import ImpactCore

/// What libcsv's callbacks write into while one segment is parsed. The reader
/// passes it to libcsv as an unretained pointer; callbacks never call the sink
/// (they cannot throw), they only fill the row and raise `rowReady`.
final class CSVParseState {
    let row: RowBuffer
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

    init(row: RowBuffer, maxStored: Int, maxFieldBytes: Int) {
        self.row = row
        self.maxStored = maxStored
        self.maxFieldBytes = maxFieldBytes
    }

    func startRecord(line: Int) {
        row.reset(line: line)
        fieldIndex = 0
        badUTF8Field = -1
        rowReady = false
    }
}

/// libcsv's per-field callback: stores the field in the row (NULL = missing).
func csvFieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    guard let data else { return }
    let state = Unmanaged<CSVParseState>.fromOpaque(data).takeUnretainedValue()
    let index = state.fieldIndex
    state.fieldIndex = index + 1
    if length > state.maxFieldBytes { state.fieldTooBig = true }
    guard index < state.maxStored else { return }
    if state.inHeader {
        state.headerFields.append(field.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) })
        return
    }
    if let field {
        let bytes = UnsafeRawBufferPointer(start: field, count: length)
        if state.badUTF8Field < 0 && !UTF8Check.isValid(bytes) { state.badUTF8Field = index }
        state.row.setText(index, bytes)
    } else {
        state.row.setMissing(index)
    }
}

/// libcsv's end-of-record callback.
func csvRowCallback(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
    guard let data else { return }
    Unmanaged<CSVParseState>.fromOpaque(data).takeUnretainedValue().rowReady = true
}

/// Spaces are data: without this libcsv trims spaces and tabs around fields.
func csvNoSpace(_ c: UInt8) -> Int32 { 0 }

/// A libcsv parser in strict mode that tells empty (`""`) from missing.
final class LibCSVParser {
    static let options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL | CSV_APPEND_NULL)
    let pointer: UnsafeMutablePointer<csv_parser>
    let delimiter: UInt8

    init(delimiter: UInt8, path: String) throws(IngestError) {
        self.delimiter = delimiter
        pointer = .allocate(capacity: 1)
        guard csv_init(pointer, Self.options) == 0 else {
            pointer.deallocate()
            throw .unreadable(path: path, reason: "libcsv could not allocate its parser")
        }
        configure()
    }

    private func configure() {
        csv_set_delim(pointer, delimiter)
        csv_set_space_func(pointer, csvNoSpace)
    }

    /// Starts afresh after a parse error.
    func reset() {
        csv_free(pointer)
        _ = csv_init(pointer, Self.options)
        configure()
    }

    /// Bytes of the field being read (libcsv buffers it until its end).
    var pendingFieldBytes: Int { pointer.pointee.entry_pos }

    deinit {
        csv_free(pointer)
        pointer.deallocate()
    }
}
