import ImpactCore

/// Writes training sessions: `session_id,date,office,audience,participants`.
/// Most sessions have 10 to 199 participants, one in ten 200 to 1,499; messy output
/// writes counts of a thousand or more as a quoted "1,234".
struct TrainingRows {
    static let header = ["session_id", "date", "office", "audience", "participants"]
    let files: SourceFiles
    private var rng: SplitMix64
    private let tables: GeneratorTables
    private let messy: Bool

    init(options: GenerateOptions, tables: GeneratorTables, directory: String) throws(GenerateError) {
        files = try SourceFiles(.trainings, in: directory, header: Self.header, messy: options.messy,
                                jsonLines: options.jsonLines)
        rng = SplitMix64(seed: options.seed, stream: 4)
        self.tables = tables
        messy = options.messy
    }

    mutating func write(count: Int) throws(GenerateError) {
        for session in 1...max(1, count) {
            let day = tables.day(&rng)
            let office = tables.offices.draw(&rng)
            let audience = tables.audiences.draw(&rng)
            let participants = rng.percent(90) ? 10 + rng.below(190) : 200 + rng.below(1300)
            let csv = files.csv
            csv.byte(UInt8(ascii: "T")); csv.decimal(session); files.comma()
            csv.csvDate(day); files.comma()
            csv.bytes(office); files.comma()
            csv.csvField(audience); files.comma()
            if messy && participants >= 1000 {
                csv.byte(0x22); csv.decimal(participants / 1000); csv.byte(UInt8(ascii: ","))
                csv.padded(participants % 1000, width: 3); csv.byte(0x22)
            } else {
                csv.decimal(participants)
            }
            if let json = files.json {
                json.byte(UInt8(ascii: "{"))
                json.jsonKey("session_id", first: true); json.text("\"T"); json.decimal(session); json.byte(0x22)
                json.jsonKey("date"); json.jsonDate(day)
                json.jsonKey("office"); json.jsonString(office)
                json.jsonKey("audience"); json.jsonString(audience)
                json.jsonKey("participants"); json.decimal(participants)
            }
            try files.endRow()
        }
    }
}
