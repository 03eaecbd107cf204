import Foundation
import ImpactCore

/// Writing a rejected-rows file failed (a directory that cannot be made, a full disk).
public struct RejectedRowsError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Streams a source's rejected rows to `<output>/rejected/<source>.csv` so the
/// office can find and fix each row in its own export.
///
/// Columns: `line, field, check, reason`, then the original text of the
/// source's MAPPED columns under the office's header names. Identifying and
/// unmapped columns never appear. One line per error of a row. A column a JSON
/// reader meets only after the first rejected row (a key the first objects
/// leave out) is added at the end, and the rows before it get an empty cell
/// there when the file is finished (`RejectedRowsPadding`). The file is
/// written to a temporary name and renamed into place by `finish()`; with no
/// rejected row, `finish()` leaves no file (and removes one from an earlier run).
public final class RejectedRowsWriter {
    public let path: String
    private let temporaryPath: String
    private let mapper: RowMapper
    private var handle: FileHandle?
    private var buffer = ""
    /// Schema field indexes shown, from the first row written; a field mapped
    /// later (a JSON key met late) is added at the end.
    private var shownFields: [Int]?
    /// The header names of `shownFields`.
    private var shownNames: [String] = []
    /// The reader's column count when `shownFields` was last brought up to date.
    private var columnsSeen = -1
    /// Where in the file each width of row starts (the header's end first), when a
    /// field was added after rows were written: those rows are padded at `finish`.
    private var widths: [(offset: Int, cells: Int)] = []
    /// Bytes handed to the file so far (the buffer's not included).
    private var flushedBytes = 0
    public private(set) var rowsWritten = 0

    /// The header line's length in the file (skipped when another part's rows are appended).
    private var headerBytes = 0

    /// `outputDirectory` is the pipeline's output folder; `rejected/` is made inside it when a row is written.
    /// `part` (index, count) names the temporary file of one part of a source read on
    /// several cores; the parts are appended to the first in file order (`append`).
    public init(outputDirectory: String, source: String, mapper: RowMapper,
                part: (index: Int, of: Int)? = nil) throws(RejectedRowsError) {
        let directory = (outputDirectory as NSString).appendingPathComponent("rejected")
        let path = (directory as NSString).appendingPathComponent(source + ".csv")
        guard !source.isEmpty, !source.hasPrefix("."),
              source.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }) else {
            throw RejectedRowsError(path: path, message: "a source name used as a file name may hold letters, digits, '-', '_' and '.' only")
        }
        self.path = path
        let suffix = part.map { ".part-\($0.index + 1)-of-\($0.of)" } ?? ""
        self.temporaryPath = (directory as NSString).appendingPathComponent("." + source + ".csv" + suffix + ".partial")
        self.mapper = mapper
    }

    /// Writes a rejected row: one line per error finding (warnings are reported elsewhere).
    public func write(_ verdict: RowVerdict, row: RowBuffer) throws(RejectedRowsError) {
        try write(findings: verdict.errors, row: row)
    }

    /// Writes a row the reader could not read, or any row with its findings, as read.
    public func write(findings: [Finding], row: RowBuffer) throws(RejectedRowsError) {
        guard !findings.isEmpty else { return }
        try start()
        if mapper.columns.count != columnsSeen { addLateFields() }
        let raw = mapper.rawMappedValues(row)
        let shown = (shownFields ?? []).map { raw[$0] }
        for finding in findings {
            let reason = finding.hint.map { "\(finding.message) (\($0))" } ?? finding.message
            buffer += CSVField.record([String(finding.line), finding.field ?? "", finding.check, reason] + shown)
            rowsWritten += 1
        }
        if buffer.utf8.count >= 1 << 16 { try flush() }
    }

    /// Closes the file and renames it into place. Returns its path, or nil when no row was rejected.
    @discardableResult
    public func finish() throws(RejectedRowsError) -> String? {
        guard let handle else {
            try? FileManager.default.removeItem(atPath: path)
            return nil
        }
        try flush()
        do { try handle.close() } catch { throw RejectedRowsError(path: temporaryPath, message: "cannot close: \(error)") }
        self.handle = nil
        if widths.count > 1 { try padEarlierRows() }
        guard rename(temporaryPath, path) == 0 else {
            throw RejectedRowsError(path: path, message: "cannot move the finished file into place (errno \(errno))")
        }
        return path
    }

    /// Appends the rows of `other`, the writer of the next part of the same source
    /// (same columns: the parts are merged only when neither met a column after its
    /// first row, `SourceProcessor.merge`), after this one's, and removes its temporary file.
    public func append(_ other: RejectedRowsWriter) throws(RejectedRowsError) {
        guard let otherHandle = other.handle else { return }
        try other.flush()
        try? otherHandle.close()
        other.handle = nil
        defer { try? FileManager.default.removeItem(atPath: other.temporaryPath) }
        try start()
        try flush()
        guard let handle, let input = FileHandle(forReadingAtPath: other.temporaryPath) else {
            throw RejectedRowsError(path: other.temporaryPath, message: "cannot read the part back")
        }
        defer { try? input.close() }
        do {
            try input.seek(toOffset: UInt64(other.headerBytes))
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                try handle.write(contentsOf: chunk)
                flushedBytes += chunk.count
            }
        } catch {
            throw RejectedRowsError(path: temporaryPath, message: "cannot append another part's rows: \(error)")
        }
        rowsWritten += other.rowsWritten
    }

    /// A writer dropped unfinished (a part whose split was not used) leaves no temporary file.
    deinit {
        if handle != nil { cancel() }
    }

    /// Abandons the file (the run failed): removes the temporary file, leaves any earlier file alone.
    public func cancel() {
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    private func start() throws(RejectedRowsError) {
        guard handle == nil else { return }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RejectedRowsError(path: directory, message: "cannot make the folder: \(error)")
        }
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw RejectedRowsError(path: temporaryPath, message: "cannot create the file")
        }
        self.handle = handle
        columnsSeen = mapper.columns.count
        let headers = mapper.mappedHeaders
        let mappings = mapper.definition.columns
        let fields = headers.indices.filter { headers[$0] != nil || mappings[$0].isExplicit }
        shownFields = fields
        shownNames = fields.map { headers[$0] ?? mappings[$0].headers.first ?? mappings[$0].field }
        let header = headerLine()
        headerBytes = header.utf8.count
        buffer += header
        widths = [(headerBytes, fields.count)]
    }

    private func headerLine() -> String {
        CSVField.record(["line", "field", "check", "reason"] + shownNames)
    }

    /// The reader's column table grew (a JSON key met late): fields it now maps that
    /// are not shown yet are added at the end; rows already written get empty cells.
    private func addLateFields() {
        columnsSeen = mapper.columns.count
        let headers = mapper.mappedHeaders
        let shown = Set(shownFields ?? [])
        let late = headers.indices.filter { headers[$0] != nil && !shown.contains($0) }
        guard !late.isEmpty else { return }
        shownFields = (shownFields ?? []) + late
        shownNames += late.map { headers[$0] ?? "" }
        let offset = flushedBytes + buffer.utf8.count
        if let last = widths.last, last.offset == offset { widths.removeLast() }
        widths.append((offset, shownFields?.count ?? 0))
    }

    /// Rewrites the finished temporary file with the whole header and each row written
    /// before a field was added padded with empty cells, then puts it in its place.
    private func padEarlierRows() throws(RejectedRowsError) {
        let padded = temporaryPath + ".padded"
        do {
            try RejectedRowsPadding.rewrite(from: temporaryPath, to: padded, header: headerLine(),
                                            widths: widths, endOffset: flushedBytes)
        } catch {
            try? FileManager.default.removeItem(atPath: padded)
            throw RejectedRowsError(path: temporaryPath, message: "cannot add the columns met late: \(error)")
        }
        guard rename(padded, temporaryPath) == 0 else {
            throw RejectedRowsError(path: temporaryPath, message: "cannot move the padded file into place (errno \(errno))")
        }
    }

    private func flush() throws(RejectedRowsError) {
        guard let handle, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(buffer.utf8))
            flushedBytes += buffer.utf8.count
        } catch {
            throw RejectedRowsError(path: temporaryPath, message: "cannot write: \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
