import ImpactCore
import ImpactIngest
import ImpactPipeline

/// The split reader against the one-piece reader on fuzzed files (issue 7's promise:
/// the parts' records, malformed rows, findings and lines are the one-piece reader's).
/// The input is read in one piece, then by `ParallelReader` in 2 to 5 parts with no
/// minimum part size (so that even a few bytes are cut, near their ends), on two threads.
/// Whether the plan cuts the file or falls back to one piece, what the sinks saw, in
/// part order, the error that ended the read and the detected format must be the same.
/// An input whose first byte other than a space or line end is `{` is read as JSON Lines,
/// any other as CSV; its length picks the chunk size, tight or default limits and the part
/// count.
enum FuzzSplit {
    static func split(_ bytes: UnsafeRawBufferPointer) {
        let jsonLines = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
        let path = FuzzScratch.write(bytes, name: jsonLines ? "split.jsonl" : "split.csv")
        let chunkSize = FuzzReaders.chunkSizes[bytes.count % 4]
        // Tight limits in one case of three: a field over the limit near a cut sends the plan
        // back to one piece, and the one-piece reader stops at it.
        let tight = (bytes.count / 3) % 3 == 0
        var json = JSONOptions(maxDepth: tight ? 2 : 64, maxFieldBytes: tight ? 32 : 16 << 20, chunkSize: chunkSize)
        // Half the JSON Lines inputs: the objects of a list under "s" are records of their own.
        if (bytes.count / 16) % 2 == 1 { json.each = "s" }
        let format: InputFormat = jsonLines
            ? .json(json)
            : .csv(CSVOptions(chunkSize: chunkSize, maxFieldBytes: tight ? 32 : 16 << 20, maxFieldsPerRecord: tight ? 8 : 100_000))
        let parts = 2 + (bytes.count / 2) % 4

        var whole = CheckingSink(path: path, splitCheck: true)
        let wholeRead = Result { try SourceReader.read(path: path, format: format, into: &whole) }
        let splitRead = Result {
            try ParallelReader.read(path: path, format: format, parts: parts, workers: 2, minimumPartBytes: 1) { _, _ in
                CheckingSink(path: path, splitCheck: true)
            }
        }
        switch (wholeRead, splitRead) {
        case (.success(let detected), .success(let outcome)):
            var seen: [String] = []
            var findings: [Finding] = []
            for (index, sink) in outcome.sinks.enumerated() {
                seen += sink.seen
                findings += sink.findings.leavingOut(index < outcome.repeated.count ? outcome.repeated[index] : [])
            }
            fuzzRequire(seen == whole.seen, "\(outcome.parts) parts see other rows than one piece: "
                        + firstDifference(seen, whole.seen))
            fuzzRequire(findings.map(\.description) == whole.findings.map(\.description),
                        "\(outcome.parts) parts give other findings than one piece: "
                        + firstDifference(findings.map(\.description), whole.findings.map(\.description)))
            fuzzRequire(outcome.format == detected, "\(outcome.parts) parts detect another format than one piece")
        case (.failure(let one), .failure(let inParts)):
            fuzzRequire("\(one)" == "\(inParts)", "the split read ends with another error: \(one) / \(inParts)")
        case (.success, .failure(let error)):
            fuzzRequire(false, "the split read fails where one piece does not: \(error)")
        case (.failure(let error), .success):
            fuzzRequire(false, "the split read succeeds where one piece fails: \(error)")
        }
    }

    /// The first entry where the parts' list and the one piece's differ, for the crash message.
    static func firstDifference(_ parts: [String], _ whole: [String]) -> String {
        let at = (0..<min(parts.count, whole.count)).first { parts[$0] != whole[$0] } ?? min(parts.count, whole.count)
        let mine = at < parts.count ? parts[at] : "(none)", theirs = at < whole.count ? whole[at] : "(none)"
        return "entry \(at): \(mine) / one piece: \(theirs)"
    }
}
