import ImpactCore
/// How to read a CSV export.
public struct CSVOptions: Sendable {
    /// The file's encoding (default UTF-8).
    public var encoding: TextEncoding = .utf8
    /// The field separator; nil detects it from the header line (`,` `;` tab `|`).
    public var delimiter: UInt8?
    /// Physical lines to skip before the header (titles, export dates).
    public var preambleLines: Int
    /// Bytes read from the file at a time.
    public var chunkSize: Int
    /// The largest field accepted; a larger one stops the reading (`IngestError.fieldTooLarge`).
    public var maxFieldBytes: Int
    /// The most fields a header may have; data records keep at most this many.
    public var maxFieldsPerRecord: Int

    public init(delimiter: UInt8? = nil, preambleLines: Int = 0, chunkSize: Int = 64 * 1024,
                maxFieldBytes: Int = 16 * 1024 * 1024, maxFieldsPerRecord: Int = 100_000) {
        self.delimiter = delimiter
        self.preambleLines = max(0, preambleLines)
        self.chunkSize = max(1, chunkSize)
        self.maxFieldBytes = max(1, maxFieldBytes)
        self.maxFieldsPerRecord = max(1, maxFieldsPerRecord)
    }
}

/// How to read a JSON export.
public struct JSONOptions: Sendable {
    /// The key of a wrapping object that holds the records array; nil tries
    /// `data`, `value`, `results`, `records`, `items` in that order.
    public var recordsKey: String?
    /// The deepest nesting accepted inside one record (the record object is depth 1).
    public var maxDepth: Int
    /// The largest string or number accepted; a larger one stops the reading.
    public var maxFieldBytes: Int
    /// Bytes read from the file at a time.
    public var chunkSize: Int
    /// Lists of name/value objects read as fields (`JSONPairList`).
    public var pairLists: [JSONPairList] = []
    /// The dotted path of a list inside each record whose objects are records of their own,
    /// each with the record's other fields (`JSONEachList`): a case's `survivors`, a
    /// KoboToolbox submission's repeat group.
    public var each: String?

    public init(recordsKey: String? = nil, maxDepth: Int = 64,
                maxFieldBytes: Int = 16 * 1024 * 1024, chunkSize: Int = 64 * 1024) {
        self.recordsKey = recordsKey
        self.maxDepth = max(1, maxDepth)
        self.maxFieldBytes = max(1, maxFieldBytes)
        self.chunkSize = max(1, chunkSize)
    }

    /// The keys tried, in order, when `recordsKey` is nil.
    public static let autoRecordsKeys = ["data", "value", "results", "records", "items"]
}

/// Which reader to use.
public enum InputFormat: Sendable {
    /// By extension (`.csv .tsv .txt` -> CSV; `.json .jsonl .ndjson` -> JSON), else by content.
    case auto
    case csv(CSVOptions)
    case json(JSONOptions)
}
