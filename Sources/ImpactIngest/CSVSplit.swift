#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import ImpactCore

/// How a CSV file is split for reading on several cores: the header (read
/// once, before the parts) and the parts in file order. The first part starts
/// at byte 0 and reads the byte-order mark and the header itself.
public struct CSVSplitPlan: Sendable {
    public var path: String
    public var options: CSVOptions
    public var delimiter: UInt8
    public var header: [String]
    public var headerLine: Int
    public var parts: [FilePart]
}

/// What reading one part found.
public struct CSVPartOutcome: Sendable, PartOutcome {
    /// A part before the last ended between records. When false, the split
    /// point was inside a record for the parser (a stray quote upset the
    /// quote count): the results of the parts cannot be used.
    public var clean: Bool
    var lineEnds: LineEndCounter
    var bytesRead: Int
    var bom: Bool
    var delimiter: UInt8
    var headerLine: Int?
    var columns: [String]
    public var records: Int
    public var malformed: Int
}

/// Splits a CSV file at record boundaries for parallel reading.
///
/// A record can only end at a line end outside quotes, so one pass (itself
/// split across cores) counts quotes and line ends per stretch; the targets are
/// the stretch boundaries that share the lines out evenly, and each split point
/// is then moved to the first line feed after its target at which the quotes
/// before it are even. Line numbers come from the same counts (LF,
/// CRLF and lone CR each end one line, as the reader counts them). Parts are
/// read by `readPart`; every part but the last must end `clean`, which proves
/// the next part started where the one-piece reader would have been between
/// records: the parts' records and findings are then exactly the one-piece
/// reader's, in file order.
public enum CSVSplit {
    /// The plan, or nil when the file is better read in one piece: smaller than
    /// two parts of `minimumPartBytes`, preamble lines, no line feeds (CR-only
    /// line ends), or a header that does not read cleanly (its findings then
    /// come from the one-piece reader).
    public static func plan(path: String, options: CSVOptions, parts wanted: Int,
                            minimumPartBytes: Int = 4 << 20) throws -> CSVSplitPlan? {
        guard wanted > 1, options.preambleLines == 0, options.encoding == .utf8 else { return nil }
        let size = try fileSize(path)
        let count = min(wanted, size / max(1, minimumPartBytes))
        guard count > 1 else { return nil }
        let prefix = try FileChunks.prefix(path: path, limit: 64 * 1024)
        if CSVDialect.notText(prefix, path: path) != nil || CSVDialect.excelSeparator(prefix) != nil
            || !looksSplittable(prefix, size: size) { return nil }
        guard try lineEndsNearCuts(path: path, size: size, parts: count, within: options.maxFieldBytes) else { return nil }
        let delimiter = options.delimiter ?? CSVDialect.detectDelimiter(prefix, preamble: 0)
        let bomLength = CSVDialect.bomLength(prefix)

        let shares = try LineShares(path: path, size: size, parts: count)
        let targets = shares.targets

        // The header: read the bytes up to the first clean line feed on its own.
        var quotes = 0, lines = 1
        guard let headerEnd = try nextBoundary(path: path, from: bomLength, size: size, quotes: &quotes, lines: &lines,
                                                skipBlank: true) else { return nil }
        var headerDriver = try CSVDriver(path: path, options: options, delimiter: delimiter, bomLength: bomLength)
        var discard = DiscardingSink()
        let headerRead = try headerDriver.runPart(chunks: FileChunks(path: path, chunkSize: options.chunkSize, range: 0..<headerEnd),
                                                  last: false, into: &discard)
        guard headerRead.clean, discard.findings == 0, let headerLine = headerRead.headerLine else { return nil }

        var parts: [FilePart] = []
        var start = 0, startLine = 1
        for k in 1..<count {
            let target = targets[k - 1]
            guard target > max(start, headerEnd) else { continue }
            // Quotes and lines before the target (a CRLF split by the target counts once: the
            // tally counts the CR, and the scan from the target skips an LF right after a CR).
            var q = shares.quotes(beforeTarget: k - 1)
            var l = 1 + shares.lines(beforeTarget: k - 1)
            guard let cut = try nextBoundary(path: path, from: target, size: size, quotes: &q, lines: &l,
                                             skipBlank: false, within: options.maxFieldBytes) else {
                // The end of the file: the parts so far, the last to the end. The field limit
                // (most often a field the one-piece reader stops at): read in one piece.
                if target + options.maxFieldBytes < size { return nil }
                break
            }
            guard cut < size else { break }
            if cut <= start { continue }
            parts.append(FilePart(range: start..<cut, firstLine: startLine))
            start = cut
            startLine = l
        }
        parts.append(FilePart(range: start..<size, firstLine: startLine))
        guard parts.count > 1 else { return nil }
        shares.countLines(of: &parts)
        return CSVSplitPlan(path: path, options: options, delimiter: delimiter, header: headerRead.columns,
                            headerLine: headerLine, parts: parts)
    }

    /// Reads part `index` of `plan` into `sink`: the first part reads the header
    /// as the one-piece reader does, the others start after it.
    public static func readPart<S: RecordSink>(_ plan: CSVSplitPlan, index: Int, into sink: inout S) throws -> CSVPartOutcome {
        let part = plan.parts[index]
        sink.expectRecords(part.lines)
        let chunks = try FileChunks(path: plan.path, chunkSize: plan.options.chunkSize, range: part.range)
        let last = index == plan.parts.count - 1
        if index == 0 {
            let prefix = try FileChunks.prefix(path: plan.path, limit: 4)
            var driver = try CSVDriver(path: plan.path, options: plan.options, delimiter: plan.delimiter,
                                       bomLength: CSVDialect.bomLength(prefix))
            return try driver.runPart(chunks: chunks, last: last, into: &sink)
        }
        var driver = try CSVDriver(path: plan.path, options: plan.options, delimiter: plan.delimiter,
                                   header: plan.header, headerLine: plan.headerLine, firstLine: part.firstLine)
        return try driver.runPart(chunks: chunks, last: last, into: &sink)
    }

    /// What the one-piece reader would report about the file, from the parts' outcomes (in order).
    public static func format(_ plan: CSVSplitPlan, _ outcomes: [CSVPartOutcome]) -> SourceFormat {
        var ends = LineEndCounter()
        var bytes = 0
        for outcome in outcomes {
            ends.lf += outcome.lineEnds.lf
            ends.crlf += outcome.lineEnds.crlf
            ends.cr += outcome.lineEnds.cr
            bytes += outcome.bytesRead
        }
        return SourceFormat(kind: .csv, bom: outcomes.first?.bom ?? false, lineEnding: ends.style,
                            delimiter: CSVDialect.display(plan.delimiter), headerLine: plan.headerLine,
                            bytesRead: bytes, columns: plan.header)
    }

    /// From `from`, the offset just after the first line feed with an even count
    /// of quotes before it (`quotes` counts from the file's start); `lines` is
    /// advanced to the line after it. With `skipBlank`, line feeds before any
    /// other byte do not count (blank lines before the header).
    static func nextBoundary(path: String, from: Int, size: Int, quotes: inout Int, lines: inout Int,
                             skipBlank: Bool, within limit: Int? = nil) throws -> Int? {
        // No boundary within `limit` bytes (a field longer than the field limit, which the
        // one-piece reader stops at): nil, and the file is read in one piece.
        let end = limit.map { min(size, from + $0) } ?? size
        let chunks = try FileChunks(path: path, chunkSize: 64 * 1024, range: from..<end)
        var offset = from
        var seenData = !skipBlank
        var previous: UInt8 = from > 0 ? try byte(path, at: from - 1) : 0
        while true {
            let chunk = try chunks.next()
            if chunk.isEmpty { return nil }
            for b in chunk {
                offset += 1
                switch b {
                case 0x22: quotes += 1; seenData = true
                case 0x0A:
                    if previous != 0x0D { lines += 1 }
                    if seenData && quotes % 2 == 0 { return offset }
                case 0x0D: lines += 1
                default: seenData = true
                }
                previous = b
            }
        }
    }

    /// Whether a file whose first 64 kB are `prefix` is worth cutting into parts: its first
    /// bytes hold no NUL (binary data, UTF-16 without a mark) and at least two line ends (its
    /// first records are short). Otherwise the one-piece reader, which stops at the first
    /// such problem, reads it: the split's pass over the whole file would be wasted.
    static func looksSplittable(_ prefix: [UInt8], size: Int) -> Bool {
        guard !prefix.contains(0) else { return false }
        var lineEnds = 0
        for byte in prefix where byte == 0x0A {
            lineEnds += 1
            if lineEnds >= 2 { return true }
        }
        return prefix.count >= size
    }

    /// Whether a line end follows each of the `parts - 1` cuts of the file within `limit` bytes,
    /// the cuts placed by bytes where `LineShares` will place them by lines: a cheap look
    /// (`memchr`) before the pass over the whole file that places the cuts. A stretch of
    /// `limit` bytes without one is most often a field the one-piece reader stops at (else a
    /// record that wide), and the file is read in one piece. JSON Lines uses it too.
    static func lineEndsNearCuts(path: String, size: Int, parts: Int, within limit: Int) throws -> Bool {
        let ends = LineShares.shareEnds(parts: parts)
        for k in 1..<max(1, parts) {
            let from = size * ends[k - 1] / ends[parts - 1]
            let chunks = try FileChunks(path: path, chunkSize: 64 * 1024, range: from..<min(size, from + limit))
            var found = false
            while !found {
                let chunk = try chunks.next()
                guard let base = chunk.baseAddress, !chunk.isEmpty else { break }
                found = memchr(base, 0x0A, chunk.count) != nil
            }
            if !found && from + limit < size { return false }
        }
        return true
    }

    static func byte(_ path: String, at offset: Int) throws(IngestError) -> UInt8 {
        guard offset >= 0 else { return 0 }
        let chunks = try FileChunks(path: path, chunkSize: 1, range: offset..<(offset + 1))
        return try chunks.next().first ?? 0
    }

    static func fileSize(_ path: String) throws(IngestError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .fileNotFound(path: path) }
        return Int(info.st_size)
    }
}

/// A sink that keeps nothing (the header's own read), counting findings.
struct DiscardingSink: RecordSink {
    var findings = 0
    mutating func record(_ row: RowBuffer) throws {}
    mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws { findings += 1 }
    mutating func finding(_ finding: Finding) throws { findings += 1 }
}

/// Where to cut a file into parts by their shares of the lines, not bytes: rows are
/// most of a reader's work, and an export's rows may lengthen along it (ids grow), so
/// equal bytes left one part with more rows and the other core idle at the end. The
/// shares are equal but for the last three parts, which are shorter (`shareEnds`).
/// Quotes and line ends are counted in `piecesPerPart` pieces a part over the whole
/// file, on all cores; each target is the piece boundary at or after its share's end.
struct LineShares {
    /// A part's lines come out within a sixteenth of a full part of its share.
    static let piecesPerPart = 16

    private let pieces: [Range<Int>]
    private let tallies: [ByteTally]
    /// Line ends before each piece boundary.
    private let linesBefore: [Int]
    /// Per target, the index of the piece it starts.
    private let boundaries: [Int]

    init(path: String, size: Int, parts count: Int) throws {
        let pieceCount = count * Self.piecesPerPart
        let pieces = (0..<pieceCount).map { size * $0 / pieceCount..<size * ($0 + 1) / pieceCount }
        let tallies = try ByteTally.count(path: path, stretches: pieces)
        var linesBefore = [0]
        for tally in tallies { linesBefore.append((linesBefore.last ?? 0) + tally.lines) }
        let total = linesBefore.last ?? 0
        let ends = Self.shareEnds(parts: count)
        boundaries = (1..<max(1, count)).map { k in
            let wanted = total * ends[k - 1] / ends[count - 1]
            return max(1, min(pieceCount - 1, linesBefore.firstIndex { $0 >= wanted } ?? pieceCount - 1))
        }
        self.pieces = pieces
        self.tallies = tallies
        self.linesBefore = linesBefore
    }

    /// Where each part's share of the lines ends, in quarters of a full part: the last
    /// three parts are a half, a quarter and a quarter of the others (of two parts, two
    /// halves). The threads take the parts in turn; the last part taken is the stretch
    /// one core reads while the other has nothing left, so the last parts are short.
    static func shareEnds(parts count: Int) -> [Int] {
        let tail = [2, 1, 1].suffix(min(count, 3))
        var end = 0
        return (0..<count).map { k in
            let left = count - k
            end += left <= tail.count ? tail[tail.endIndex - left] : 4
            return end
        }
    }

    /// The byte offsets to cut near, in order (one fewer than the parts).
    var targets: [Int] { boundaries.map { pieces[$0].lowerBound } }

    /// Quotes before target `k`.
    func quotes(beforeTarget k: Int) -> Int { tallies[..<boundaries[k]].reduce(0) { $0 + $1.quotes } }

    /// Line ends before target `k`.
    func lines(beforeTarget k: Int) -> Int { linesBefore[boundaries[k]] }

    /// Sets each part's `lines` from the parts' first lines and the file's line ends.
    func countLines(of parts: inout [FilePart]) {
        let total = linesBefore.last ?? 0
        for k in parts.indices {
            let next = k + 1 < parts.count ? parts[k + 1].firstLine : total + 1
            parts[k].lines = max(0, next - parts[k].firstLine)
        }
    }
}
