import ImpactCore

/// Writes suspect rows for each operation's case:
/// `suspect_id,case_id,office,role,arrest_date,charge_date,verdict,verdict_date,sentence_months`
/// (and `name` when messy). About 0.3 suspects a rescue row; one in ten is a suspect seen before.
struct SuspectRows {
    static let header = ["suspect_id", "case_id", "office", "role", "arrest_date", "charge_date",
                         "verdict", "verdict_date", "sentence_months"]
    static let pending = Array("pending".utf8)
    let files: SourceFiles
    private var rng: SplitMix64
    private let tables: GeneratorTables
    private let messy: Bool
    private(set) var suspects = 0

    init(options: GenerateOptions, tables: GeneratorTables, directory: String) throws(GenerateError) {
        files = try SourceFiles(.suspects, in: directory, header: Self.header + (options.messy ? ["name"] : []),
                                messy: options.messy, jsonLines: options.jsonLines)
        rng = SplitMix64(seed: options.seed, stream: 3)
        self.tables = tables
        messy = options.messy
    }

    mutating func write(_ operation: Operation) throws(GenerateError) {
        for _ in 0..<tables.suspectsPerCase.draw(&rng) {
            let suspect: Int
            if suspects == 0 || rng.percent(90) {
                suspects += 1
                suspect = suspects
            } else {
                suspect = 1 + rng.below(suspects)
            }
            let role = tables.roles.draw(&rng)
            let last = GeneratorTables.lastDay
            var arrest: Day? = rng.percent(90) ? operation.day.adding(days: rng.below(31)) : nil
            if let day = arrest, day > last { arrest = nil }
            var charge: Day? = rng.percent(80) ? (arrest ?? operation.day).adding(days: 60 + rng.below(60)) : nil
            if let day = charge, day > last { charge = nil }
            var verdict = Self.pending
            var verdictDay: Day?
            var sentence: Int?
            if let charge {
                let day = charge.adding(days: 365 + rng.below(2200))
                if day <= last {
                    let index = tables.verdicts.table.draw(&rng)
                    verdict = tables.verdicts.values[index]
                    verdictDay = day
                    if index == 0 { sentence = 36 + rng.below(205) }
                }
            }
            let name = messy ? tables.name(&rng) : []
            let row = SuspectRow(id: suspect, role: role, arrest: arrest, charge: charge, verdict: verdict,
                                 verdictDay: verdictDay, sentence: sentence, name: name)
            writeCSV(operation, row)
            if let json = files.json { writeJSON(json, operation, row) }
            try files.endRow()
        }
    }

    private struct SuspectRow {
        let id: Int
        let role: [UInt8]
        let arrest: Day?
        let charge: Day?
        let verdict: [UInt8]
        let verdictDay: Day?
        let sentence: Int?
        let name: [UInt8]
    }

    private func writeCSV(_ operation: Operation, _ row: SuspectRow) {
        let csv = files.csv
        csv.byte(UInt8(ascii: "S")); csv.decimal(row.id); files.comma()
        csv.byte(UInt8(ascii: "C")); csv.decimal(operation.number); files.comma()
        csv.bytes(operation.office); files.comma()
        csv.bytes(row.role); files.comma()
        csv.csvDate(row.arrest); files.comma()
        csv.csvDate(row.charge); files.comma()
        csv.bytes(row.verdict); files.comma()
        csv.csvDate(row.verdictDay); files.comma()
        if let sentence = row.sentence { csv.decimal(sentence) }
        if messy { files.comma(); csv.csvField(row.name) }
    }

    private func writeJSON(_ json: ByteWriter, _ operation: Operation, _ row: SuspectRow) {
        json.byte(UInt8(ascii: "{"))
        json.jsonKey("suspect_id", first: true); json.text("\"S"); json.decimal(row.id); json.byte(0x22)
        json.jsonKey("case_id"); json.text("\"C"); json.decimal(operation.number); json.byte(0x22)
        json.jsonKey("office"); json.jsonString(operation.office)
        json.jsonKey("role"); json.jsonString(row.role)
        json.jsonKey("arrest_date"); json.jsonDate(row.arrest)
        json.jsonKey("charge_date"); json.jsonDate(row.charge)
        json.jsonKey("verdict"); json.jsonString(row.verdict)
        json.jsonKey("verdict_date"); json.jsonDate(row.verdictDay)
        json.jsonKey("sentence_months"); json.jsonNumber(row.sentence)
        if messy { json.jsonKey("name"); json.jsonString(row.name) }
    }
}
