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
/// unmapped columns never appear. One line per error of a row. The file is
/// written to a temporary name and renamed into place by `finish()`; with no
/// rejected row, `finish()` leaves no file (and removes one from an earlier run).
public final class RejectedRowsWriter {
    public let path: String
    private let temporaryPath: String
    private let mapper: RowMapper
    private var handle: FileHandle?
    private var buffer = ""
    /// Schema field indexes shown, fixed at the first row written.
    private var shownFields: [Int]?
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
        let raw = mapper.rawMappedValues(row)
        let shown = (shownFields ?? []).map { raw[$0] }
        for finding in findings {
            let reason = finding.hint.map { "\(finding.message) (\($0))" } ?? finding.message
            buffer += CSVText.record([String(finding.line), finding.field ?? "", finding.check, reason] + shown)
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
        guard rename(temporaryPath, path) == 0 else {
            throw RejectedRowsError(path: path, message: "cannot move the finished file into place (errno \(errno))")
        }
        return path
    }

    /// Appends the rows of `other`, the writer of the next part of the same source
    /// (same columns), after this one's, and removes its temporary file.
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
        let headers = mapper.mappedHeaders
        let mappings = mapper.definition.columns
        let fields = headers.indices.filter { headers[$0] != nil || mappings[$0].isExplicit }
        shownFields = fields
        let names = fields.map { headers[$0] ?? mappings[$0].headers.first ?? mappings[$0].field }
        let header = CSVText.record(["line", "field", "check", "reason"] + names)
        headerBytes = header.utf8.count
        buffer += header
    }

    private func flush() throws(RejectedRowsError) {
        guard let handle, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(buffer.utf8))
        } catch {
            throw RejectedRowsError(path: temporaryPath, message: "cannot write: \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
