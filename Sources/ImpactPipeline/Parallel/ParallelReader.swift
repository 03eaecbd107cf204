import Dispatch
import Foundation
import ImpactCore
import ImpactIngest

/// Reads a large CSV or JSON Lines file on several cores: the file is split at
/// record boundaries (`CSVSplit`, `JSONLinesSplit`), each part is read by its
/// own parser into its own sink, and the sinks come back in file order for the
/// caller to merge (findings in part order are the one-piece reader's order).
///
/// When the file is small, is a JSON array or wrapped object, has preamble
/// lines, or a split point turns out not to be a record boundary (a stray
/// quote upset the quote count, an object runs over the cut), the file is read
/// in one piece into one sink instead: the results are the same either way.
/// Sinks must keep their effects to themselves (no files written): the parts'
/// sinks are dropped when the file is read again in one piece.
public enum ParallelReader {
    /// The sinks in file order (one when read in one piece) and what the reader detected.
    public struct Outcome<S> {
        public var sinks: [S]
        public var format: SourceFormat
        /// How many parts were read in parallel (1: read in one piece).
        public var parts: Int
        /// Per sink, findings it was given that reading in one piece does not give
        /// (a once-per-field JSON warning met again in a later part): a caller that
        /// merges the sinks' findings leaves these out.
        public var repeated: [[Finding]]

        init(sinks: [S], format: SourceFormat, parts: Int, repeated: [[Finding]]? = nil) {
            self.sinks = sinks
            self.format = format
            self.parts = parts
            self.repeated = repeated ?? sinks.map { _ in [] }
        }
    }

    /// How many parts a large file is cut into when the results must not depend on the
    /// machine (a run's): more than the cores of most machines, so that the threads
    /// share them out as they go (about 4 MB a part at the least, so a file under
    /// 64 MB has fewer).
    public static let fixedParts = 16

    /// How many parts `impact query` cuts a large file into: `fixedParts`, or one a
    /// core on a machine with more cores.
    public static var queryParts: Int { max(fixedParts, ProcessInfo.processInfo.activeProcessorCount) }

    /// Reads `path` with up to `parts` parallel parts; `makeSink(i, n)` makes the
    /// sink of part `i` of `n` (`n` is 1 when the file is read in one piece,
    /// also after a split that could not be used: sinks that share state across
    /// parts start that state afresh for each read).
    ///
    /// `workers` threads read the parts (at most one a part): each takes the next part
    /// not taken yet, so a core that runs slower (a busy neighbour on a shared machine)
    /// reads fewer of them instead of leaving the other idle at the end. Which thread
    /// reads a part changes nothing: the results depend on where the file is cut, that is
    /// on `parts` and the file alone.
    public static func read<S: RecordSink & Sendable>(
        path: String, format: InputFormat, parts: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        minimumPartBytes: Int = 4 << 20,
        makeSink: @Sendable (_ part: Int, _ parts: Int) throws -> S
    ) throws -> Outcome<S> {
        switch try SourceReader.resolve(path: path, format: format) {
        case .csv(let options):
            if let plan = try CSVSplit.plan(path: path, options: options, parts: parts, minimumPartBytes: minimumPartBytes),
               let read = try readParts(plan.parts.count, workers: workers, makeSink: makeSink, part: { i, sink in
                   try CSVSplit.readPart(plan, index: i, into: &sink)
               }) {
                return Outcome(sinks: read.sinks, format: CSVSplit.format(plan, read.outcomes), parts: plan.parts.count)
            }
        case .json(let options):
            if let plan = try JSONLinesSplit.plan(path: path, options: options, parts: parts, minimumPartBytes: minimumPartBytes),
               let read = try readParts(plan.parts.count, workers: workers, makeSink: makeSink, part: { i, sink in
                   try JSONLinesSplit.readPart(plan, index: i, into: &sink)
               }), let format = JSONLinesSplit.format(plan, read.outcomes) {
                return Outcome(sinks: read.sinks, format: format, parts: plan.parts.count,
                               repeated: JSONLinesSplit.repeatedWarnings(read.outcomes))
            }
        case .auto:
            break
        }
        var sink = try makeSink(0, 1)
        let detected = try SourceReader.read(path: path, format: format, into: &sink)
        return Outcome(sinks: [sink], format: detected, parts: 1)
    }

    /// Reads `count` parts on up to `workers` threads, each taking the next part left;
    /// nil when a part failed, or a part before the last did not end clean (the caller then
    /// reads in one piece).
    private static func readParts<S: RecordSink & Sendable, P: PartOutcome>(
        _ count: Int, workers: Int, makeSink: @Sendable (_ part: Int, _ parts: Int) throws -> S,
        part: @Sendable (Int, inout S) throws -> P
    ) throws -> (sinks: [S], outcomes: [P])? {
        let slots = ResultSlots<Result<(S, P), any Error>>(count: count)
        let queue = PartQueue(count: count)
        SideBySide.run(max(1, min(workers, count)), label: "read-part") { _ in
            while let i = queue.next() {
                slots.set(i, Result {
                    var sink = try makeSink(i, count)
                    let outcome = try part(i, &sink)
                    sink.partRead()
                    return (sink, outcome)
                })
            }
        }
        // In file order. A part that failed (a field over the size limit, say) sends the read
        // to one piece, which decides: a part may have started where the parser would have
        // been inside a quoted value (quotes inside an unquoted value, which the cut's count
        // takes for an opening one), and read on from there as the one piece never does. A
        // part before the last that did not end clean sends it there too.
        let results = slots.values()
        // Every part was taken (a part left out would lose its rows): else one piece.
        guard results.count == count else { return nil }
        var sinks: [S] = []
        var outcomes: [P] = []
        for (i, result) in results.enumerated() {
            guard case .success(let (sink, outcome)) = result else { return nil }
            sinks.append(sink)
            outcomes.append(outcome)
            if i < count - 1 && !outcome.clean { return nil }
        }
        return (sinks, outcomes)
    }
}

/// The parts not taken yet, handed out in file order.
private final class PartQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.withLock {
            guard taken < count else { return nil }
            taken += 1
            return taken - 1
        }
    }
}
