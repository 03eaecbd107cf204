import ImpactCore

/// How a JSON Lines file is split for reading on several cores.
public struct JSONLinesSplitPlan: Sendable {
    public var path: String
    public var options: JSONOptions
    /// The file starts with a UTF-8 byte-order mark (read by the first part).
    public var bom: Bool
    public var parts: [FilePart]
}

/// What reading one part of a JSON Lines file found.
public struct JSONPartOutcome: Sendable, PartOutcome {
    /// A part before the last ended between records. When false, a record ran
    /// on past the cut (an object written over several lines): the results of
    /// the parts cannot be used.
    public var clean: Bool
    var lineEnds: LineEndCounter
    var bytesRead: Int
    /// The names met, in the order first met in this part.
    var columns: [String]
    public var records: Int
    public var malformed: Int
    /// A syntax error stopped the part's reading outside any record (the one-piece
    /// reader reports those, whichever part it was in).
    var stopped: Bool
    /// The fields this part's parser gave its once-per-field warning for (or would
    /// have, had the record not been rejected), and the warnings it gave.
    var warned: Set<String>
    var onceWarnings: [Finding]
}

/// Splits a JSON Lines file at line ends for parallel reading.
///
/// A JSON string cannot hold a raw line end, so every line feed ends a line of
/// the file; a record usually is one line, but an object may be written over
/// several. Each cut is the first line feed at or after its target, and the
/// part before it must end `clean`: its reader met the end of its bytes only
/// between records, so the one-piece reader would also be between records at
/// the cut and reads on from there as the next part does. Line numbers come
/// from a count of line ends before each cut (LF, CRLF and lone CR each end one
/// line, as the reader counts them).
public enum JSONLinesSplit {
    /// The plan, or nil when the file is better read in one piece: not JSON
    /// Lines (an array or a wrapping object is one value), lines of lists (a table whose
    /// first line names the columns, which every part would need), smaller than two parts
    /// of `minimumPartBytes`, in another encoding, or without line feeds.
    public static func plan(path: String, options: JSONOptions, parts wanted: Int,
                            minimumPartBytes: Int = 4 << 20) throws -> JSONLinesSplitPlan? {
        guard wanted > 1 else { return nil }
        let size = try CSVSplit.fileSize(path)
        let count = min(wanted, size / max(1, minimumPartBytes))
        guard count > 1 else { return nil }
        let prefix = try FileChunks.prefix(path: path, limit: JSONSniff.limit)
        guard CSVDialect.notText(prefix, path: path) == nil, CSVSplit.looksSplittable(prefix, size: size),
              try CSVSplit.lineEndsNearCuts(path: path, size: size, parts: count, within: options.maxFieldBytes),
              JSONSniff.kind(prefix: prefix, path: path, recordsKey: options.recordsKey) == .jsonLines,
              !JSONSniff.startsWithList(prefix) else { return nil }

        // Cut where the parts hold about as many lines (`LineShares`); the line ends
        // between a target and its cut are counted apart, for the parts' first lines.
        let shares = try LineShares(path: path, size: size, parts: count)
        var cuts: [(offset: Int, linesBefore: Int)] = []
        for (k, target) in shares.targets.enumerated() {
            guard target > (cuts.last?.offset ?? 0) else { continue }
            // No line end within the field limit past the target: a line the one-piece reader
            // stops at; read in one piece.
            guard let cut = try nextLineStart(path: path, from: target, size: min(size, target + options.maxFieldBytes)) else {
                if target + options.maxFieldBytes < size { return nil }
                continue
            }
            guard size > cut, cut > (cuts.last?.offset ?? 0) else { continue }
            let gap = try ByteTally.count(path: path, stretches: [target..<cut])
            cuts.append((cut, shares.lines(beforeTarget: k) + gap.reduce(0) { $0 + $1.lines }))
        }
        guard !cuts.isEmpty else { return nil }
        var parts: [FilePart] = []
        var start = 0, line = 1
        for cut in cuts {
            parts.append(FilePart(range: start..<cut.offset, firstLine: line))
            line = 1 + cut.linesBefore
            start = cut.offset
        }
        parts.append(FilePart(range: start..<size, firstLine: line))
        shares.countLines(of: &parts)
        return JSONLinesSplitPlan(path: path, options: options, bom: CSVDialect.bomLength(prefix) > 0, parts: parts)
    }

    /// Reads part `index` of `plan` into `sink`. Findings about the whole file
    /// (empty, no records) are left to the caller, which sees every part.
    public static func readPart<S: RecordSink>(_ plan: JSONLinesSplitPlan, index: Int, into sink: inout S) throws -> JSONPartOutcome {
        let part = plan.parts[index]
        sink.expectRecords(part.lines)
        let chunks = try FileChunks(path: plan.path, chunkSize: plan.options.chunkSize, range: part.range)
        let driver = JSONDriver(chunks: chunks, options: plan.options, firstLine: part.firstLine)
        if index == 0 && plan.bom {
            for _ in 0..<3 { if try driver.cursor.peek() != nil { driver.cursor.pos += 1 } }
        }
        var clean = true, stopped = false
        do {
            try driver.runLines(&sink)
        } catch is JSONSyntaxError {
            (clean, stopped) = (false, true)   // the one-piece reader says where, and stops there
        }
        if index < plan.parts.count - 1 && driver.endedInsideRecord { clean = false }
        return JSONPartOutcome(clean: clean, lineEnds: driver.cursor.lineEnds, bytesRead: chunks.bytesRead,
                               columns: driver.parser.row.columns.names,
                               records: driver.records, malformed: driver.malformed, stopped: stopped,
                               warned: Set(driver.parser.warned.map { String(decoding: $0, as: UTF8.self) }),
                               onceWarnings: driver.onceWarnings)
    }

    /// What the one-piece reader would report, from the parts' outcomes in
    /// order; nil when the parts cannot stand for it: they read no record at all
    /// (the one-piece reader tells how the file is empty), or a syntax error
    /// stopped one of them, the last included.
    public static func format(_ plan: JSONLinesSplitPlan, _ outcomes: [JSONPartOutcome]) -> SourceFormat? {
        guard outcomes.contains(where: { $0.records + $0.malformed > 0 }),
              !outcomes.contains(where: \.stopped) else { return nil }
        var ends = LineEndCounter()
        var bytes = 0
        var columns: [String] = []
        var seen = Set<String>()
        for outcome in outcomes {
            ends.lf += outcome.lineEnds.lf
            ends.crlf += outcome.lineEnds.crlf
            ends.cr += outcome.lineEnds.cr
            bytes += outcome.bytesRead
            for name in outcome.columns where seen.insert(name).inserted { columns.append(name) }
        }
        return SourceFormat(kind: .jsonLines, bom: plan.bom, lineEnding: ends.style, bytesRead: bytes, columns: columns)
    }

    /// Per part, the warnings it gave that the one-piece reader would not: a
    /// warning given once per field (`json.nested_list`) that an earlier part gave
    /// or passed by already. The caller drops them when merging the parts' findings.
    public static func repeatedWarnings(_ outcomes: [JSONPartOutcome]) -> [[Finding]] {
        var earlier = Set<String>()
        return outcomes.map { outcome in
            defer { earlier.formUnion(outcome.warned) }
            return outcome.onceWarnings.filter { earlier.contains($0.field ?? "") }
        }
    }

    /// The offset just after the first line feed at or after `from`; nil when there is none.
    static func nextLineStart(path: String, from: Int, size: Int) throws -> Int? {
        let chunks = try FileChunks(path: path, chunkSize: 64 * 1024, range: from..<size)
        var offset = from
        while true {
            let chunk = try chunks.next()
            if chunk.isEmpty { return nil }
            if let k = chunk.firstIndex(of: 0x0A) { return offset + (k - chunk.startIndex) + 1 }
            offset += chunk.count
        }
    }
}
