import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A run killed with SIGKILL at any moment leaves every output whole: each
/// file is the previous version or the new one, byte for byte, never a half.
final class KillTests: XCTestCase {
    private let files = ["monthly.html", "monthly.txt", "figures.json", "rejected/rescues.csv"]
    /// Two runs whose outputs differ (another month), alternated.
    private let versions = [["--month", "2012-09"], ["--month", "2012-10"]]
    private let common = ["--as-of", "2019-12-31", "--allow-revision"]

    /// A small seeded generator, so that a failure can be replayed.
    private struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    private func contents(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in files { out[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        return out
    }

    func testSIGKILLAtRandomMomentsLeavesEveryOutputWhole() throws {
        let binary = try BinaryRunner.binary()
        // The two possible versions of each file, each written over the other.
        var expected: [[String: Data]] = []
        for (index, version) in versions.enumerated() {
            let reference = try MonthlyWorkspace(self)
            XCTAssertEqual(try reference.run(versions[1 - index] + common).status, 0)
            XCTAssertEqual(try reference.run(version + common).status, 0)
            expected.append(try contents(reference.out))
        }
        XCTAssertNotEqual(expected[0]["monthly.html"], expected[1]["monthly.html"])

        // The workspace starts as the references were made (the other month, then this
        // one): a monthly report flags revisions against the previous figures, so a
        // first run with no previous figures would match neither version, and an
        // attempt killed before it writes would leave that.
        let workspace = try MonthlyWorkspace(self)
        XCTAssertEqual(try workspace.run(versions[1] + common).status, 0)
        let started = Date()
        XCTAssertEqual(try workspace.run(versions[0] + common).status, 0)
        let runTime = Date().timeIntervalSince(started)

        var random = SplitMix(state: 20_191_231)
        var killed = 0
        for attempt in 0..<30 {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["run", workspace.pipeline, "--out", workspace.out.path, "--quiet"] + versions[attempt % 2 == 0 ? 1 : 0] + common
            process.currentDirectoryURL = workspace.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            let delay = random.unit() * runTime * 1.2
            try process.run()
            usleep(useconds_t(delay * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()

            for name in files {
                let data = try Data(contentsOf: workspace.out.appendingPathComponent(name))
                XCTAssertTrue(data == expected[0][name] || data == expected[1][name],
                              "attempt \(attempt) (killed after \(Int(delay * 1000)) ms): \(name) is neither version (\(data.count) bytes)")
            }
            let figures = try Data(contentsOf: workspace.out.appendingPathComponent("figures.json"))
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: figures), "attempt \(attempt): figures.json does not parse")
            XCTAssertTrue(String(decoding: try Data(contentsOf: workspace.out.appendingPathComponent("monthly.html")), as: UTF8.self)
                .hasSuffix("</html>\n"), "attempt \(attempt): monthly.html is cut")
        }
        XCTAssertGreaterThan(killed, 5, "too few runs were killed mid-way to test anything")
        // The next whole run sweeps the temporary files the killed runs left.
        XCTAssertEqual(try workspace.run(versions[0] + common).status, 0)
        for folder in [workspace.out, workspace.out.appendingPathComponent("rejected")] {
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
            XCTAssertEqual(leftovers, [], "temporary files left in \(folder.lastPathComponent)")
        }
        XCTAssertEqual(try contents(workspace.out), expected[0])
    }
}
