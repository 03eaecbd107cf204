/// A source's row counts for the run's print-out: every row read is accepted
/// or rejected (`read == accepted + rejected`); `warned` counts accepted rows
/// that carry at least one warning.
public struct SourceTally: Sendable, Hashable, Codable {
    public var read = 0
    public var accepted = 0
    public var rejected = 0
    public var warned = 0

    public init(read: Int = 0, accepted: Int = 0, rejected: Int = 0, warned: Int = 0) {
        self.read = read
        self.accepted = accepted
        self.rejected = rejected
        self.warned = warned
    }

    /// True when the counts reconcile.
    public var reconciles: Bool { read == accepted + rejected }

    public static func + (a: SourceTally, b: SourceTally) -> SourceTally {
        SourceTally(read: a.read + b.read, accepted: a.accepted + b.accepted,
                    rejected: a.rejected + b.rejected, warned: a.warned + b.warned)
    }
}

/// Findings counted per check and severity, with the first few of each kept
/// as examples (memory stays bounded however many rows fail).
public struct FindingSummary: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var check: String
        public var severity: Finding.Severity
        public var count: Int
        /// The first findings of this check and severity, in the order met.
        public var examples: [Finding]
    }

    public let examplesPerCheck: Int
    private var entries: [String: Entry] = [:]

    public init(examplesPerCheck: Int = 20) {
        self.examplesPerCheck = examplesPerCheck
    }

    public mutating func add(_ finding: Finding) {
        let key = finding.severity.rawValue + " " + finding.check
        var entry = entries[key] ?? Entry(check: finding.check, severity: finding.severity, count: 0, examples: [])
        entry.count += 1
        if entry.examples.count < examplesPerCheck { entry.examples.append(finding) }
        entries[key] = entry
    }

    public mutating func add(contentsOf findings: [Finding]) {
        for finding in findings { add(finding) }
    }

    public mutating func merge(_ other: FindingSummary) {
        for entry in other.sorted {
            let key = entry.severity.rawValue + " " + entry.check
            var mine = entries[key] ?? Entry(check: entry.check, severity: entry.severity, count: 0, examples: [])
            mine.count += entry.count
            mine.examples += entry.examples.prefix(max(0, examplesPerCheck - mine.examples.count))
            entries[key] = mine
        }
    }

    /// Errors before warnings, then by check name: a stable order for printing.
    public var sorted: [Entry] {
        entries.values.sorted { a, b in
            a.severity != b.severity ? a.severity > b.severity : a.check < b.check
        }
    }

    public var errorCount: Int { entries.values.filter { $0.severity == .error }.reduce(0) { $0 + $1.count } }
    public var warningCount: Int { entries.values.filter { $0.severity == .warning }.reduce(0) { $0 + $1.count } }
    public func count(check: String, severity: Finding.Severity? = nil) -> Int {
        entries.values.filter { $0.check == check && (severity == nil || $0.severity == severity) }
            .reduce(0) { $0 + $1.count }
    }
}
