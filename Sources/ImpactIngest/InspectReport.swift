import ImpactCore

/// What `impact inspect` shows about one export: its format, its fields with
/// a sample and a missing count, the record counts and every finding.
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
    public var findings: [Finding]

    /// Whether the file read without any finding.
    public var isClean: Bool { findings.isEmpty }
}

/// A `RecordSink` that gathers an `InspectReport`.
public struct InspectCollector: RecordSink {
    public static let sampleLength = 40
    public let file: String
    public let samples: Bool
    private(set) var wellFormed = 0
    private(set) var malformed = 0
    private var present: [Int] = []
    private var sampleValues: [String?] = []
    private var names: [String] = []
    private(set) var findings: [Finding] = []

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
    }

    public mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws {
        malformed += 1
        findings.append(finding)
        if names.count < row.columns.count { names = row.columns.names }
    }

    public mutating func finding(_ finding: Finding) throws {
        findings.append(finding)
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
                             fields: fields, findings: findings)
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

/// Reading a file into an `InspectReport`.
public enum Inspector {
    /// Reads the whole file; throws `IngestError` when it cannot be read at all.
    public static func inspect(path: String, format: InputFormat = .auto, samples: Bool = true,
                               showIdentifying: Bool = false) throws -> InspectReport {
        var collector = InspectCollector(file: path, samples: samples)
        collector.hideIdentifying = !showIdentifying
        let detected = try SourceReader.read(path: path, format: format, into: &collector)
        return collector.report(format: detected)
    }
}
