import ImpactCore

/// What `impact validate` found: each source's counts and findings; nothing is written.
public struct ValidationReport: Sendable {
    public var pipeline: String
    public var asOf: Day
    public var sources: [SourceReport]
    public var limitExceeded: Bool

    public var totalRead: Int { sources.reduce(0) { $0 + $1.tally.read } }
    public var totalRejected: Int { sources.reduce(0) { $0 + $1.tally.rejected } }
}

extension Runner {
    /// Ingest and checks only (the metrics are checked against the schemas, not
    /// computed). Writes nothing. With `progress`, a progress line on stderr when it is a terminal.
    public static func validate(pipelinePath: String, asOf: Day, maxRejected: RejectLimit?,
                                progress: Bool = false) throws(PipelineError) -> ValidationReport {
        let pipeline: PipelineDefinition
        do {
            pipeline = try PipelineDefinition.load(path: pipelinePath)
        } catch {
            throw .configuration(error.description)
        }
        let computed = try compute(pipeline, asOf: asOf, rejectedFolder: nil, fold: false,
                                   progress: ProgressLine(enabled: progress), log: { _ in })
        let read = computed.sources.reduce(0) { $0 + $1.tally.read }
        let rejected = computed.sources.reduce(0) { $0 + $1.tally.rejected }
        return ValidationReport(pipeline: pipeline.name, asOf: asOf, sources: computed.sources,
                                limitExceeded: maxRejected?.isExceeded(rejected: rejected, read: read) ?? (rejected > 0))
    }
}

/// The text `impact validate` prints: counts per source, then findings grouped by check.
public enum ValidationText {
    public static func text(_ report: ValidationReport, examples: Int = 10) -> String {
        var lines = ["as of \(report.asOf.iso)"]
        lines += RunSummary.sourceLines(report.sources)
        lines += RunSummary.droppedLines(report.sources)
        for source in report.sources {
            for finding in source.fileFindings { lines.append(finding.description) }
            for entry in source.summary.sorted {
                lines.append("")
                lines.append("\(source.name): \(entry.check) (\(entry.severity.rawValue)): \(entry.count) finding\(entry.count == 1 ? "" : "s")")
                for example in entry.examples.prefix(examples) { lines.append("  " + example.description) }
                if entry.count > examples { lines.append("  … and \(entry.count - examples) more") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
