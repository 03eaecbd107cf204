import Foundation
import ImpactCore
import ImpactIngest

/// Reads one source of a pipeline end to end (reader, mapping, checks, the
/// source's `where`) and hands each record in scope to `consume`.
enum SourceIngest {
    /// The reader options a source definition asks for.
    static func inputFormat(_ source: SourceDefinition) -> InputFormat {
        switch source.format {
        case .csv:
            var options = CSVOptions()
            options.delimiter = source.delimiter.flatMap { $0.utf8.count == 1 ? $0.utf8.first : nil }
            options.preambleLines = source.preambleLines
            options.encoding = source.encoding
            return .csv(options)
        case .json:
            var options = JSONOptions()
            options.recordsKey = source.recordsKey
            options.pairLists = source.pairLists
            options.each = source.each
            return .json(options)
        case .auto:
            return .auto
        }
    }

    /// An error not tied to one row (no header, a header that cannot be read, a
    /// JSON syntax error that stops the reading) means the export was not read
    /// whole: publishing from part of it would lose rows silently, so the run stops.
    static func requireWhole(_ findings: [Finding], source: String) throws(PipelineError) {
        let errors = findings.filter { $0.severity == .error }
        guard !errors.isEmpty else { return }
        throw .configuration("source '\(source)': the export could not be read whole, so nothing was published:\n"
            + errors.map { "  " + $0.description }.joined(separator: "\n"))
    }

    /// Reads a source in one piece (the records reach `consume` in file order).
    /// - Parameters:
    ///   - rejectedFolder: where `rejected/<source>.csv` goes; nil to write nothing.
    static func run(_ source: SourceDefinition, pipeline: PipelineFile, asOf: Day,
                    relationships: [RelationshipTarget: RelationshipIndex], rejectedFolder: String?,
                    fingerprint: Bool = true,
                    observeAccepted: @escaping (Record) -> Void = { _ in },
                    consume: @escaping (Record) throws -> Void) throws(PipelineError) -> (SourceReport, SourceProcessor) {
        let path = pipeline.resolve(source.path)
        let processor = try makeProcessor(source, pipeline: pipeline, path: path, asOf: asOf, relationships: relationships,
                                          rejectedFolder: rejectedFolder, part: nil,
                                          observeAccepted: observeAccepted, consume: consume)
        let (report, _, _) = try fingerprinting(path, hashing: fingerprint) { () throws(PipelineError) in
            (try read(source, pipeline: pipeline, path: path, into: processor), processor, ())
        }
        return (report, processor)
    }

    /// Reads a source whose records may be folded in any order, a large CSV in
    /// `split.parts` parts side by side: each part has its own processor (mapping,
    /// checks, rejected rows) and its own `outputs` (made by `makeOutputs(parts)`, the
    /// number of parts of the read: 1 when the file is read in one piece, also after a split), and
    /// the parts are merged in file order, so counts, findings, the rejected-rows
    /// file and the outputs are what reading in one piece gives. When the parts'
    /// rows meet across a cut (a row repeated under `duplicate: error`, a `unique`
    /// key in two parts; repeats that are warnings are found after the merge), the
    /// source is read again in one piece: those findings name the first line.
    static func run<O: SourceOutputs>(
        _ source: SourceDefinition, pipeline: PipelineFile, asOf: Day,
        relationships: [RelationshipTarget: RelationshipIndex], rejectedFolder: String?,
        split: SourceSplit, unread: Set<String> = [], makeOutputs: @escaping @Sendable (_ parts: Int) -> O
    ) throws(PipelineError) -> (SourceReport, SourceProcessor, O) {
        let path = pipeline.resolve(source.path)
        @Sendable func processor(_ outputs: O, part: (index: Int, of: Int)?) throws(PipelineError) -> SourceProcessor {
            try makeProcessor(source, pipeline: pipeline, path: path, asOf: asOf, relationships: relationships,
                              rejectedFolder: rejectedFolder, part: part, unread: unread,
                              observeAccepted: outputs.observes ? { record in outputs.observe(record) } : { _ in },
                              consume: outputs.consumes ? { record in try outputs.consume(record) } : { _ in })
        }
        return try fingerprinting(path) { () throws(PipelineError) in
            let format: InputFormat
            do { format = try SourceReader.resolve(path: path, format: inputFormat(source)) } catch {
                throw .configuration("source '\(source.name)': \(error)")
            }
            // `fill_down` takes values from the row above: the file is read in order, in one piece.
            if split.parts > 1 && source.fillDown.isEmpty {
                let outcome: ParallelReader.Outcome<PartSink<O>>
                do {
                    outcome = try ParallelReader.read(path: path, format: format, parts: split.parts,
                                                      minimumPartBytes: split.minimumPartBytes) { index, count in
                        let outputs = makeOutputs(count)
                        return PartSink(processor: try processor(outputs, part: count > 1 ? (index, count) : nil),
                                        outputs: outputs)
                    }
                } catch {
                    throw mapped(error, source: source, pipeline: pipeline)
                }
                if let first = outcome.sinks.first {
                    var whole = true
                    for (sink, repeated) in zip(outcome.sinks, outcome.repeated).dropFirst() where whole {
                        // The processors' merge (the duplicate-row tables compared) and the
                        // outputs' (the distinct tables) touch nothing in common: side by
                        // side. Outputs merged for nothing (the parts met) are thrown away.
                        let merged = ResultSlots<Result<Bool, RejectedRowsError>>(count: 1)
                        let pair = MergePair(first: first, next: sink, repeated: repeated)
                        SideBySide.run(2, label: "merge-part") { job in
                            if job == 0 {
                                merged.set(0, Result { () throws(RejectedRowsError) in try pair.mergeProcessors() })
                            } else {
                                pair.mergeOutputs()
                            }
                        }
                        switch merged.values().first {
                        case .success(let result): whole = result
                        case .failure(let error):
                            for sink in outcome.sinks { sink.processor.cancel() }
                            throw .output("source '\(source.name)': \(error)")
                        case nil: whole = false
                        }
                    }
                    if whole { return (outcome.format, first.processor, first.outputs) }
                    for sink in outcome.sinks {
                        sink.processor.cancel()
                        sink.outputs.discard()
                    }
                }
            }
            let outputs = makeOutputs(1)
            let single = try processor(outputs, part: nil)
            return (try read(source, pipeline: pipeline, path: path, into: single), single, outputs)
        }
    }

    /// Hashes the input (SHA-256) on another core while `body` reads it (the file is
    /// read twice, the second time from the page cache), then builds the report. A
    /// queue of its own gets a thread of its own even when every pool thread is busy.
    /// Without `hashing` (a read whose report is not published), the report has no fingerprint.
    private static func fingerprinting<T>(
        _ path: String, hashing wanted: Bool = true, _ body: () throws(PipelineError) -> (SourceFormat, SourceProcessor, T)
    ) throws(PipelineError) -> (SourceReport, SourceProcessor, T) {
        let fingerprint = ResultSlots<InputFingerprint>(count: 1)
        let hashing = DispatchGroup()
        if wanted {
            DispatchQueue(label: "impact.sha256").async(group: hashing) {
                if let print = InputFingerprint.of(path: path) { fingerprint.set(0, print) }
            }
        }
        defer { hashing.wait() }
        let (format, processor, extra) = try body()
        processor.finishChecks()
        let definition = processor.definition
        try requireWhole(processor.fileFindings, source: definition.name)
        hashing.wait()
        let report = SourceReport(
            name: definition.name, path: definition.path, format: format, fingerprint: fingerprint.values().first,
            tally: processor.tally, excluded: processor.excluded,
            droppedColumns: processor.mapper?.droppedColumns ?? [],
            identifyingColumns: processor.mapper?.identifyingColumns ?? [],
            summary: processor.summary,
            fileFindings: processor.fileFindings + (processor.nearMisses?.findings(file: processor.file, source: definition.name) ?? [])
                + [processor.fillDown?.note(file: processor.file, source: definition.name, schema: definition.schema)].compactMap { $0 },
            rejectedFile: nil)
        return (report, processor, extra)
    }

    private static func makeProcessor(
        _ source: SourceDefinition, pipeline: PipelineFile, path: String, asOf: Day,
        relationships: [RelationshipTarget: RelationshipIndex], rejectedFolder: String?, part: (index: Int, of: Int)?,
        unread: Set<String> = [],
        observeAccepted: @escaping (Record) -> Void, consume: @escaping (Record) throws -> Void
    ) throws(PipelineError) -> SourceProcessor {
        do {
            return try SourceProcessor(definition: source, file: path, asOf: asOf, relationships: relationships,
                                       rejectedFolder: rejectedFolder, part: part, unread: unread,
                                       observeAccepted: observeAccepted, consume: consume)
        } catch {
            throw .configuration(error.inFile(pipeline.path).description)
        }
    }

    /// Reads the whole file into one processor.
    private static func read(_ source: SourceDefinition, pipeline: PipelineFile, path: String,
                             into processor: SourceProcessor) throws(PipelineError) -> SourceFormat {
        var sink = processor
        do {
            return try SourceReader.read(path: path, format: inputFormat(source), into: &sink)
        } catch {
            processor.cancel()
            throw mapped(error, source: source, pipeline: pipeline)
        }
    }

    /// A reading error as the run reports it.
    private static func mapped(_ error: any Error, source: SourceDefinition, pipeline: PipelineFile) -> PipelineError {
        switch error {
        case let error as ConfigError: return .configuration(error.inFile(pipeline.path).description)
        case let error as IngestError: return .configuration("source '\(source.name)': \(error.description)")
        case let error as PipelineError: return error
        default: return .output("source '\(source.name)': \(error)")
        }
    }
}

/// What a source's accepted records feed, one per part of a source read on
/// several cores: `observe` sees every accepted record (relationship keys),
/// `consume` those in the source's scope; `merge(following:)` takes in the
/// next part's.
protocol SourceOutputs: AnyObject, Sendable {
    var observes: Bool { get }
    var consumes: Bool { get }
    func observe(_ record: Record)
    func consume(_ record: Record) throws
    /// The part's last record was consumed (see `RecordSink.partRead`).
    func flushPending()
    func merge(following other: Self)
    /// The parts' outputs are dropped: the source is read again in one piece.
    func discard()
}

/// One part's sink: its processor, and the outputs the processor feeds.
struct PartSink<O: SourceOutputs>: RecordSink, @unchecked Sendable {
    let processor: SourceProcessor
    let outputs: O

    func record(_ row: RowBuffer) throws { try processor.record(row) }
    func malformed(_ row: RowBuffer, _ finding: Finding) throws { try processor.malformed(row, finding) }
    func finding(_ finding: Finding) throws { try processor.finding(finding) }
    func expectRecords(_ count: Int) { processor.expectRecords(count) }
    func columnsToKeep(_ columns: ColumnTable) -> [Bool]? { processor.columnsToKeep(columns) }
    func columnsReadInEveryRow(_ columns: ColumnTable) -> [Bool]? { processor.columnsReadInEveryRow(columns) }
    var hashesRowsAsRead: Bool { processor.hashesRowsAsRead }
    func partRead() { outputs.flushPending() }
}

/// The next part of a source and the first, whose processor and outputs take it in.
private struct MergePair<O: SourceOutputs>: @unchecked Sendable {
    let first: PartSink<O>
    let next: PartSink<O>
    let repeated: [Finding]

    func mergeProcessors() throws(RejectedRowsError) -> Bool {
        try first.processor.merge(following: next.processor, repeated: repeated)
    }

    func mergeOutputs() {
        first.outputs.merge(following: next.outputs)
    }
}
