/// Which parts of a plain line libcsv parses when a sink reads only some columns in every
/// row (`CSVDriver.feedSegments`): the runs of consecutive columns read (segments), and the
/// delimiters that bound them, which the line's pass finds (`impact_scan_line`). Columns
/// between segments and after the last are counted, not parsed.
final class LineCutPlan {
    /// At most this many segments; a sink reading more scattered columns gets one segment
    /// from column 0 to its last column (only the end of the line left unparsed).
    static let maxSegments = 8

    /// The plan's tables, which it owns (the reader holds this plain value beside the
    /// plan and reads it on every line: a class reference bound per line costs a retain
    /// and a release).
    let tables: LineCutTables

    /// The plan for a file of `columns` columns of which `read` are read in every row, or
    /// nil when every column is (nothing to leave unparsed).
    init?(read: [Bool], columns: Int) {
        var segments: [(first: Int, last: Int)] = []
        for column in 0..<columns where column < read.count && read[column] {
            if let last = segments.last, last.last == column - 1 {
                segments[segments.count - 1].last = column
            } else {
                segments.append((column, column))
            }
        }
        // Column 0 is parsed when nothing is read (a record is never handed to libcsv empty).
        if segments.isEmpty { segments = [(0, 0)] }
        if segments.count > Self.maxSegments, let last = segments.last { segments = [(0, last.last)] }
        if segments.count == 1 && segments[0].first == 0 && segments[0].last >= columns - 1 { return nil }
        var wants: [Int] = []
        var starts: [Int] = []
        var ends: [Int] = []
        for segment in segments {
            if segment.first > 0 {
                starts.append(wants.count)
                wants.append(segment.first)
            } else {
                starts.append(-1)
            }
            if segment.last < columns - 1 {
                ends.append(wants.count)
                wants.append(segment.last + 1)
            } else {
                ends.append(-1)
            }
        }
        let first = UnsafeMutablePointer<Int>.allocate(capacity: segments.count)
        first.initialize(from: segments.map(\.first), count: segments.count)
        let startWant = UnsafeMutablePointer<Int>.allocate(capacity: segments.count)
        startWant.initialize(from: starts, count: segments.count)
        let endWant = UnsafeMutablePointer<Int>.allocate(capacity: segments.count)
        endWant.initialize(from: ends, count: segments.count)
        let wanted = UnsafeMutablePointer<Int>.allocate(capacity: max(1, wants.count))
        wanted.initialize(from: wants, count: wants.count)
        let found = UnsafeMutablePointer<Int>.allocate(capacity: max(1, wants.count))
        found.initialize(repeating: -1, count: max(1, wants.count))
        tables = LineCutTables(segmentCount: segments.count, first: first, startWant: startWant, endWant: endWant,
                               wants: wanted, wantCount: wants.count, found: found)
    }

    deinit {
        tables.first.deallocate()
        tables.startWant.deallocate()
        tables.endWant.deallocate()
        tables.wants.deallocate()
        tables.found.deallocate()
    }
}

/// `LineCutPlan`'s tables, held by the reader beside the plan that owns them.
struct LineCutTables {
    let segmentCount: Int
    /// Each segment's first column.
    let first: UnsafeMutablePointer<Int>
    /// Per segment, the index in `wants` of the delimiter before its first column (-1: it
    /// starts the line) and of the one after its last column (-1: it ends the line).
    let startWant: UnsafeMutablePointer<Int>
    let endWant: UnsafeMutablePointer<Int>
    /// The delimiters' ordinals (1-based, ascending) for the scan, and where it found them.
    let wants: UnsafeMutablePointer<Int>
    let wantCount: Int
    let found: UnsafeMutablePointer<Int>
}
