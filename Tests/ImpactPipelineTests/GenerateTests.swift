import Foundation
import XCTest
@testable import ImpactPipeline

final class GenerateTests: XCTestCase {
    func testSplitMix64MatchesThePublishedSequenceForSeedZero() {
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual([rng.next(), rng.next(), rng.next()],
                       [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    func testTheSameSeedWritesTheSameBytesAndAnotherSeedOtherBytes() throws {
        let options = GenerateOptions(rows: 3000, seed: 42, messy: true, jsonLines: true)
        let (first, summary) = try GenerateFixture.generate(self, options)
        let (second, _) = try GenerateFixture.generate(self, options)
        XCTAssertEqual(summary.files.map(\.name),
                       ["rescues.csv", "rescues.jsonl", "suspects.csv", "suspects.jsonl", "trainings.csv", "trainings.jsonl"])
        for file in summary.files {
            XCTAssertEqual(try GenerateFixture.read(first, file.name), try GenerateFixture.read(second, file.name), file.name)
        }
        var other = options
        other.seed = 43
        let (third, _) = try GenerateFixture.generate(self, other)
        XCTAssertNotEqual(try GenerateFixture.read(first, "rescues.csv"), try GenerateFixture.read(third, "rescues.csv"))
    }

    func testRowCountsAndHeaders() throws {
        let given: [(rows: Int, trainings: Int)] = [(1, 1), (7, 1), (8, 2), (1000, 143)]
        for (rows, trainings) in given {
            let (path, summary) = try GenerateFixture.generate(self, GenerateOptions(rows: rows, seed: 9, jsonLines: true))
            let rescues = RFC4180(try GenerateFixture.read(path, "rescues.csv"))
            XCTAssertEqual(rescues.records.first, ["person_id", "case_id", "operation_id", "office", "date", "age", "sex", "origin", "place"])
            XCTAssertEqual(rescues.records.count - 1, rows, "rescue rows for --rows \(rows)")
            let suspects = RFC4180(try GenerateFixture.read(path, "suspects.csv"))
            let sessions = RFC4180(try GenerateFixture.read(path, "trainings.csv"))
            XCTAssertEqual(sessions.records.count - 1, trainings)
            let counts = Dictionary(uniqueKeysWithValues: summary.files.map { ($0.name, $0.rows) })
            XCTAssertEqual(counts["suspects.csv"], suspects.records.count - 1)
            XCTAssertEqual(counts["trainings.csv"], trainings)
            for name in ["rescues", "suspects", "trainings"] {
                let lines = try GenerateFixture.read(path, name + ".jsonl").split(separator: 0x0A)
                XCTAssertEqual(lines.count, counts[name + ".csv"], name + ".jsonl")
            }
        }
    }

    func testSuspectsAreAboutAThirdOfRescuesAndShareTheirCases() throws {
        let (path, summary) = try GenerateFixture.generate(self, GenerateOptions(rows: 20_000, seed: 5))
        let rescues = RFC4180(try GenerateFixture.read(path, "rescues.csv")).records.dropFirst()
        let suspects = RFC4180(try GenerateFixture.read(path, "suspects.csv")).records.dropFirst()
        XCTAssert((4_000...8_000).contains(suspects.count), "suspects: \(suspects.count)")
        let cases = Set(rescues.map { $0[1] })
        XCTAssert(suspects.allSatisfy { cases.contains($0[1]) }, "every suspect's case_id is a rescue case")
        XCTAssertEqual(Set(suspects.map { $0[0] }).count, summary.distinctSuspects)
    }

    func testAboutThirtyPercentOfRowsAreNewPersons() throws {
        let (path, summary) = try GenerateFixture.generate(self, GenerateOptions(rows: 20_000, seed: 1, sources: [.rescues]))
        let rows = RFC4180(try GenerateFixture.read(path, "rescues.csv")).records.dropFirst()
        let persons = Set(rows.map { $0[0] })
        XCTAssertEqual(persons.count, summary.distinctPersons)
        XCTAssert((5_000...7_000).contains(persons.count), "distinct persons: \(persons.count)")
        // A person keeps their sex and origin on every row.
        var traits: [String: [String]] = [:]
        for row in rows {
            let seen = traits[row[0], default: [row[6], row[7]]]
            XCTAssertEqual(seen, [row[6], row[7]], row[0])
            traits[row[0]] = seen
        }
    }

    func testValuesLookLikeRescueData() throws {
        let (path, _) = try GenerateFixture.generate(self, GenerateOptions(rows: 20_000, seed: 3, sources: [.rescues]))
        let rows = RFC4180(try GenerateFixture.read(path, "rescues.csv")).records.dropFirst()
        let years = rows.compactMap { Int($0[4].prefix(4)) }
        XCTAssertEqual(years.count, rows.count)
        XCTAssert(years.allSatisfy { (2000...2025).contains($0) })
        XCTAssertGreaterThan(years.filter { $0 >= 2020 }.count, 4 * years.filter { $0 <= 2005 }.count, "rescues grow")
        let ages = rows.compactMap { Int($0[5]) }
        let missing = rows.filter { $0[5].isEmpty }.count
        XCTAssert((50...400).contains(missing), "missing ages: \(missing)")
        XCTAssertGreaterThan(ages.filter { (12...30).contains($0) }.count, ages.count * 8 / 10, "ages mostly 12-30")
        XCTAssertEqual(Set(rows.map { $0[3] }).count, 12, "a dozen offices")
        XCTAssertEqual(Set(rows.map { $0[6] }), ["F", "M"])
        XCTAssertEqual(Set(rows.map { $0[8] }), ["brothel", "bar", "hotel", "private network", "online"])
        XCTAssert(rows.contains { $0[7] == "Nepal" } && rows.contains { $0[7] == "Bangladesh" }, "cross-border origins")
    }

    func testASourceDoesNotDependOnWhichOthersAreWritten() throws {
        let (all, _) = try GenerateFixture.generate(self, GenerateOptions(rows: 2000, seed: 11, jsonLines: true))
        let (alone, _) = try GenerateFixture.generate(self, GenerateOptions(rows: 2000, seed: 11, sources: [.suspects]))
        XCTAssertEqual(try GenerateFixture.read(all, "suspects.csv"), try GenerateFixture.read(alone, "suspects.csv"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: alone + "/rescues.csv"))
    }

    func testJSONLinesHoldTheSameRecordsAsTheCSV() throws {
        let (path, _) = try GenerateFixture.generate(self, GenerateOptions(rows: 500, seed: 2, jsonLines: true, sources: [.rescues]))
        let csv = RFC4180(try GenerateFixture.read(path, "rescues.csv")).records
        let header = csv[0]
        let lines = try GenerateFixture.read(path, "rescues.jsonl").split(separator: 0x0A)
        for (row, line) in zip(csv.dropFirst(), lines) {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            XCTAssertEqual(Set(object.keys), Set(header))
            for (key, value) in zip(header, row) {
                let json = object[key]
                let text = json is NSNull ? "" : (json as? String) ?? (json as? NSNumber).map { "\($0)" } ?? "?"
                XCTAssertEqual(text, value, key)
            }
        }
    }

    /// `--extra-columns`: a wide export whose first columns are the narrow one's, byte
    /// for byte, in CSV (messy: CRLF, quotes) and in JSON Lines.
    func testExtraColumnsLeaveTheOtherColumnsAsTheyWere() throws {
        let narrowOptions = GenerateOptions(rows: 800, seed: 4, messy: true, jsonLines: true, sources: [.rescues])
        var wideOptions = narrowOptions
        wideOptions.extraColumns = 12
        let (narrow, _) = try GenerateFixture.generate(self, narrowOptions)
        let (wide, _) = try GenerateFixture.generate(self, wideOptions)
        let narrowRows = RFC4180(try GenerateFixture.read(narrow, "rescues.csv")).records
        let wideCSV = RFC4180(try GenerateFixture.read(wide, "rescues.csv"))
        XCTAssertNil(wideCSV.error)
        XCTAssertTrue(wideCSV.everyLineEndIsCRLF)
        XCTAssertEqual(wideCSV.records.count, narrowRows.count)
        XCTAssertEqual(wideCSV.records[0].suffix(12), ArraySlice((1...12).map { String(format: "indicator_%03d", $0) }))
        for (w, n) in zip(wideCSV.records, narrowRows) {
            XCTAssertEqual(w.count, n.count + 12)
            XCTAssertEqual(Array(w.prefix(n.count)), n)
        }
        let answers = Set(wideCSV.records.dropFirst().map { $0[narrowRows[0].count] })
        XCTAssertEqual(answers, ["yes", "no", "unknown"])
        XCTAssertTrue(wideCSV.records.dropFirst().allSatisfy { (Int($0[narrowRows[0].count + 1]) ?? -1) >= 0 })
        let narrowJSON = try GenerateFixture.read(narrow, "rescues.jsonl").split(separator: 0x0A)
        let wideJSON = try GenerateFixture.read(wide, "rescues.jsonl").split(separator: 0x0A)
        XCTAssertEqual(wideJSON.count, narrowJSON.count)
        for (w, n) in zip(wideJSON, narrowJSON) {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(w)) as? [String: Any])
            XCTAssertEqual(object.count, Set(wideCSV.records[0]).count)
            XCTAssertTrue(Data(w).starts(with: Data(n.dropLast())), "the narrow record's keys come first")
        }
    }

    func testUUIDPersonIDsReplaceOnlyThePersonColumnOnePerPerson() throws {
        let plainOptions = GenerateOptions(rows: 3000, seed: 5, messy: true, jsonLines: true, sources: [.rescues])
        var uuidOptions = plainOptions
        uuidOptions.uuidIDs = true
        let (plain, _) = try GenerateFixture.generate(self, plainOptions)
        let (uuid, summary) = try GenerateFixture.generate(self, uuidOptions)
        let plainRows = RFC4180(try GenerateFixture.read(plain, "rescues.csv")).records
        let uuidRows = RFC4180(try GenerateFixture.read(uuid, "rescues.csv")).records
        XCTAssertEqual(uuidRows.count, plainRows.count)
        XCTAssertEqual(uuidRows[0], plainRows[0], "the same header")
        let form = try NSRegularExpression(pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        var idOf: [String: String] = [:]
        for (u, p) in zip(uuidRows.dropFirst(), plainRows.dropFirst()) {
            XCTAssertEqual(Array(u.dropFirst()), Array(p.dropFirst()), "only the person column differs")
            XCTAssertEqual(form.numberOfMatches(in: u[0], range: NSRange(u[0].startIndex..., in: u[0])), 1, u[0])
            // One UUID per person: a repeat rescue repeats it.
            XCTAssertEqual(idOf[p[0], default: u[0]], u[0], p[0])
            idOf[p[0]] = u[0]
        }
        XCTAssertEqual(Set(idOf.values).count, summary.distinctPersons)
        XCTAssertEqual(idOf.count, summary.distinctPersons)
        let lines = try GenerateFixture.read(uuid, "rescues.jsonl").split(separator: 0x0A)
        for (line, row) in zip(lines, uuidRows.dropFirst()) {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            XCTAssertEqual(object["person_id"] as? String, row[0])
        }
    }

    func testBadOptionsAreRefusedBeforeAnyFileIsWritten() throws {
        let path = try GenerateFixture.directory(self)
        for options in [GenerateOptions(rows: 0), GenerateOptions(rows: 5, sources: []), GenerateOptions(rows: 5, newPersonShare: 0),
                        GenerateOptions(rows: 5, extraColumns: -1), GenerateOptions(rows: 5, extraColumns: 1001)] {
            XCTAssertThrowsError(try ExportGenerator(options: options).run(into: path))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}
