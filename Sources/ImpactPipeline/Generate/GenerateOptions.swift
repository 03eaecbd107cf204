/// A kind of export the generator writes.
public enum GeneratedSource: String, Sendable, CaseIterable, Comparable {
    case rescues, suspects, trainings

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// What `impact generate` writes: how many rescue rows, from which seed, in which shape.
public struct GenerateOptions: Sendable {
    /// Rescue rows to write; suspects (about 0.3 a rescue) and trainings (one per 7) follow.
    public var rows: Int
    /// The seed: the same seed and options give the same bytes.
    public var seed: UInt64
    /// BOM, CRLF, quoted commas, quotes and line breaks in place names, and an identifying
    /// `name` column with made-up names in Latin, Bengali and Devanagari script.
    public var messy: Bool
    /// Also write each source as JSON Lines (`rescues.jsonl`, ...).
    public var jsonLines: Bool
    public var sources: Set<GeneratedSource>
    /// The share of rescue rows that bring a person to safety for the first time;
    /// the rest are repeat rescues of an earlier person (0.3: 10M rows, about 3M persons).
    public var newPersonShare: Double
    /// Indicator columns after the rescue fields (`indicator_001`, ...: small counts and
    /// yes/no/unknown answers), as a wide export such as DHIS2's has; 0: none. They come
    /// from a random stream of their own: the other columns are the same bytes either way.
    public var extraColumns: Int
    static let maxExtraColumns = 1000
    /// Person ids as UUIDs (36 characters, version-4 form, as KoboToolbox's `_uuid`)
    /// instead of `P1`, `P2`, ...: one per person, drawn from the seed. The other
    /// columns are the same bytes either way.
    public var uuidIDs: Bool

    public init(rows: Int, seed: UInt64 = 1, messy: Bool = false, jsonLines: Bool = false,
                sources: Set<GeneratedSource> = Set(GeneratedSource.allCases), newPersonShare: Double = 0.3,
                extraColumns: Int = 0, uuidIDs: Bool = false) {
        self.rows = rows
        self.seed = seed
        self.messy = messy
        self.jsonLines = jsonLines
        self.sources = sources
        self.newPersonShare = newPersonShare
        self.extraColumns = extraColumns
        self.uuidIDs = uuidIDs
    }

    /// Training sessions written for `rows` rescue rows: one per seven, at least one.
    public var trainingRows: Int { max(1, (rows + 6) / 7) }

    /// Problems with the options, in words; empty when they can be run.
    public var problems: [String] {
        var found: [String] = []
        if rows < 1 { found.append("--rows must be at least 1 (got \(rows))") }
        if sources.isEmpty { found.append("--sources names no source") }
        if !(newPersonShare > 0 && newPersonShare <= 1) {
            found.append("--new-person-share must be above 0 and at most 1 (got \(newPersonShare))")
        }
        if !(0...Self.maxExtraColumns).contains(extraColumns) {
            found.append("--extra-columns must be from 0 to \(Self.maxExtraColumns) (got \(extraColumns))")
        }
        return found
    }
}

/// One file the generator wrote.
public struct GeneratedFile: Sendable, Equatable {
    /// The file name inside the output directory: `rescues.csv`, `rescues.jsonl`, ...
    public let name: String
    public let source: GeneratedSource
    /// Data rows (records), not counting a header line.
    public let rows: Int
    public let bytes: Int
}

/// What a generator run wrote.
public struct GenerateSummary: Sendable {
    /// In a fixed order: rescues, suspects, trainings; CSV before JSON Lines.
    public let files: [GeneratedFile]
    /// Distinct person ids among the rescue rows (0 when rescues were not asked for).
    public let distinctPersons: Int
    /// Distinct suspect ids among the suspect rows (0 when suspects were not asked for).
    public let distinctSuspects: Int
}
