import Dispatch

/// The `duplicate` check's rows when its findings are warnings (its default): a
/// warning changes no row's fate, so the check need not answer while the row is
/// read. Each row's hash, line and outcome is appended to one of 256 buckets (by
/// the hash's top byte), and the repeats are found once the source is read
/// (`repeats(in:)`), one bucket at a time in a table small enough to stay in the
/// core's cache.
///
/// Looking each row up in one table of the whole source as it is read costs a
/// trip to memory a row (the table is tens of megabytes at a million rows): with
/// the row hash, the check was a sixth of a run's time. Appending to a bucket writes where the bucket's
/// last row was written. The logs of the parts of a split read are taken in file
/// order, so a row repeated across the cut is found as in one piece, with its
/// first line. 16 bytes a row, no more than the table's slots.
final class RepeatLog: @unchecked Sendable {
    /// What became of a logged row (a repeat of a row accepted without findings makes it warned).
    typealias Outcome = SourceValidator.Outcome

    struct Entry {
        var hash: UInt64
        var line: Int32
        var outcome: Outcome
    }

    fileprivate struct Bucket {
        var entries: UnsafeMutablePointer<Entry>?
        var count = 0
        var capacity = 0
    }

    /// A row that repeats an earlier one.
    struct Repeat: Sendable, Equatable {
        var line: Int
        /// The line of the first row with the same content.
        var first: Int
        /// What the check made of the repeating row before its warning.
        var outcome: Outcome
    }

    static let bucketCount = 256
    private let buckets: UnsafeMutablePointer<Bucket>

    /// `expectedRows` (a part of a split file) sizes the buckets once.
    init(expectedRows: Int? = nil) {
        buckets = CacheLineMemory.allocate(Bucket.self, capacity: Self.bucketCount)
        let each = max(16, (expectedRows ?? 0) / Self.bucketCount * 9 / 8)
        for b in 0..<Self.bucketCount {
            (buckets + b).initialize(to: Bucket(entries: .allocate(capacity: each), count: 0, capacity: each))
        }
    }

    deinit {
        for b in 0..<Self.bucketCount { buckets[b].entries?.deallocate() }
        buckets.deallocate()
    }

    /// Appends rows to this log: a plain value (no reference to retain per row), valid while the log lives.
    struct Appender {
        fileprivate let buckets: UnsafeMutablePointer<Bucket>

        @inline(__always)
        func append(hash: UInt64, line: Int, outcome: Outcome) {
            let bucket = buckets + Int(truncatingIfNeeded: hash >> 56)
            if bucket.pointee.count == bucket.pointee.capacity { RepeatLog.grow(bucket) }
            bucket.pointee.entries.unsafelyUnwrapped[bucket.pointee.count] =
                Entry(hash: hash, line: Int32(clamping: line), outcome: outcome)
            bucket.pointee.count += 1
        }
    }

    var appender: Appender { Appender(buckets: buckets) }

    private static func grow(_ bucket: UnsafeMutablePointer<Bucket>) {
        let capacity = max(16, bucket.pointee.capacity * 2)
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
        if let old = bucket.pointee.entries {
            entries.moveInitialize(from: old, count: bucket.pointee.count)
            old.deallocate()
        }
        bucket.pointee.entries = entries
        bucket.pointee.capacity = capacity
    }

    /// The rows of `logs` (in file order: a part's log before the next part's) that
    /// repeat an earlier row, in line order. The buckets are independent: with many
    /// rows, two halves of them are searched side by side (this runs after the last
    /// part of a source is read, when the other core may have nothing left to do).
    static func repeats(in logs: [RepeatLog]) -> [Repeat] {
        let rows = logs.reduce(0) { total, log in (0..<bucketCount).reduce(total) { $0 + log.buckets[$1].count } }
        var found: [Repeat]
        if rows < Self.rowsForTwoHalves {
            found = repeats(in: logs, buckets: 0..<bucketCount)
        } else {
            let halves = ResultSlots<[Repeat]>(count: 2)
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                halves.set(k, repeats(in: logs, buckets: k == 0 ? 0..<bucketCount / 2 : bucketCount / 2..<bucketCount))
            }
            found = halves.values().flatMap { $0 }
        }
        // Lines are unique: one order whichever half found a row first.
        found.sort { $0.line < $1.line }
        return found
    }

    /// Below this many rows the search is too short to be worth a second thread.
    static let rowsForTwoHalves = 1 << 17

    /// The repeats among `buckets`, in bucket order.
    private static func repeats(in logs: [RepeatLog], buckets range: Range<Int>) -> [Repeat] {
        var found: [Repeat] = []
        var table = FirstLines()
        defer { table.free() }
        for b in range {
            let rows = logs.reduce(0) { $0 + $1.buckets[b].count }
            guard rows > 1 else { continue }
            table.reset(rows: rows)
            for log in logs {
                let bucket = log.buckets[b]
                guard let entries = bucket.entries else { continue }
                for i in 0..<bucket.count {
                    let entry = entries[i]
                    if let first = table.firstLine(of: entry.hash, elseRecord: entry.line) {
                        found.append(Repeat(line: Int(entry.line), first: Int(first), outcome: entry.outcome))
                    }
                }
            }
        }
        return found
    }

    /// One bucket's first lines by hash: open addressing over a table reused from
    /// bucket to bucket (cleared, not freed), sized for twice the bucket's rows.
    private struct FirstLines {
        private var hashes: UnsafeMutablePointer<UInt64>?
        private var lines: UnsafeMutablePointer<Int32>?
        private var capacity = 0
        private var mask = 0

        mutating func reset(rows: Int) {
            var size = 16
            while size < rows * 2 { size <<= 1 }
            if size > capacity {
                free()
                hashes = .allocate(capacity: size)
                lines = .allocate(capacity: size)
                capacity = size
            }
            hashes.unsafelyUnwrapped.update(repeating: 0, count: size)
            mask = size - 1
        }

        func free() {
            hashes?.deallocate()
            lines?.deallocate()
        }

        @inline(__always)
        func firstLine(of hash: UInt64, elseRecord line: Int32) -> Int32? {
            let hashes = hashes.unsafelyUnwrapped, lines = lines.unsafelyUnwrapped
            let hash = hash == 0 ? 1 : hash
            var i = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while true {
                let there = hashes[i]
                if there == 0 {
                    hashes[i] = hash
                    lines[i] = line
                    return nil
                }
                if there == hash { return lines[i] }
                i = (i + 1) & mask
            }
        }
    }
}
