import Foundation
import ImpactCore

/// What `impact export` was asked to do.
public struct ExportOptions: Sendable {
    public var pipelinePath: String
    /// The SQLite file to write (replaced atomically).
    public var sqlitePath: String
    public var asOf: Day
    public var progress: Bool

    public init(pipelinePath: String, sqlitePath: String, asOf: Day, progress: Bool = false) {
        self.pipelinePath = pipelinePath
        self.sqlitePath = sqlitePath
        self.asOf = asOf
        self.progress = progress
    }
}

/// What an export wrote.
public struct ExportReport: Sendable {
    public var pipeline: String
    public var path: String
    public var sources: [SourceReport]
    public var results: [MetricResult]
}

/// `impact export`: reads every source once, as `impact run` does, and writes
/// each source's accepted records in scope (its `where` applied; identifying
/// fields never read into a record) as a table, and the run's metrics as the
/// `figures` table, into one SQLite file built aside and renamed into place.
public enum ExportRunner {
    public static func export(_ options: ExportOptions, log: (String) -> Void = { _ in }) throws(PipelineError) -> ExportReport {
        let pipeline: PipelineDefinition
        do {
            pipeline = try PipelineDefinition.load(path: options.pipelinePath)
        } catch {
            throw .configuration(error.description)
        }
        let export: SQLiteExport
        do {
            export = try SQLiteExport(path: options.sqlitePath)
            for source in pipeline.sources {
                try export.createTable(source: source.name, schema: source.schema)
            }
        } catch {
            throw .output(error.description)
        }
        // The export's consumer sees every record in file order (one piece) and hands it to
        // the writer's thread; the parts' count, the progress line's.
        let progress = ProgressLine(enabled: options.progress)
        let writer = ExportWriter(export)
        let computed: Computation
        do {
            computed = try Runner.compute(pipeline, asOf: options.asOf, rejectedFolder: nil, progress: progress,
                                          extraConsumer: { source, record in
                try writer.add(source: source, record: record)
            }, log: log)
        } catch {
            writer.close()
            throw error
        }
        do {
            try writer.finish()
            try export.writeFigures(computed.results)
            try export.finish()
        } catch {
            throw .output(error.description)
        }
        return ExportReport(pipeline: pipeline.name, path: options.sqlitePath, sources: computed.sources, results: computed.results)
    }
}
