import ImpactCore

/// A `RecordSink` that gathers an `InspectReport`. The parts of a file read side by
/// side each gather into their own, merged in file order (`merge(following:)`).
public struct InspectCollector: RecordSink, Sendable {
    public static let sampleLength = 40
    public let file: String
    public let samples: Bool
    private(set) var wellFormed = 0
    private(set) var malformed = 0
    private var present: [Int] = []
    private var sampleValues: [String?] = []
    private var names: [String] = []
    private(set) var findings: [Finding] = []
    private var findingCount = 0
    private var findingsByCheck: [String: Int] = [:]
    /// The findings kept for the report, the first met; the rest are counted only.
    public var maxFindings = InspectCollector.defaultMaxFindings
    public static let defaultMaxFindings = 1_000

    /// What a hidden sample reads: the column's header looks identifying.
    public static let hiddenSample = "(hidden: the header looks identifying)"
    /// Hide samples of columns whose header looks identifying (names, phones, notes).
    public var hideIdentifying = true

    public init(file: String, samples: Bool = true) {
        self.file = file
        self.samples = samples
    }

    public mutating func record(_ row: RowBuffer) throws {
        wellFormed += 1
        let count = row.columns.count
        if present.count < count {
            present.append(contentsOf: repeatElement(0, count: count - present.count))
            sampleValues.append(contentsOf: repeatElement(nil, count: count - sampleValues.count))
        }
        for slot in 0..<count where !row.isMissing(slot) {
            present[slot] += 1
            if samples && sampleValues[slot] == nil, let text = row.string(slot) {
                sampleValues[slot] = Self.truncate(text)
            }
        }
        if names.count < count { names = row.columns.names }
        // What a run rejects whole, warned of here (inspect reads every column).
        if row.isBlank {
            keep(WholeRowCheck.blank.finding(file: file, line: row.line, severity: .warning))
        } else if row.isTotals {
            keep(WholeRowCheck.totals.finding(file: file, line: row.line, severity: .warning))
        } else if count > 1, row.holdsColumnNames(at: 0..<count) {
            keep(WholeRowCheck.repeatedHeader.finding(file: file, line: row.line, severity: .warning))
        }
    }

    public mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws {
        malformed += 1
        keep(finding)
        if names.count < row.columns.count { names = row.columns.names }
    }

    public mutating func finding(_ finding: Finding) throws {
        keep(finding)
    }

    private mutating func keep(_ finding: Finding) {
        findingCount += 1
        findingsByCheck[finding.check, default: 0] += 1
        if findings.count < maxFindings { findings.append(finding) }
    }

    /// Takes in `next`, the collector of the part after this one's: counts added, each
    /// field's (by name: the parts of a JSON Lines file may meet their fields in another
    /// order) first sample kept, findings in file order up to `maxFindings`. `repeated`:
    /// findings `next` was given that reading in one piece does not give (a JSON warning
    /// given once per field, met again in a later part): left out, and not counted.
    /// Names are unique here: a CSV header naming a column twice is a header finding, and
    /// such a file is never split (`CSVSplit.plan`); a JSON key is one column.
    public mutating func merge(following next: InspectCollector, repeated: [Finding] = []) {
        wellFormed += next.wellFormed
        malformed += next.malformed
        var slotOf = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for (theirs, name) in next.names.enumerated() {
            let slot: Int
            if let known = slotOf[name] {
                slot = known
            } else {
                slot = names.count
                names.append(name)
                slotOf[name] = slot
            }
            if present.count <= slot {
                present.append(contentsOf: repeatElement(0, count: slot + 1 - present.count))
                sampleValues.append(contentsOf: repeatElement(nil, count: slot + 1 - sampleValues.count))
            }
            if theirs < next.present.count { present[slot] += next.present[theirs] }
            if sampleValues[slot] == nil, theirs < next.sampleValues.count { sampleValues[slot] = next.sampleValues[theirs] }
        }
        findings += next.findings.leavingOut(repeated)
        if findings.count > maxFindings { findings.removeLast(findings.count - maxFindings) }
        findingCount += next.findingCount - repeated.count
        for (check, count) in next.findingsByCheck { findingsByCheck[check, default: 0] += count }
        for finding in repeated {
            findingsByCheck[finding.check, default: 0] -= 1
            if findingsByCheck[finding.check] == 0 { findingsByCheck[finding.check] = nil }
        }
    }

    static func truncate(_ text: String) -> String {
        let flat = text.replacingNewlines()
        guard flat.count > sampleLength else { return flat }
        return String(flat.prefix(sampleLength - 1)) + "…"
    }

    /// The report, once the reader has finished.
    public func report(format: SourceFormat, columns: [String]? = nil) -> InspectReport {
        let all = columns ?? (format.columns.count >= names.count ? format.columns : names)
        let fields = all.enumerated().map { slot, name in
            InspectReport.Field(name: name,
                                sample: slot < sampleValues.count
                                    ? (hideIdentifying && IdentifyingHeader.looksIdentifying(name) && sampleValues[slot] != nil
                                        ? Self.hiddenSample : sampleValues[slot])
                                    : nil,
                                missing: wellFormed - (slot < present.count ? present[slot] : 0))
        }
        return InspectReport(file: file, format: format, records: wellFormed + malformed, malformed: malformed,
                             fields: fields, findings: findings, findingCount: findingCount,
                             findingsByCheck: findingsByCheck)
    }
}

/// Reading a file into an `InspectReport`.
public enum Inspector {
    /// Reads the whole file; throws `IngestError` when it cannot be read at all.
    /// `maxFindings`: the findings kept in the report, the first met (all are counted).
    public static func inspect(path: String, format: InputFormat = .auto, samples: Bool = true,
                               showIdentifying: Bool = false,
                               maxFindings: Int = InspectCollector.defaultMaxFindings) throws -> InspectReport {
        var collector = collector(path: path, samples: samples, showIdentifying: showIdentifying, maxFindings: maxFindings)
        let detected = try SourceReader.read(path: path, format: format, into: &collector)
        return report(collector, format: detected, path: path, maxFindings: maxFindings)
    }

    /// An empty collector for `inspect`'s options.
    public static func collector(path: String, samples: Bool, showIdentifying: Bool, maxFindings: Int) -> InspectCollector {
        var collector = InspectCollector(file: path, samples: samples)
        collector.hideIdentifying = !showIdentifying
        collector.maxFindings = maxFindings
        return collector
    }

    /// The report of a collector that read the whole file (in one piece, or its parts merged).
    public static func report(_ collector: InspectCollector, format detected: SourceFormat, path: String,
                              maxFindings: Int) -> InspectReport {
        var report = collector.report(format: detected)
        if let finding = titleAboveHeader(report, path: path) {
            report.findings.insert(finding, at: 0)
            if report.findings.count > maxFindings { report.findings.removeLast() }
            report.findingCount += 1
            report.findingsByCheck[finding.check, default: 0] += 1
        }
        return report
    }

    /// When most records are malformed, a CSV header narrower than the lines below it
    /// may be a title or a note above the real header: a warning naming the line that
    /// looks like the header and the `--preamble` / `preamble_lines` that would skip to it.
    static func titleAboveHeader(_ report: InspectReport, path: String) -> Finding? {
        guard report.format.kind == .csv, report.malformed > 0, report.malformed * 2 >= report.records,
              let delimiter = report.format.delimiter?.utf8.first, let header = report.format.headerLine,
              let found = HeaderLineSearch.likelyHeader(path: path, delimiter: delimiter),
              found.line > header else { return nil }
        return Finding(file: path, line: found.line, check: "csv.header",
                       message: "line \(found.line) looks like the header: it and the lines after it have \(found.fields) fields, the header on line \(header) has \(report.fields.count)",
                       hint: "if the lines above it are a title or notes, run inspect with --preamble \(found.line - 1), and give the pipeline csv: { preamble_lines: \(found.line - 1) }",
                       severity: .warning)
    }
}

extension String {
    /// Line ends shown as `⏎`, so a sample stays on one line.
    func replacingNewlines() -> String {
        var out = ""
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" { out += "⏎" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
