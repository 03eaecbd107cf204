import Foundation
import ImpactCore

/// Inserts records into an export's database on a thread of its own, in the order
/// they are added: the reading thread maps, checks and folds the next rows meanwhile
/// (SQLite's work per row is about as long as the rest of the run's). Records go over
/// in batches, at most `queued` batches waiting, so memory stays bounded whatever
/// the file's size. The first insert that fails stops the writer; the next `add` or
/// `finish` throws its error. Call `finish` or `close`: the writer's thread waits until then.
final class ExportWriter: @unchecked Sendable {
    typealias Row = (source: String, record: Record)

    private let export: SQLiteExport
    private let batchSize: Int
    private let queued: Int
    /// Filled by the reading thread alone.
    private var batch: [Row] = []
    /// Shared with the writer's thread, under `condition`.
    private let condition = NSCondition()
    private var waiting: [[Row]] = []
    private var closed = false
    private var failure: SQLiteExport.ExportError?
    private let stopped = DispatchSemaphore(value: 0)

    init(_ export: SQLiteExport, batchSize: Int = 2048, queued: Int = 8) {
        self.export = export
        self.batchSize = max(1, batchSize)
        self.queued = max(1, queued)
        batch.reserveCapacity(self.batchSize)
        // A queue of its own is given a thread of its own (see `SideBySide`).
        DispatchQueue(label: "impact.export-writer").async { self.write() }
    }

    /// Adds one record to insert; throws the writer's error once it has met one.
    func add(source: String, record: Record) throws(SQLiteExport.ExportError) {
        batch.append((source, record))
        if batch.count >= batchSize { try hand() }
    }

    /// Waits until every record added is inserted; throws the writer's error if it met one.
    func finish() throws(SQLiteExport.ExportError) {
        if !batch.isEmpty { try hand() }
        close()
        if let failure = condition.withLock({ failure }) { throw failure }
    }

    /// Stops the writer (after the batches handed over) and waits for it: what a failed read calls.
    func close() {
        let already = condition.withLock {
            defer { closed = true; condition.broadcast() }
            return closed
        }
        if !already { stopped.wait() }
    }

    private func hand() throws(SQLiteExport.ExportError) {
        let full = batch
        batch = []
        batch.reserveCapacity(batchSize)
        let failed: SQLiteExport.ExportError? = condition.withLock {
            while waiting.count >= queued && failure == nil { condition.wait() }
            if failure == nil {
                waiting.append(full)
                condition.broadcast()
            }
            return failure
        }
        if let failed { throw failed }
    }

    private func write() {
        defer { stopped.signal() }
        while true {
            let next: [Row]? = condition.withLock {
                while waiting.isEmpty && !closed { condition.wait() }
                if waiting.isEmpty { return nil }
                let first = waiting.removeFirst()
                condition.broadcast()
                return first
            }
            guard let next else { return }
            do {
                // Each stretch of one source's rows in as few statements as it takes.
                var start = next.startIndex
                while start < next.endIndex {
                    let source = next[start].source
                    let end = next[start...].firstIndex { $0.source != source } ?? next.endIndex
                    try export.insert(source: source, records: next[start..<end].lazy.map(\.record))
                    start = end
                }
            } catch {
                condition.withLock {
                    failure = error
                    condition.broadcast()
                }
                return
            }
        }
    }
}
