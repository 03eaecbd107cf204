import Dispatch
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

    /// Reads `path` with up to `parts` parallel parts; `makeSink(i, n)` makes the
    /// sink of part `i` of `n` (`n` is 1 when the file is read in one piece,
    /// also after a split that could not be used: sinks that share state across
    /// parts start that state afresh for each read).
    public static func read<S: RecordSink & Sendable>(
        path: String, format: InputFormat, parts: Int, minimumPartBytes: Int = 4 << 20,
        makeSink: @Sendable (_ part: Int, _ parts: Int) throws -> S
    ) throws -> Outcome<S> {
        switch try SourceReader.resolve(path: path, format: format) {
        case .csv(let options):
            if let plan = try CSVSplit.plan(path: path, options: options, parts: parts, minimumPartBytes: minimumPartBytes),
               let read = try readParts(plan.parts.count, makeSink: makeSink, part: { i, sink in
                   try CSVSplit.readPart(plan, index: i, into: &sink)
               }) {
                return Outcome(sinks: read.sinks, format: CSVSplit.format(plan, read.outcomes), parts: plan.parts.count)
            }
        case .json(let options):
            if let plan = try JSONLinesSplit.plan(path: path, options: options, parts: parts, minimumPartBytes: minimumPartBytes),
               let read = try readParts(plan.parts.count, makeSink: makeSink, part: { i, sink in
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

    /// Reads `count` parts side by side; nil when a part before the last did not end clean.
    private static func readParts<S: RecordSink & Sendable, P: PartOutcome>(
        _ count: Int, makeSink: @Sendable (_ part: Int, _ parts: Int) throws -> S,
        part: @Sendable (Int, inout S) throws -> P
    ) throws -> (sinks: [S], outcomes: [P])? {
        let slots = ResultSlots<Result<(S, P), any Error>>(count: count)
        SideBySide.run(count, label: "read-part") { i in
            slots.set(i, Result {
                var sink = try makeSink(i, count)
                let outcome = try part(i, &sink)
                return (sink, outcome)
            })
        }
        // In file order: a part's error counts only when every part before it ended
        // clean (so it started where the one-piece reader would be); else read in one piece.
        var sinks: [S] = []
        var outcomes: [P] = []
        for (i, result) in slots.values().enumerated() {
            let (sink, outcome) = try result.get()
            sinks.append(sink)
            outcomes.append(outcome)
            if i < count - 1 && !outcome.clean { return nil }
        }
        return (sinks, outcomes)
    }
}

extension Array where Element == Finding {
    /// These findings without `repeated` (each taken out once, at its first occurrence).
    func leavingOut(_ repeated: [Finding]) -> [Finding] {
        guard !repeated.isEmpty else { return self }
        var left = repeated
        return filter { finding in
            guard let k = left.firstIndex(of: finding) else { return true }
            left.remove(at: k)
            return false
        }
    }
}
