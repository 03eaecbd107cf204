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

    /// - Parameters:
    ///   - rejectedFolder: where `rejected/<source>.csv` goes; nil to write nothing.
    ///   - finishRejected: rename the rejected-rows file into place at the end (else the caller does, through the returned processor).
    static func run(_ source: SourceDefinition, pipeline: PipelineFile, asOf: Day,
                    relationships: [RelationshipTarget: RelationshipIndex], rejectedFolder: String?,
                    observeAccepted: @escaping (Record) -> Void = { _ in },
                    consume: @escaping (Record) throws -> Void) throws(PipelineError) -> (SourceReport, SourceProcessor) {
        let path = pipeline.resolve(source.path)
        let processor: SourceProcessor
        do {
            processor = try SourceProcessor(definition: source, file: path, asOf: asOf, relationships: relationships,
                                            rejectedFolder: rejectedFolder, observeAccepted: observeAccepted, consume: consume)
        } catch {
            throw .configuration(error.inFile(pipeline.path).description)
        }
        // The SHA-256 of the input, on another core while this one reads it (the file is
        // read twice, the second time from the page cache). A queue of its own gets a thread
        // of its own even when sources read side by side keep every pool thread busy.
        let fingerprint = ResultSlots<InputFingerprint>(count: 1)
        let hashing = DispatchGroup()
        DispatchQueue(label: "impact.sha256").async(group: hashing) {
            if let print = InputFingerprint.of(path: path) { fingerprint.set(0, print) }
        }
        defer { hashing.wait() }
        var sink = processor
        let format: SourceFormat
        do {
            format = try SourceReader.read(path: path, format: inputFormat(source), into: &sink)
        } catch let error as ConfigError {
            processor.cancel()
            throw .configuration(error.inFile(pipeline.path).description)
        } catch let error as IngestError {
            processor.cancel()
            throw .configuration("source '\(source.name)': \(error.description)")
        } catch let error as PipelineError {
            processor.cancel()
            throw error
        } catch {
            processor.cancel()
            throw .output("source '\(source.name)': \(error)")
        }
        try requireWhole(processor.fileFindings, source: source.name)
        hashing.wait()
        let report = SourceReport(
            name: source.name, path: source.path, format: format, fingerprint: fingerprint.values().first,
            tally: processor.tally, excluded: processor.excluded,
            droppedColumns: processor.mapper?.droppedColumns ?? [],
            identifyingColumns: processor.mapper?.identifyingColumns ?? [],
            summary: processor.summary, fileFindings: processor.fileFindings, rejectedFile: nil)
        return (report, processor)
    }
}
