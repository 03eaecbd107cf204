import Foundation
import XCTest

final class ValidateAndQueryTests: XCTestCase {
    private let pipeline = "pipelines/mumbai-brochure.yml"

    func testValidateGroupsFindingsByCheckAndTheLimitDecidesTheExitStatus() throws {
        let strict = try BinaryRunner.run(["validate", pipeline, "--as-of", "2019-12-31"])
        XCTAssertEqual(strict.status, 1, "two rejected rows are beyond the default limit of none")
        XCTAssertTrue(strict.stdout.contains("rescues: type (error): 1 finding"), strict.stdout)
        XCTAssertTrue(strict.stdout.contains("fixtures/mumbai/rescues.csv:401: error: field 'date'"), strict.stdout)
        XCTAssertTrue(strict.stdout.contains("fixtures/mumbai/rescues.csv:483: error: field 'age'"), strict.stdout)
        XCTAssertEqual(try BinaryRunner.run(["validate", pipeline, "--as-of", "2019-12-31", "--max-rejected", "2"]).status, 0)
        XCTAssertEqual(try BinaryRunner.run(["validate", pipeline, "--as-of", "2019-12-31", "--max-rejected", "1"]).status, 1)
        XCTAssertEqual(try BinaryRunner.run(["validate", pipeline, "--as-of", "2019-12-31", "--max-rejected", "1%"]).status, 0)
        XCTAssertEqual(try BinaryRunner.run(["validate", pipeline, "--max-rejected", "lots"]).status, 64)
    }

    func testAPipelineMistakeIsReportedAtItsLine() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = folder.appendingPathComponent("typo.yml")
        try """
        name: typo
        sources:
          rescues:
            path: r.csv
            colums: { person_id: Ref }
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["validate", file.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("typo.yml:5"), result.stderr)
        XCTAssertTrue(result.stderr.contains("colums"), result.stderr)
    }

    func testQueryOnAPipelineSourceUsesItsMappingChecksAndWhere() throws {
        let result = try BinaryRunner.run(["query", "rescues", "--pipeline", pipeline, "--as-of", "2019-12-31",
                                           "--distinct", "person_id", "--by", "office", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 1, "the source's where keeps Mumbai only")
        XCTAssertEqual(rows.first?["office"] as? String, "Mumbai")
        XCTAssertTrue(result.stderr.contains("2 of 681 rows rejected"), result.stderr)
    }

    func testQueryFiguresAgreeWithMiller() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/mlr") else {
            throw XCTSkip("mlr (Debian package miller) is not installed; skipping the cross-check")
        }
        let ours = try BinaryRunner.run(["query", "fixtures/mumbai/trainings.tsv", "--sum", "attendees", "--count",
                                         "--by", "office", "--format", "csv"])
        XCTAssertEqual(ours.status, 0, ours.stderr)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/mlr")
        // Miller reads "1,200" as text: strip the thousands separators first.
        process.arguments = ["--icsv", "--ifs", "tab", "--ocsv", "put", "$Attendees = int(gsub(string($Attendees), \",\", \"\"))",
                             "then", "stats1", "-a", "count,sum", "-f", "Attendees", "-g", "Office",
                             "then", "sort", "-f", "Office", "fixtures/mumbai/trainings.tsv"]
        process.currentDirectoryURL = BinaryRunner.packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let theirs = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // ours: office,count,sum(attendees); theirs: Office,Attendees_count,Attendees_sum
        let ourRows = ours.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let theirRows = theirs.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        XCTAssertEqual(ourRows.count, 2)
        XCTAssertEqual(ourRows, theirRows, "impact:\n\(ours.stdout)\nmlr:\n\(theirs)")
    }

    func testQueryOnARawExportNamesFieldsFromTheHeaderAndPointsAtAFilterMistake() throws {
        let result = try BinaryRunner.run(["query", "fixtures/mumbai/rescues.csv", "--where", "age_at_rescue <", "--format", "csv"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--where"), result.stderr)
        XCTAssertTrue(result.stderr.contains("column"), result.stderr)
        let ok = try BinaryRunner.run(["query", "fixtures/mumbai/rescues.csv", "--by", "year(rescued_on)",
                                       "--where", "office == \"Mumbai\" and year(rescued_on) == 2013", "--format", "csv"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stdout.split(separator: "\r\n").first, "year(rescued_on),count")
    }

    func testQueryOnARawExportReadsOnlyTheFieldsItNames() throws {
        // given: 40 rows, one of them with an age that is not a number.
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = folder.appendingPathComponent("rescues.csv")
        var text = "office,age,rescued_on\n"
        for n in 0..<40 { text += "\(n % 4 == 0 ? "Pune" : "Mumbai"),\(n == 7 ? "twelve" : String(10 + n % 20)),2015-03-0\(1 + n % 9)\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        // A count by office does not read the age: the row counts.
        let byOffice = try BinaryRunner.run(["query", file.path, "--by", "office", "--format", "csv"])
        XCTAssertEqual(byOffice.status, 0, byOffice.stderr)
        XCTAssertEqual(byOffice.stdout, "office,count\r\nMumbai,30\r\nPune,10\r\n")
        XCTAssertFalse(byOffice.stderr.contains("rejected"), byOffice.stderr)
        // A filter on the age reads it: that row is rejected, and said so.
        let minors = try BinaryRunner.run(["query", file.path, "--by", "office", "--where", "age < 18", "--format", "csv"])
        XCTAssertEqual(minors.status, 0, minors.stderr)
        XCTAssertTrue(minors.stderr.contains("1 of 40 rows rejected"), minors.stderr)
    }

    func testQueryOnARawExportPrintsNoIdentifyingLabelsUnlessAsked() throws {
        // given: an export with survivors' names beside the office.
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = folder.appendingPathComponent("rescues.csv")
        var text = "Survivor Name,office,rescued_on\n"
        for n in 0..<12 { text += "Asha Kumari \(n % 5),\(n % 3 == 0 ? "Pune" : "Mumbai"),2015-03-0\(1 + n % 9)\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        // A breakdown by the name would print the names: refused, saying what to do instead.
        let byName = try BinaryRunner.run(["query", file.path, "--by", "office,survivor_name", "--format", "csv"])
        XCTAssertEqual(byName.status, 2, byName.stdout)
        XCTAssertFalse(byName.stdout.contains("Asha"), byName.stdout)
        XCTAssertTrue(byName.stderr.contains("rescues.csv: --by: 'survivor_name'"), byName.stderr)
        XCTAssertTrue(byName.stderr.contains("'Survivor Name'"), byName.stderr)
        XCTAssertTrue(byName.stderr.contains("--distinct survivor_name"), byName.stderr)
        XCTAssertTrue(byName.stderr.contains("--show-identifying"), byName.stderr)
        // Counting the names prints none of them.
        let counted = try BinaryRunner.run(["query", file.path, "--distinct", "survivor_name", "--by", "office", "--format", "csv"])
        XCTAssertEqual(counted.status, 0, counted.stderr)
        XCTAssertEqual(counted.stdout, "office,count_distinct(survivor_name)\r\nMumbai,5\r\nPune,4\r\n")
        // Asked for in so many words, the names are printed.
        let shown = try BinaryRunner.run(["query", file.path, "--by", "survivor_name", "--show-identifying", "--format", "csv"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("Asha Kumari 0,3"), shown.stdout)
    }

    func testAnExportThatCannotBeReadWholeStopsTheRunInsteadOfPublishingPartOfIt() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        // A JSON Lines export declared as CSV: its header cannot be read, and nothing after it would be.
        try "{\"id\": \"P1\", \"date\": \"2015-01-01\"}\n{\"id\": \"P2\", \"date\": \"2015-01-02\"}\n"
            .write(to: folder.appendingPathComponent("r.jsonl"), atomically: true, encoding: .utf8)
        try "name: whole\nsources:\n  rescues: { path: r.jsonl, format: csv, columns: { person_id: id } }\n"
            .write(to: folder.appendingPathComponent("p.yml"), atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["run", folder.appendingPathComponent("p.yml").path, "--as-of", "2019-12-31",
                                           "--out", folder.appendingPathComponent("out").path])
        XCTAssertEqual(result.status, 2, result.stdout)
        XCTAssertTrue(result.stderr.contains("could not be read whole"), result.stderr)
        XCTAssertTrue(result.stderr.contains("r.jsonl:1"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/figures.json").path))
    }
}

/// A breakdown keyed by something like a person's id is refused past the limit.
final class GroupLimitTests: XCTestCase {
    func testQueryAndRunRefuseABreakdownPastTheLimit() throws {
        let query = try BinaryRunner.run(["query", "fixtures/mumbai/rescues.csv", "--by", "survivor_no", "--max-groups", "100"])
        XCTAssertEqual(query.status, 2)
        XCTAssertTrue(query.stderr.contains("more than 100 groups"), query.stderr)
        XCTAssertEqual(query.stdout, "", "no partial table is printed")

        let folder = try BinaryRunner.temporaryFolder(self)
        let source = BinaryRunner.packageRoot.appendingPathComponent("fixtures/mumbai/rescues.csv").path
        try """
        name: limits
        limits: { max_groups: 50 }
        date_format: dd/MM/yyyy
        sources:
          rescues: { path: \(source), columns: { person_id: Survivor No, date: Rescued On, age: Age at rescue } }
        metrics:
          per_person: { count: rows, from: rescues, by: person_id }
        """.write(to: folder.appendingPathComponent("p.yml"), atomically: true, encoding: .utf8)
        let run = try BinaryRunner.run(["run", folder.appendingPathComponent("p.yml").path, "--as-of", "2019-12-31",
                                        "--out", folder.appendingPathComponent("out").path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("'per_person' has more than 50 groups"), run.stderr)
    }
}
