import Dispatch
import XCTest
import ImpactCore

/// The engine against a naive recomputation, written plainly, on random records.
final class MetricPropertyTests: XCTestCase {
    /// SplitMix64: a fixed seed gives the same cases on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
    }

    struct Row: Sendable {
        var person: String?
        var office: String?
        var date: Day?
        var age: Int?
        var censored: Bool
        var record: Record
    }

    static func randomRow(_ random: inout Random, line: Int) -> Row {
        // Ids of up to 15 bytes are held inline by a distinct count, longer ones beside (`PackedKey`): both.
        let id = random.int(0...25)
        let person = random.int(0...9) == 0 ? nil : id % 4 == 0 ? "survivor registration number \(id)" : "P\(id)"
        let offices = ["Mumbai", "Kolkata", "Delhi"]
        let office = random.int(0...7) == 0 ? nil : offices[random.int(0...2)]
        let date = random.int(0...9) == 0 ? nil : Day(year: random.int(1997...2013), month: random.int(1...12), day: random.int(1...28))
        let censored = random.int(0...14) == 0
        let age = censored || random.int(0...9) == 0 ? nil : random.int(1...60)
        let record = Record(line: line, values: [
            person.map(Value.text) ?? .missing, office.map(Value.text) ?? .missing, date.map(Value.date) ?? .missing,
            censored ? .censored(below: 5) : (age.map(Value.integer) ?? .missing), .missing, .missing, .missing,
        ])
        return Row(person: person, office: office, date: date, age: age, censored: censored, record: record)
    }

    /// Filters as text and as a plain Swift predicate.
    static let filters: [(String?, @Sendable (Row) -> Bool)] = [
        (nil, { _ in true }),
        ("age < 18", { ($0.age ?? 999) < 18 }),
        ("office == 'Mumbai' or office is missing", { $0.office == "Mumbai" || $0.office == nil }),
        ("not (age >= 30) and year(date) != 2005", { !(($0.age ?? -1) >= 30) && $0.date.map { $0.year != 2005 } ?? false }),
        ("office in ['Delhi', 'Kolkata'] and person_id is not missing", { ["Delhi", "Kolkata"].contains($0.office ?? "") && $0.person != nil }),
    ]

    func testEngineAgreesWithANaiveRecomputation() throws {
        var random = Random(state: 20_240_601)
        for trial in 0..<400 {
            let rows = (0..<random.int(0...80)).map { Self.randomRow(&random, line: $0 + 2) }
            let (filterText, predicate) = Self.filters[random.int(0...(Self.filters.count - 1))]
            let since = random.int(0...2) == 0 ? nil : Day(year: random.int(1998...2004), month: random.int(1...12), day: 1)
            let until = Day(year: random.int(2006...2012), month: 12, day: 31)!
            let period = ReportingPeriod(since: since, until: until)
            var common = [("from", "rescues")]
            if let filterText { common.append(("where", filterText)) }
            let definitions = [
                try defineMetric("rows", common + [("count", "rows"), ("by", "year(date)")]),
                try defineMetric("persons", common + [("count_distinct", "person_id"), ("by", "year(date)")]),
                try defineMetric("ages", common + [("sum", "age"), ("periods", "quarter")]),
                try defineMetric("persons_by_office", common + [("count_distinct", "person_id"), ("by", "office")]),
                try defineMetric("median_age", common + [("median", "age")]),
                // Months: windows of up to 15 years, past the 64 periods a per-key mask holds.
                try defineMetric("persons_monthly", common + [("count_distinct", "person_id"), ("periods", "month")]),
            ]
            let results = try runMetrics(definitions, rescues: rows.map(\.record), period: period)
            let context = "trial \(trial)"

            // Naive: keep rows in the window that pass the filter.
            let kept = rows.filter { row in
                guard let date = row.date, date <= until else { return false }
                if let since, date < since { return false }
                return predicate(row)
            }
            let byYear = Dictionary(grouping: kept) { $0.date?.year ?? 0 }
            let years = byYear.keys.sorted()
            XCTAssertEqual(results["rows"]?.value, Double(kept.count), context)
            XCTAssertEqual(results["rows"]?.series.map(\.value), years.map { Double(byYear[$0]?.count ?? 0) }, context)
            XCTAssertEqual(results["rows"]?.series.map(\.value).reduce(0, +), Double(kept.count), context)

            let persons = Set(kept.compactMap(\.person))
            XCTAssertEqual(results["persons"]?.value, Double(persons.count), context)
            let perYear = years.map { year in Double(Set(byYear[year]?.compactMap(\.person) ?? []).count) }
            XCTAssertEqual(results["persons"]?.series.map(\.value), perYear.filter { $0 > 0 }, context)
            var firstYear: [String: Int] = [:]
            for row in kept { if let p = row.person, let y = row.date?.year { firstYear[p] = min(firstYear[p] ?? Int.max, y) } }
            let yearsWithPersons = years.filter { year in byYear[year]?.contains { $0.person != nil } ?? false }
            let cumulative = yearsWithPersons.map { year in Double(firstYear.values.filter { $0 <= year }.count) }
            XCTAssertEqual(results["persons"]?.cumulative.map(\.value), cumulative, context)
            // `by: year(date)` gives a table by year as well as the series: the same periods.
            XCTAssertEqual(groups(results["rows"]?.groups ?? []), years.map { "\($0)=\(byYear[$0]?.count ?? 0)" }, context)
            XCTAssertEqual(groups(results["persons"]?.groups ?? []),
                           zip(years, perYear).filter { $0.1 > 0 }.map { "\($0.0)=\(Int($0.1))" }, context)

            let byMonth = Dictionary(grouping: kept.filter { $0.person != nil }) { ($0.date?.year ?? 0) * 12 + ($0.date?.month ?? 0) }
            XCTAssertEqual(results["persons_monthly"]?.value, Double(persons.count), context)
            XCTAssertEqual(results["persons_monthly"]?.series.map(\.value),
                           byMonth.keys.sorted().map { Double(Set(byMonth[$0]?.compactMap(\.person) ?? []).count) }, context)
            var firstMonth: [String: Int] = [:]
            for (month, monthRows) in byMonth { for p in monthRows.compactMap(\.person) { firstMonth[p] = min(firstMonth[p] ?? Int.max, month) } }
            XCTAssertEqual(results["persons_monthly"]?.cumulative.map(\.value),
                           byMonth.keys.sorted().map { month in Double(firstMonth.values.filter { $0 <= month }.count) }, context)

            let ages = kept.compactMap(\.age)
            XCTAssertEqual(results["ages"]?.value, Double(ages.reduce(0, +)), context)
            XCTAssertEqual(results["ages"]?.series.map(\.value).reduce(0, +), Double(ages.reduce(0, +)), context)
            XCTAssertEqual(results["ages"]?.cumulative.last?.value ?? 0, Double(ages.reduce(0, +)), context)

            var officePersons: [String: Set<String>] = [:]
            for row in kept { if let p = row.person { officePersons[row.office ?? "(missing)", default: []].insert(p) } }
            let expectedGroups = officePersons.map { "\($0.key)=\($0.value.count)" }.sorted()
            XCTAssertEqual(groups(results["persons_by_office"]?.groups ?? []).sorted(), expectedGroups, context)

            let sorted = ages.sorted()
            let median: Double? = sorted.isEmpty ? nil : sorted.count % 2 == 1
                ? Double(sorted[sorted.count / 2]) : Double(sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            XCTAssertEqual(results["median_age"]?.value, median, context)
            XCTAssertEqual(results["rows"]?.provenance.rowsMatched, kept.count, context)
        }
    }

    /// Engines that folded pieces of the rows, merged (each still holding keys it
    /// had not interned yet: distinct counts intern in batches), give what one
    /// engine folding every row gives; so do engines flushed before the merge (the
    /// merge takes the other engine's states and keeps the larger key table).
    func testEnginesMergedInPiecesAgreeWithOneEngine() throws {
        var random = Random(state: 77_001)
        let definitions = [
            try defineMetric("persons", [("from", "rescues"), ("count_distinct", "person_id"), ("by", "year(date)")]),
            try defineMetric("persons_by_office", [("from", "rescues"), ("count_distinct", "person_id"), ("by", "office")]),
            try defineMetric("minors", [("from", "rescues"), ("where", "age < 18"), ("count_distinct", "person_id")]),
            try defineMetric("rows", [("from", "rescues"), ("count", "rows"), ("by", "office")]),
        ]
        let period = ReportingPeriod(since: Day(year: 1998, month: 1, day: 1), until: Day(year: 2013, month: 12, day: 31)!)
        let schemas = ["rescues": Fixture.rescues, "suspects": Fixture.suspects]
        for trial in 0..<30 {
            let rows = (0..<random.int(0...400)).map { Self.randomRow(&random, line: $0 + 2).record }
            var whole = try MetricEngine(definitions: definitions, schemas: schemas, period: period)
            for record in rows { whole.fold(source: "rescues", record: record) }
            let expected = whole.results()
            let cuts = [0, random.int(0...rows.count), rows.count].sorted()
            let template = try MetricEngine(definitions: definitions, schemas: schemas, period: period)
            for flushFirst in [false, true] {
                var pieces = [template, template]
                for k in 0..<2 { for record in rows[cuts[k]..<cuts[k + 1]] { pieces[k].fold(source: "rescues", record: record) } }
                if flushFirst { for k in pieces.indices { pieces[k].flushPending() } }
                // The second piece's states are taken: the larger key table is kept, whichever
                // piece it is (here shared with `pieces`, which must not change).
                var merged = pieces[0]
                var given = pieces[1]
                let secondBefore = pieces[1].results()
                merged.merge(source: "rescues", taking: &given)
                XCTAssertFalse(merged.hasPending, "trial \(trial)")
                XCTAssertEqual(merged.results(), expected, "trial \(trial), \(rows.count) rows cut at \(cuts[1]), flushed first: \(flushFirst)")
                XCTAssertEqual(pieces[1].results(), secondBefore, "the copy taken from is the caller's own")
            }
        }
    }

    /// The parts of a split source fold into copies of one `sharingDistinctKeys`
    /// engine, side by side (their distinct counts hand keys to tables they share,
    /// by period and by the shared registry's group ids): merged in file order, they
    /// give what one engine folding every row gives, whatever the cuts and the
    /// order in which the parts happened to hand their keys over.
    func testPartsSharingDistinctKeysAgreeWithOneEngine() throws {
        var random = Random(state: 91_017)
        let definitions = [
            try defineMetric("persons", [("from", "rescues"), ("count_distinct", "person_id"), ("by", "year(date)")]),
            try defineMetric("persons_by_office", [("from", "rescues"), ("count_distinct", "person_id"), ("by", "office")]),
            try defineMetric("persons_by_office_year", [("from", "rescues"), ("count_distinct", "person_id"),
                                                        ("by", "office, year(date)")]),
            try defineMetric("minors", [("from", "rescues"), ("where", "age < 18"), ("count_distinct", "person_id"),
                                        ("periods", "month")]),
            try defineMetric("rows", [("from", "rescues"), ("count", "rows"), ("by", "office")]),
        ]
        let period = ReportingPeriod(since: Day(year: 1998, month: 1, day: 1), until: Day(year: 2013, month: 12, day: 31)!)
        let schemas = ["rescues": Fixture.rescues, "suspects": Fixture.suspects]
        let template = try MetricEngine(definitions: definitions, schemas: schemas, period: period)
        for trial in 0..<30 {
            let rows = (0..<random.int(0...600)).map { Self.randomRow(&random, line: $0 + 2).record }
            var whole = template
            for record in rows { whole.fold(source: "rescues", record: record) }
            let expected = whole.results()
            let cuts = [0] + [random.int(0...rows.count), random.int(0...rows.count)].sorted() + [rows.count]
            let shared = template.sharingDistinctKeys(over: "rescues")
            let pieces = (0..<3).map { _ in EngineSlot(shared) }
            DispatchQueue.concurrentPerform(iterations: 3) { k in
                for record in rows[cuts[k]..<cuts[k + 1]] { pieces[k].engine.fold(source: "rescues", record: record) }
            }
            var merged = pieces[0].engine
            for k in 1..<3 { merged.merge(source: "rescues", taking: &pieces[k].engine) }
            XCTAssertFalse(merged.hasPending, "trial \(trial)")
            XCTAssertEqual(merged.results(), expected, "trial \(trial), \(rows.count) rows cut at \(cuts[1]), \(cuts[2])")
            XCTAssertEqual(merged.results(), expected, "reading the results again changes nothing, trial \(trial)")
        }
    }
}

/// One part's engine, folded on a thread of its own in `testPartsSharingDistinctKeysAgreeWithOneEngine`.
private final class EngineSlot: @unchecked Sendable {
    var engine: MetricEngine
    init(_ engine: MetricEngine) { self.engine = engine }
}
