import ImpactCore

/// The distributions the generator draws from: a dozen offices, origins, places,
/// ages skewed to 12-30, growth in rescues from 2000 to 2025, and made-up names.
struct GeneratorTables: Sendable {
    static let firstYear = 2000
    static let lastYear = 2025
    /// No verdict date is later than this.
    static let lastDay = Day(year: lastYear, month: 12, day: 31) ?? Day(daysSinceEpoch: 20_453)

    let offices = WeightedValues([
        ("Mumbai", 18), ("Kolkata", 16), ("Delhi", 12), ("Chennai", 9), ("Bengaluru", 9),
        ("Hyderabad", 8), ("Pune", 6), ("Ahmedabad", 5), ("Lucknow", 5), ("Patna", 4),
        ("Guwahati", 4), ("Bhubaneswar", 4),
    ])
    let origins = WeightedValues([
        ("West Bengal", 20), ("Maharashtra", 10), ("Karnataka", 7), ("Andhra Pradesh", 7),
        ("Telangana", 5), ("Uttar Pradesh", 7), ("Bihar", 6), ("Jharkhand", 5), ("Odisha", 4),
        ("Assam", 4), ("Madhya Pradesh", 4), ("Tamil Nadu", 3), ("Delhi", 2), ("Nepal", 9),
        ("Bangladesh", 8),
    ])
    /// Places before 2010, when there was next to no online exploitation.
    let placesEarly = WeightedValues([("brothel", 68), ("bar", 15), ("hotel", 11), ("private network", 6)])
    let placesLate = WeightedValues([
        ("brothel", 44), ("bar", 11), ("hotel", 15), ("private network", 18), ("online", 12),
    ])
    let sexes = WeightedValues([("F", 93), ("M", 7)])
    /// Suffixes that make a messy place name need quoting: commas, quotes, line breaks.
    let messySuffixes: [[UInt8]] = [
        ", 2nd floor", ", Lane 3, rear building", "\n(back room)", " \"Blue Moon\"", ",\r\nannexe",
    ].map { Array($0.utf8) }
    let roles = WeightedValues([("owner", 18), ("manager", 22), ("pimp", 27), ("recruiter", 18), ("customer", 15)])
    let verdicts = WeightedValues([("convicted", 45), ("acquitted", 38), ("discharged", 17)])
    let audiences = WeightedValues([
        ("police", 35), ("prosecutor", 10), ("judge", 6), ("government official", 20), ("NGO", 17), ("community", 12),
    ])
    /// Persons rescued in one operation.
    let operationSizes = WeightedTable([0, 30, 28, 18, 11, 7, 4, 2])
    /// Suspects charged in one operation's case.
    let suspectsPerCase = WeightedTable([45, 35, 15, 5])
    /// Ages 12 to 45, most between 14 and 22 (index 0, a missing age, has no weight:
    /// rows leave out about 1% of ages themselves).
    let ages: WeightedTable
    /// Years 2000...2025, each about 12% busier than the one before.
    let years: WeightedTable
    /// Syllables for made-up names in Latin (with diacritics), Bengali and Devanagari script.
    let nameSyllables: [[[UInt8]]] = [
        ["ra", "lu", "te", "mi", "so", "na", "ki", "pa", "vo", "de", "li", "ma", "nu", "ta", "ri", "se"],
        ["ră", "lu", "ți", "mă", "șe", "nâ", "vi", "dă", "lo", "re", "zé", "kö"],
        ["রা", "লু", "তে", "মি", "সো", "না", "কি", "পা"],
        ["रा", "लू", "ते", "मी", "सो", "ना", "की", "पा"],
    ].map { $0.map { Array($0.utf8) } }
    let nameScripts = WeightedTable([55, 15, 15, 15])

    init() {
        var ageWeights = [0.0]
        for age in 12...45 {
            let weight: Double
            switch age {
            case ..<14: weight = 3
            case 14...17: weight = 9
            case 18...22: weight = 7
            case 23...30: weight = 3
            default: weight = 0.5
            }
            ageWeights.append(weight)
        }
        ages = WeightedTable(ageWeights)
        var yearWeights: [Double] = []
        var weight = 1.0
        for _ in Self.firstYear...Self.lastYear {
            yearWeights.append(weight)
            weight *= 1.12
        }
        years = WeightedTable(yearWeights)
    }

    /// A day in a year drawn from the growth curve.
    func day(_ rng: inout SplitMix64) -> Day {
        let year = Self.firstYear + years.draw(&rng)
        let first = Day(year: year, month: 1, day: 1) ?? Day(daysSinceEpoch: 0)
        return first.adding(days: rng.below(Day.isLeap(year) ? 366 : 365))
    }

    /// An age at rescue, or nil for a missing one.
    func age(_ rng: inout SplitMix64) -> Int? {
        let index = ages.draw(&rng)
        return index == 0 ? nil : 11 + index
    }

    /// A made-up name of two syllable groups, all in one script; sometimes "Family, Given".
    func name(_ rng: inout SplitMix64) -> [UInt8] {
        let pool = nameSyllables[nameScripts.draw(&rng)]
        var given: [UInt8] = []
        for _ in 0..<2 { given += pool[rng.below(pool.count)] }
        var family: [UInt8] = []
        for _ in 0..<(2 + rng.below(2)) { family += pool[rng.below(pool.count)] }
        if rng.percent(5) { return family + Array(", ".utf8) + given }
        return capitalized(given) + [0x20] + capitalized(family)
    }

    private func capitalized(_ word: [UInt8]) -> [UInt8] {
        guard let first = word.first, (0x61...0x7A).contains(first) else { return word }
        return [first - 0x20] + word.dropFirst()
    }
}
