import ImpactCore

/// Writes rescue rows: `person_id,case_id,operation_id,office,date,age,sex,origin,place`
/// (and `name` when messy), one per person of each operation.
struct RescueRows {
    static let header = ["person_id", "case_id", "operation_id", "office", "date", "age", "sex", "origin", "place"]
    let files: SourceFiles
    private var rng: SplitMix64
    private let tables: GeneratorTables
    private let messy: Bool
    private let newPersonBelow: UInt64
    private let personSeed: UInt64
    /// `GenerateOptions.uuidIDs`.
    private let uuidIDs: Bool
    /// Persons so far; ids run 1...persons.
    private(set) var persons = 0
    /// `GenerateOptions.extraColumns`, drawn from a stream of their own: each one's
    /// JSON key (`,"indicator_001":`), made once.
    private let extraKeys: [[UInt8]]
    private var extraRNG: SplitMix64
    static let answers: [[UInt8]] = [Array("yes".utf8), Array("no".utf8), Array("unknown".utf8)]

    init(options: GenerateOptions, tables: GeneratorTables, directory: String) throws(GenerateError) {
        let extra = (0..<options.extraColumns).map { Self.extraName($0) }
        files = try SourceFiles(.rescues, in: directory, header: Self.header + (options.messy ? ["name"] : []) + extra,
                                messy: options.messy, jsonLines: options.jsonLines)
        extraKeys = extra.map { Array(",\"\($0)\":".utf8) }
        extraRNG = SplitMix64(seed: options.seed, stream: 7)
        rng = SplitMix64(seed: options.seed, stream: 2)
        var seeds = SplitMix64(seed: options.seed, stream: 5)
        personSeed = seeds.next()
        self.tables = tables
        messy = options.messy
        uuidIDs = options.uuidIDs
        newPersonBelow = options.newPersonShare >= 1
            ? UInt64.max : UInt64(options.newPersonShare * 18_446_744_073_709_551_616.0)
    }

    /// Writes one row per person of `operation`. A repeat rescue names a person from an
    /// earlier operation, never one already in this one.
    mutating func write(_ operation: Operation) throws(GenerateError) {
        let personsBefore = persons
        var repeated: [Int] = []
        for _ in 0..<operation.persons {
            var person = 0
            if personsBefore > 0 && rng.next() >= newPersonBelow {
                let pick = 1 + rng.below(personsBefore)
                if !repeated.contains(pick) {
                    person = pick
                    repeated.append(pick)
                }
            }
            if person == 0 {
                persons += 1
                person = persons
            }
            let traits = PersonTraits(person: person, seed: personSeed, tables: tables, messy: messy)
            let age = traits.age(in: operation.year, missing: rng.percent(1))
            var place = (operation.year < 2010 ? tables.placesEarly : tables.placesLate).draw(&rng)
            if messy && rng.percent(4) {
                place += tables.messySuffixes[rng.below(tables.messySuffixes.count)]
            }
            writeCSV(operation, person, age, traits.sex, traits.origin, place, traits.name)
            let extra = extraValues()
            for value in extra { files.comma(); files.csv.bytes(value.bytes) }
            if let json = files.json {
                writeJSON(json, operation, person, age, traits.sex, traits.origin, place, traits.name)
                for (key, value) in zip(extraKeys, extra) {
                    json.bytes(key)
                    if value.isText { json.jsonString(value.bytes) } else { json.bytes(value.bytes) }
                }
            }
            try files.endRow()
        }
    }

    /// `indicator_001`, `indicator_002`, ...
    static func extraName(_ k: Int) -> String {
        let number = String(k + 1)
        return "indicator_" + String(repeating: "0", count: max(0, 3 - number.count)) + number
    }

    /// One row's indicator values: every third an answer (yes, no, unknown: text), the
    /// others counts 0 to 500.
    private mutating func extraValues() -> [(bytes: [UInt8], isText: Bool)] {
        extraKeys.indices.map { k in
            k % 3 == 0 ? (Self.answers[extraRNG.below(Self.answers.count)], true) : (Array(String(extraRNG.below(501)).utf8), false)
        }
    }

    /// `P` and the person's number, or the person's UUID (`GenerateOptions.uuidIDs`):
    /// 122 bits from the seed and the number, in the version-4 form.
    private func writePersonID(_ out: ByteWriter, _ person: Int) {
        guard uuidIDs else {
            out.byte(UInt8(ascii: "P")); out.decimal(person)
            return
        }
        var bits = SplitMix64(seed: personSeed &+ UInt64(person) &* 0x9E37_79B9_7F4A_7C15, stream: 9)
        let high = bits.next() & 0xFFFF_FFFF_FFFF_0FFF | 0x4000, low = bits.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let hex = Array("0123456789abcdef".utf8)
        for k in 0..<32 {
            if k == 8 || k == 12 || k == 16 || k == 20 { out.byte(UInt8(ascii: "-")) }
            let word = k < 16 ? high : low
            out.byte(hex[Int(truncatingIfNeeded: word >> UInt64(60 - 4 * (k % 16))) & 15])
        }
    }

    private func writeCSV(_ operation: Operation, _ person: Int, _ age: Int?, _ sex: [UInt8],
                          _ origin: [UInt8], _ place: [UInt8], _ name: [UInt8]) {
        let csv = files.csv
        writePersonID(csv, person); files.comma()
        csv.byte(UInt8(ascii: "C")); csv.decimal(operation.number); files.comma()
        csv.bytes([UInt8(ascii: "O"), UInt8(ascii: "P")]); csv.decimal(operation.number); files.comma()
        csv.bytes(operation.office); files.comma()
        csv.csvDate(operation.day); files.comma()
        if let age { csv.decimal(age) }
        files.comma()
        csv.bytes(sex); files.comma()
        csv.csvField(origin); files.comma()
        csv.csvField(place)
        if messy { files.comma(); csv.csvField(name) }
    }

    private func writeJSON(_ json: ByteWriter, _ operation: Operation, _ person: Int, _ age: Int?,
                           _ sex: [UInt8], _ origin: [UInt8], _ place: [UInt8], _ name: [UInt8]) {
        json.byte(UInt8(ascii: "{"))
        json.jsonKey("person_id", first: true); json.byte(0x22); writePersonID(json, person); json.byte(0x22)
        json.jsonKey("case_id"); json.text("\"C"); json.decimal(operation.number); json.byte(0x22)
        json.jsonKey("operation_id"); json.text("\"OP"); json.decimal(operation.number); json.byte(0x22)
        json.jsonKey("office"); json.jsonString(operation.office)
        json.jsonKey("date"); json.jsonDate(operation.day)
        json.jsonKey("age"); json.jsonNumber(age)
        json.jsonKey("sex"); json.jsonString(sex)
        json.jsonKey("origin"); json.jsonString(origin)
        json.jsonKey("place"); json.jsonString(place)
        if messy { json.jsonKey("name"); json.jsonString(name) }
    }
}

/// What stays the same on every row of one person: sex, origin, made-up name, and an age
/// that grows with the years after the person's base year. Drawn from the person's id
/// and the seed alone, so no table of persons is kept.
struct PersonTraits {
    let sex: [UInt8]
    let origin: [UInt8]
    let name: [UInt8]
    private let baseAge: Int?
    private let baseYear: Int

    init(person: Int, seed: UInt64, tables: GeneratorTables, messy: Bool) {
        var rng = SplitMix64(seed: seed &+ UInt64(person) &* 0x9E37_79B9_7F4A_7C15)
        baseAge = tables.age(&rng)
        baseYear = tables.day(&rng).year
        sex = tables.sexes.draw(&rng)
        origin = tables.origins.draw(&rng)
        name = messy ? tables.name(&rng) : []
    }

    /// The age at a rescue in `year`; nil when the export leaves it out.
    func age(in year: Int, missing: Bool) -> Int? {
        guard !missing, let baseAge else { return nil }
        return baseAge + max(0, year - baseYear)
    }
}
