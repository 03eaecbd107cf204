import Foundation
import XCTest

/// `impact query -` and `impact inspect -` read standard input (`curl ... | impact query - --by
/// office`): the same answer as the file gives, messages naming `(stdin)`, and nothing left in
/// the temporary folder.
final class StdinTests: XCTestCase {
    func testAQueryReadsStandardInput() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let spool = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        let export = "Case register\n\nid,date,office\nP1,2024-01-05,Pune\nP2,2024-01-06,Thane\nP3,2024-02-01,Pune\nP4,2024-02-02\n"
        let piped = try BinaryRunner.run(["query", "-", "--by", "office", "--where", "date >= 2024-01-01", "--format", "csv"],
                                         environment: ["TMPDIR": spool.path], stdin: export)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(piped.stdout.replacingOccurrences(of: "\r\n", with: "\n"), "office,count\nPune,2\nThane,1\n")
        XCTAssertTrue(piped.stderr.contains("(stdin): line 3 looks like the header"), piped.stderr)
        XCTAssertTrue(piped.stderr.contains("1 of 4 rows rejected and left out; save the input to a file"), piped.stderr)
        XCTAssertFalse(piped.stderr.contains(spool.path), "no message names the spool: \(piped.stderr)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: spool.path), [], "the spooled input is removed")

        let file = folder.appendingPathComponent("export.csv")
        try export.write(to: file, atomically: true, encoding: .utf8)
        let read = try BinaryRunner.run(["query", file.path, "--by", "office", "--where", "date >= 2024-01-01", "--format", "csv"])
        XCTAssertEqual(read.stdout, piped.stdout, "the same answer as the file's")

        let failed = try BinaryRunner.run(["query", "-", "--sum", "office"], environment: ["TMPDIR": spool.path], stdin: export)
        XCTAssertEqual(failed.status, 2, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("the fields of (stdin) are"), failed.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: spool.path), [], "removed after an error too")
    }

    func testInspectReadsStandardInput() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let export = "{\"headers\": [\"id\", \"office\"], \"rows\": [[\"P1\", \"Pune\"], [\"P2\"], [\"P3\", \"Thane\", 9]]}"
        let inspect = try BinaryRunner.run(["inspect", "-"], environment: ["TMPDIR": folder.path], stdin: export)
        XCTAssertEqual(inspect.status, 1, inspect.stderr)
        XCTAssertTrue(inspect.stdout.hasPrefix("file: (stdin)\nformat: json-wrapped, records under 'rows', columns named under 'headers'"), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("(stdin):1: error: the row has 3 values; the columns are 2"), inspect.stdout)
        XCTAssertFalse(inspect.stdout.contains(folder.path), inspect.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    /// Interrupted while it reads standard input (Ctrl-C, a timeout's TERM), a query removes
    /// its spooled copy; one a killed process left is swept by the next query.
    func testASpoolIsRemovedOnASignalAndSweptAfterAKill() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let process = Process()
        process.executableURL = try BinaryRunner.binary()
        process.arguments = ["query", "-", "--count"]
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": folder.path]) { $1 }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("id,office\nP1,Pune\n".utf8))
        var spooled: [String] = []
        for _ in 0..<200 where spooled.isEmpty {
            spooled = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            if spooled.isEmpty { usleep(50_000) }
        }
        XCTAssertEqual(spooled.count, 1, "the spool folder while the input is read")
        process.terminate()
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        XCTAssertEqual(process.terminationStatus, 128 + SIGTERM)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "removed on TERM")

        // A folder a killed query left (its process is gone) is swept by the next query.
        let left = folder.appendingPathComponent("impact-stdin-2147483000-AbCdEf")
        try FileManager.default.createDirectory(at: left, withIntermediateDirectories: true)
        try Data("id\nP1\n".utf8).write(to: left.appendingPathComponent("stdin"))
        let next = try BinaryRunner.run(["query", "-", "--count"], environment: ["TMPDIR": folder.path], stdin: "id\nP2\n")
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }
}
