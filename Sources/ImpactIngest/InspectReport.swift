import ImpactCore

/// What `impact inspect` shows about one export: its format, its fields with
/// a sample and a missing count, the record counts, how many findings of each
/// check, and the first findings in file order (at most `InspectCollector.maxFindings`:
/// a file of millions of broken lines does not grow the report with them), led by the
/// warning that the header may sit lower down when there is one (`Inspector`).
public struct InspectReport: Sendable, Codable, Equatable {
    public struct Field: Sendable, Codable, Equatable {
        public var name: String
        /// The first non-missing value, at most 40 characters (nil with `--no-samples`).
        public var sample: String?
        /// Well-formed records in which the field is missing (empty unquoted, null, absent).
        public var missing: Int
    }

    public var file: String
    public var format: SourceFormat
    /// Records read: well-formed plus malformed.
    public var records: Int
    public var malformed: Int
    public var fields: [Field]
    /// The first findings, in the order they were met (the lower-header warning first).
    public var findings: [Finding]
    /// Findings in all (`findings` may hold fewer).
    public var findingCount: Int
    /// Findings per check (`csv.field_count`, `encoding.utf8`, ...), all of them.
    public var findingsByCheck: [String: Int]

    /// Whether the file read without any finding.
    public var isClean: Bool { findingCount == 0 }
}
