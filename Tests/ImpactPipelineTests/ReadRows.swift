import ImpactCore
import ImpactIngest

/// A sink that keeps each record as text (its line, then its fields with a value, by name: a
/// part of a split file meets the fields in an order of its own) and each finding with its
/// line, check and message, for comparing a read in parts with the read in one piece.
struct ReadRows: RecordSink, Sendable {
    var rows: [String] = []
    var findings: [String] = []

    mutating func record(_ row: RowBuffer) throws {
        let fields = zip(row.columns.names, row.values()).filter { $0.1 != .missing }.map { "\($0.0)=\($0.1)" }
        rows.append("\(row.line) " + fields.sorted().joined(separator: " "))
    }

    mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws {
        findings.append("\(finding.line) \(finding.check) \(finding.message) (rejected)")
    }

    mutating func finding(_ finding: Finding) throws { findings.append("\(finding.line) \(finding.check) \(finding.message)") }
}
