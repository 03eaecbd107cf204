import Dispatch
import ImpactCore
import ImpactIngest

/// Reads a large CSV file on several cores: the file is split at record
/// boundaries (`CSVSplit`), each part is read by its own libcsv parser into
/// its own sink, and the sinks come back in file order for the caller to merge
/// (findings in part order are the one-piece reader's order).
///
/// When the file is small, has preamble lines, or a split point turns out not
/// to be a record boundary (a stray quote upset the quote count), the file is
/// read in one piece into one sink instead: the results are the same either way.
/// Sinks must keep their effects to themselves (no files written): the parts'
/// sinks are dropped when the file is read again in one piece.
public enum ParallelCSVReader {
    /// The sinks in file order (one when read in one piece) and what the reader detected.
    public struct Outcome<S> {
        public var sinks: [S]
        public var format: SourceFormat
        /// How many parts were read in parallel (1: read in one piece).
        public var parts: Int
    }

    /// Reads `path` with up to `parts` parallel parts; `makeSink(i, n)` makes the
    /// sink of part `i` of `n` (`n` is 1 when the file is read in one piece,
    /// also after a split that could not be used: sinks that share state across
    /// parts start that state afresh for each read).
    public static func read<S: RecordSink & Sendable>(
        path: String, options: CSVOptions, parts: Int, minimumPartBytes: Int = 4 << 20,
        makeSink: @Sendable (_ part: Int, _ parts: Int) throws -> S
    ) throws -> Outcome<S> {
        if let plan = try CSVSplit.plan(path: path, options: options, parts: parts, minimumPartBytes: minimumPartBytes) {
            let slots = ResultSlots<Result<(S, CSVPartOutcome), any Error>>(count: plan.parts.count)
            SideBySide.run(plan.parts.count, label: "csv-part") { i in
                slots.set(i, Result {
                    var sink = try makeSink(i, plan.parts.count)
                    let outcome = try CSVSplit.readPart(plan, index: i, into: &sink)
                    return (sink, outcome)
                })
            }
            // In file order: a part's error counts only when every part before it ended
            // clean (so it started where the one-piece reader would be); else read in one piece.
            var sinks: [S] = []
            var outcomes: [CSVPartOutcome] = []
            var usable = true
            for (i, result) in slots.values().enumerated() {
                let (sink, outcome) = try result.get()
                sinks.append(sink)
                outcomes.append(outcome)
                if i < plan.parts.count - 1 && !outcome.clean {
                    usable = false
                    break
                }
            }
            if usable {
                return Outcome(sinks: sinks, format: CSVSplit.format(plan, outcomes), parts: plan.parts.count)
            }
        }
        var sink = try makeSink(0, 1)
        let format = try CSVReader.read(path: path, options: options, into: &sink)
        return Outcome(sinks: [sink], format: format, parts: 1)
    }
}
