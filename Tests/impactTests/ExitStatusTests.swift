import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Each documented exit status of `impact run`, as a cron job sees it.
final class ExitStatusTests: XCTestCase {
    private let pipeline = "pipelines/mumbai-brochure.yml"

    private func run(_ folder: URL, _ extra: [String]) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["run", pipeline, "--out", folder.path, "--as-of", "2019-12-31"] + extra)
    }

    func testHelpDocumentsEveryStatus() throws {
        let help = try BinaryRunner.run(["run", "--help"])
        let lines: [(Int, String)] = [(0, "done"), (1, "done, but rejected rows"), (2, "configuration error"),
                                      (3, "a cumulative figure would shrink"), (4, "another run holds"), (64, "usage error")]
        for (status, meaning) in lines {
            let pattern = "(?m)^\\s+\(status)\\s+" + NSRegularExpression.escapedPattern(for: meaning)
            XCTAssertNotNil(help.stdout.range(of: pattern, options: .regularExpression), "run --help lacks \(status) \(meaning)")
        }
    }

    func testZeroWhenDone() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let result = try run(folder, [])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("figures.json").path))
    }

    func testOneWhenMoreRowsAreRejectedThanAllowed() throws {
        // The rescues export has 2 rejected rows.
        let cases: [(limit: String, status: Int32)] = [("1", 1), ("2", 0), ("0.1%", 1), ("1%", 0)]
        for (limit, status) in cases {
            let folder = try BinaryRunner.temporaryFolder(self)
            let result = try run(folder, ["--max-rejected", limit])
            XCTAssertEqual(result.status, status, "--max-rejected \(limit): \(result.stderr)")
            // Done either way: the report is written.
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("factsheet.html").path))
            if status == 1 { XCTAssertTrue(result.stderr.contains("2 of 974 rows rejected"), result.stderr) }
        }
    }

    func testTwoForABadPipelineOrAMissingInput() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let cases: [(yaml: String, says: String)] = [
            ("name: x\nsources:\n  rescues: { kind: rescues, path: nowhere.csv, columns: { person_id: id } }\n", "nowhere.csv"),
            ("name: x\nsourcez: {}\n", "unknown key 'sourcez'"),
        ]
        for (yaml, says) in cases {
            let file = folder.appendingPathComponent("bad.yml")
            try yaml.write(to: file, atomically: true, encoding: .utf8)
            let result = try BinaryRunner.run(["run", file.path, "--out", folder.appendingPathComponent("out").path, "--as-of", "2019-12-31"])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains(says), result.stderr)
        }
    }

    func testThreeWhenACumulativeFigureWouldShrinkUnlessAllowed() throws {
        let workspace = try MonthlyWorkspace(self)
        let figures = workspace.out.appendingPathComponent("figures.json")
        XCTAssertEqual(try workspace.run(["--as-of", "2019-12-31"]).status, 0)
        let before = try Data(contentsOf: figures)
        // A survivor's row now belongs to another office: one survivor fewer since 2000.
        try workspace.edit("fixtures/mumbai/rescues.csv", replacing: "SV00458,CR 11/2012,OP-2012-011,Mumbai,",
                           with: "SV00458,CR 11/2012,OP-2012-011,Pune,")
        let shrunk = try workspace.run(["--as-of", "2019-12-31"])
        XCTAssertEqual(shrunk.status, 3, shrunk.stderr)
        XCTAssertTrue(shrunk.stderr.contains("survivors_rescued since 2000-01-01: 646 now, 647 published"), shrunk.stderr)
        XCTAssertEqual(try Data(contentsOf: figures), before, "nothing is published")
        let allowed = try workspace.run(["--as-of", "2019-12-31", "--allow-revision"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertNotEqual(try Data(contentsOf: figures), before)
    }

    func testThreeWhenThePreviousFiguresDoNotReadUnlessAllowed() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let figures = folder.appendingPathComponent("figures.json")
        XCTAssertEqual(try run(folder, []).status, 0)
        let good = try Data(contentsOf: figures)
        let cases: [(bytes: Data, says: String)] = [
            (good.prefix(good.count / 2), "it is not valid JSON"),
            (Data(), "the file is empty"),
            (Data(#"{"metrics": [{"name": "survivors_rescued", "value": 5}]}"#.utf8), "'metrics[0]' has no 'provenance'"),
            (Data(#"{"metrics": [{"name": "x", "value": "many", "provenance": {}}]}"#.utf8), "'metrics[0].value'"),
        ]
        for (bytes, says) in cases {
            try bytes.write(to: figures)
            let refused = try run(folder, [])
            XCTAssertEqual(refused.status, 3, refused.stderr)
            for part in [figures.path, says, "nothing was published", "--allow-revision"] {
                XCTAssertTrue(refused.stderr.contains(part), "missing '\(part)' in: \(refused.stderr)")
            }
            XCTAssertEqual(try Data(contentsOf: figures), bytes, "nothing is published")
        }
        // Told to publish regardless: the run says so and leaves a figures.json that reads.
        let allowed = try run(folder, ["--allow-revision"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(allowed.stderr.contains("cannot be read"), allowed.stderr)
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: figures)) as? [String: Any]
        let warnings = written?["warnings"] as? [String] ?? []
        XCTAssertTrue(warnings.contains { $0.contains("nothing was compared with it") }, "\(warnings)")
        XCTAssertEqual(try run(folder, []).status, 0, "the next run compares against the new file")
    }

    func testFourWhenAnotherRunHoldsTheFolderAndNoWait() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let lock = try FolderLock(folder)
        defer { lock.release() }
        let result = try run(folder, ["--no-wait"])
        XCTAssertEqual(result.status, 4, result.stderr)
        XCTAssertTrue(result.stderr.contains("another impact run is writing"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("figures.json").path))
    }

    func testSixtyFourForAUsageError() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let cases: [[String]] = [["--max-rejected", "lots"], ["--no-such-option"], ["--log-format", "xml"], ["--as-of", "31/12/2019"]]
        for extra in cases {
            let result = try BinaryRunner.run(["run", pipeline, "--out", folder.path] + extra)
            XCTAssertEqual(result.status, 64, "\(extra): \(result.stderr)")
        }
    }
}

/// Holds an output folder's lock as another `impact run` would (flock on `.impact.lock`).
final class FolderLock {
    private var fd: Int32

    init(_ folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        fd = open(folder.appendingPathComponent(".impact.lock").path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            throw XCTSkip("cannot take the lock on \(folder.path)")
        }
    }

    func release() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
