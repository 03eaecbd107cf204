import Foundation
import XCTest

/// `impact export --sqlite`: an analyst's sqlite3 gives the same figures as `impact query`.
final class ExportTests: XCTestCase {
    private let pipeline = "pipelines/mumbai-brochure.yml"

    private func sqlite3() throws -> URL {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("sqlite3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw XCTSkip("sqlite3 is not installed (apt-get install sqlite3); the export is not checked against it")
    }

    /// Rows of `sqlite3 -list -separator , FILE SQL` (no quoting: the values compared hold no comma).
    private func select(_ file: URL, _ sql: String) throws -> [String] {
        let process = Process()
        process.executableURL = try sqlite3()
        process.arguments = ["-list", "-separator", ",", file.path, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "sqlite3 failed on: \(sql)")
        return lines(String(decoding: data, as: UTF8.self))
    }

    private func lines(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
    }

    private func export(to file: URL) throws {
        let result = try BinaryRunner.run(["export", pipeline, "--sqlite", file.path, "--as-of", "2019-12-31"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("wrote \(file.path): 3 source tables and figures (4 metrics)"), result.stdout)
    }

    private func query(_ arguments: [String]) throws -> [String] {
        let result = try BinaryRunner.run(["query"] + arguments + ["--pipeline", pipeline, "--format", "csv", "--as-of", "2019-12-31"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return Array(lines(result.stdout).dropFirst())
    }

    func testSQLiteGivesTheSameFiguresAsQuery() throws {
        _ = try sqlite3()
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = folder.appendingPathComponent("mumbai.sqlite")
        try export(to: file)
        let cases: [(sql: String, query: [String])] = [
            ("select strftime('%Y', date) as y, count(distinct person_id) from rescues where date is not null group by y order by y",
             ["rescues", "--distinct", "person_id", "--by", "year(date)", "--where", "date is not missing"]),
            ("select verdict, count(*) from suspects group by verdict order by verdict",
             ["suspects", "--count", "--by", "verdict", "--where", "verdict is not missing"]),
            ("select audience, sum(participants) from trainings group by audience order by audience",
             ["trainings", "--sum", "participants", "--by", "audience", "--where", "audience is not missing"]),
            ("select count(*) from rescues where age < 18", ["rescues", "--count", "--where", "age < 18"]),
        ]
        for (sql, arguments) in cases {
            XCTAssertEqual(try select(file, sql), try query(arguments), sql)
        }
        // The figures table holds the run's metrics: 647 survivors since 2000 as of 2019.
        XCTAssertEqual(try select(file, "select metric, cast(value as integer) from figures where period is null and group_keys is null order by rowid"),
                       ["survivors_rescued,647", "criminals_restrained,178", "convictions,66", "officials_trained,24861"])
        XCTAssertEqual(try query(["rescues", "--distinct", "person_id", "--where", #"date >= "2000-01-01" and date <= "2019-12-31""#]), ["647"])
    }

    func testTablesHaveTypesAndIndexesAndNoIdentifyingColumn() throws {
        _ = try sqlite3()
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = folder.appendingPathComponent("mumbai.sqlite")
        try export(to: file)
        let columns = try select(file, "select name || ':' || type from pragma_table_info('rescues') order by cid")
        XCTAssertEqual(Array(columns.prefix(3)), ["line:INTEGER", "person_id:TEXT", "case_id:TEXT"])
        XCTAssertTrue(columns.contains("age:INTEGER"), "\(columns)")
        XCTAssertTrue(columns.contains("date:TEXT"), "\(columns)")
        for column in columns {
            XCTAssertFalse(["survivor", "mobile", "notes", "name"].contains { column.lowercased().hasPrefix($0) }, column)
        }
        let indexes = try select(file, "select name from sqlite_master where type = 'index' and tbl_name = 'rescues' order by name")
        XCTAssertTrue(indexes.contains("rescues_person_id") && indexes.contains("rescues_date"), "\(indexes)")
    }

    func testReRunningReplacesTheFileAndABadPipelineLeavesItAlone() throws {
        _ = try sqlite3()
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = folder.appendingPathComponent("mumbai.sqlite")
        try "not a database".write(to: file, atomically: true, encoding: .utf8)
        try export(to: file)
        try export(to: file)
        XCTAssertEqual(try select(file, "select count(*) from rescues"), ["669"])
        let before = try Data(contentsOf: file)
        let broken = folder.appendingPathComponent("broken.yml")
        try "name: x\nsources:\n  rescues: { kind: rescues, path: nowhere.csv, columns: { person_id: id } }\n".write(to: broken, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["export", broken.path, "--sqlite", file.path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(try Data(contentsOf: file), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["broken.yml", "mumbai.sqlite"])
    }
}
