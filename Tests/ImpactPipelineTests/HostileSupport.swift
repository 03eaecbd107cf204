import Foundation
import XCTest

/// Helpers for the hostile corpus: a scratch folder, big files written in
/// pieces (never committed), and a child process whose time, peak memory and
/// exit status are measured.
enum Hostile {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("fixtures/hostile")
    /// The bounds every case must keep (issue 8).
    static let maxSeconds = 10.0
    static let maxResidentKB = 200 * 1024

    /// A new empty folder under the temporary directory, removed by the test's teardown.
    static func scratch(_ test: XCTestCase) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("impact-hostile-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    /// Writes `head`, then `body` repeated until `bodyBytes` bytes, then `tail`, in 1 MiB pieces.
    static func write(_ url: URL, head: String, body: UInt8, bodyBytes: Int, tail: String) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(head.utf8))
        let piece = Data(repeating: body, count: 1 << 20)
        var left = bodyBytes
        while left > 0 {
            let n = min(left, piece.count)
            try handle.write(contentsOf: n == piece.count ? piece : piece.prefix(n))
            left -= n
        }
        try handle.write(contentsOf: Data(tail.utf8))
    }

    /// Writes `head` then extends the file to `size` bytes with ftruncate: a sparse
    /// file of NUL bytes that takes no disk space.
    static func sparse(_ url: URL, head: String, size: Int) throws {
        try Data(head.utf8).write(to: url)
        let fd = open(url.path, O_WRONLY)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(size)) == 0 else { throw CocoaError(.fileWriteOutOfSpace) }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
        /// Peak resident memory of the child in KiB (nil when /usr/bin/time is absent).
        var residentKB: Int?
    }

    /// The `impact` executable that `swift build` made beside the tests.
    static func impactBinary() throws -> URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("impact")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        for configuration in ["debug", "release"] {
            let candidate = packageRoot.appendingPathComponent(".build/\(configuration)/impact")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw XCTSkip("the impact binary was not found; run `swift build` first")
    }

    /// Runs `impact ARGUMENTS` under /usr/bin/time (peak RSS), killing it after twice the time bound.
    static func impact(_ arguments: [String], scratch: URL) throws -> Run {
        let binary = try impactBinary()
        let timing = scratch.appendingPathComponent("time-\(UUID().uuidString).txt")
        let process = Process()
        let timeTool = "/usr/bin/time"
        if FileManager.default.isExecutableFile(atPath: timeTool) {
            process.executableURL = URL(fileURLWithPath: timeTool)
            process.arguments = ["-o", timing.path, "-f", "%M", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        let out = scratch.appendingPathComponent("out-\(UUID().uuidString).txt")
        let err = scratch.appendingPathComponent("err-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        while process.isRunning {
            if Date().timeIntervalSince(start) > 2 * maxSeconds { process.terminate() }
            usleep(20_000)
        }
        let seconds = Date().timeIntervalSince(start)
        let resident = (try? String(contentsOf: timing, encoding: .utf8))
            .flatMap { $0.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        return Run(status: process.terminationStatus,
                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
                   seconds: seconds, residentKB: resident)
    }

    /// The bounds of issue 8: under 10 s, under 200 MB resident, no signal (status <= 125).
    static func assertBounded(_ run: Run, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertLessThan(run.seconds, maxSeconds, "\(what): took \(run.seconds) s", file: file, line: line)
        XCTAssertLessThanOrEqual(run.status, 125, "\(what): exit status \(run.status) (a signal)", file: file, line: line)
        if let kb = run.residentKB {
            XCTAssertLessThan(kb, maxResidentKB, "\(what): peak resident memory \(kb / 1024) MB", file: file, line: line)
        }
    }
}
