import Foundation
import ImpactCore
import ImpactRender

/// `figures.json`: every published figure with its exact value, rounding rule
/// and definition, the inputs with their SHA-256 and row counts, the as-of
/// date and the tool's version, so that each number can be traced to its rows.
/// Written with sorted keys: the same run gives the same bytes.
public struct FiguresFile: Codable, Sendable {
    public struct Input: Codable, Sendable {
        public var source: String
        public var path: String
        public var sha256: String?
        public var bytes: Int?
        public var format: String?
        public var rowsRead: Int
        public var rowsAccepted: Int
        public var rowsRejected: Int
        public var rowsWarned: Int
        public var rowsExcludedByWhere: Int
        public var rowsUsed: Int
        /// Column names only (never values) that were dropped as rows were read.
        public var droppedColumns: [String]
        public var identifyingColumns: [String]
    }

    public struct Headline: Codable, Sendable {
        public var metric: String
        public var label: String
        public var exact: Double?
        public var published: String
        public var rounding: String
        public var wasCut: Bool
    }

    public var tool: String
    public var version: String
    public var pipeline: String
    public var asOf: Day
    public var since: Day?
    public var until: Day
    public var inputs: [Input]
    public var headline: [Headline]
    public var milestones: [ImpactRender.Milestone]
    public var metrics: [MetricResult]
    public var warnings: [String]
    /// The monthly report's figures (absent without a `monthly:` section): the next run flags revisions against them.
    public var monthly: MonthlyFigures? = nil

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    public func encoded() throws -> String {
        String(decoding: try FiguresFile.encoder().encode(self), as: UTF8.self) + "\n"
    }

    static func input(_ report: SourceReport) -> Input {
        Input(source: report.name, path: report.path, sha256: report.fingerprint?.sha256, bytes: report.fingerprint?.bytes,
              format: report.format?.kind.rawValue, rowsRead: report.tally.read, rowsAccepted: report.tally.accepted,
              rowsRejected: report.tally.rejected, rowsWarned: report.tally.warned, rowsExcludedByWhere: report.excluded,
              rowsUsed: report.used, droppedColumns: report.droppedColumns, identifyingColumns: report.identifyingColumns)
    }
}

/// A count since a fixed date can only grow: compares this run's cumulative
/// figures with the previous run's and lists every one that would shrink.
enum RevisionGuard {
    static func shrinking(previous: PreviousFigures, current: [MetricResult]) -> [String] {
        var lines: [String] = []
        for old in previous.metrics {
            guard let new = current.first(where: { $0.name == old.name }),
                  let since = new.provenance.since, old.provenance.since == since,
                  new.provenance.until >= old.provenance.until,
                  new.provenance.aggregate == old.provenance.aggregate,
                  new.provenance.aggregate.hasPrefix("count") || new.provenance.aggregate.hasPrefix("sum"),
                  let before = old.value, let after = new.value, after < before else { continue }
            lines.append("\(new.name) since \(since.iso): \(format(after)) now, \(format(before)) published as of \(old.provenance.until.iso)")
        }
        return lines
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
