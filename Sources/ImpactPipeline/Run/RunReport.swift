import ImpactCore
import ImpactIngest

/// What one source contributed to a run: its counts, which columns were
/// dropped, and its findings grouped by check.
public struct SourceReport: Sendable {
    public var name: String
    /// The data file's path as the pipeline names it.
    public var path: String
    public var format: SourceFormat?
    public var fingerprint: InputFingerprint?
    public var tally: SourceTally
    /// Accepted rows the source's `where` left out (another office, say).
    public var excluded: Int
    public var droppedColumns: [String]
    public var identifyingColumns: [String]
    public var summary: FindingSummary
    /// Findings not tied to a row (an empty file).
    public var fileFindings: [Finding]
    /// The rejected-rows file, when rows were rejected.
    public var rejectedFile: String?

    /// Accepted rows that reached the metrics.
    public var used: Int { tally.accepted - excluded }
}

/// What a run did, for the command line to print and the exit status to reflect.
public struct RunReport: Sendable {
    public var pipeline: String
    public var asOf: Day
    public var since: Day?
    public var sources: [SourceReport]
    public var results: [MetricResult]
    /// Headline figures as published (empty without a fact sheet).
    public var published: [(metric: String, exact: String, published: String)]
    public var warnings: [String]
    public var written: [String]
    public var outputFolder: String
    /// More rows rejected than `--max-rejected`; without it, a source of which every row was
    /// rejected (`whollyRejected`). `impact run` exits 1.
    public var rejectLimitExceeded: Bool

    public var totalRead: Int { sources.reduce(0) { $0 + $1.tally.read } }
    public var totalRejected: Int { sources.reduce(0) { $0 + $1.tally.rejected } }
}

extension RunReport {
    /// Sources of which rows were read and every one rejected: their figures are zeros, and the
    /// pipeline most likely does not read the export as written (a date format, a column). One
    /// line each, with the most common reason. Without `--max-rejected`, such a source sets
    /// `rejectLimitExceeded` (`Runner.run`), and `impact run` exits 1.
    public var whollyRejected: [String] {
        sources.filter { $0.tally.read > 0 && $0.tally.accepted == 0 }.map { source in
            let errors = source.summary.sorted.filter { $0.severity == .error }
            let top = errors.max { a, b in a.count < b.count }
            let reason = top?.examples.first.map { "; the most common reason (\(top?.count ?? 0) rows): \($0.description)" } ?? ""
            let file = source.rejectedFile.map { "; every row is in \($0)" } ?? ""
            return "source '\(source.name)': every row (\(source.tally.read)) was rejected, so its figures are zeros\(reason)\(file); "
                + "the pipeline may not read this export as written (a date_format, a column mapping?)"
        }
    }
}
