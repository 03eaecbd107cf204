import Foundation
import XCTest

/// Two runs on one output folder never interleave: the second waits for the
/// first (or exits 4 with --no-wait), and the outputs are whole and consistent.
final class LockTests: XCTestCase {
    private let files = ["monthly.html", "monthly.txt", "figures.json", "rejected/rescues.csv"]

    private func contents(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in files { out[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        return out
    }

    func testTwoRunsAtOnceBothFinishWithTheOutputsOfOne() throws {
        let workspace = try MonthlyWorkspace(self)
        let arguments = ["--month", "2012-09", "--as-of", "2019-12-31"]
        // The reference: one run, then a second one on top (which compares with the first).
        let reference = try MonthlyWorkspace(self)
        XCTAssertEqual(try reference.run(arguments).status, 0)
        XCTAssertEqual(try reference.run(arguments).status, 0)
        let expected = try contents(reference.out)

        for _ in 0..<3 {
            final class Results: @unchecked Sendable {
                let lock = NSLock()
                var statuses: [Int32] = []
                var errors: [String] = []
            }
            let results = Results()
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                do {
                    let result = try workspace.run(arguments)
                    results.lock.withLock { results.statuses.append(result.status) }
                } catch {
                    results.lock.withLock { results.errors.append("\(error)") }
                }
            }
            XCTAssertEqual(results.errors, [])
            XCTAssertEqual(results.statuses, [0, 0])
            // Whichever ran second compared with the first: the same bytes as the reference.
            XCTAssertEqual(try contents(workspace.out), expected)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.out.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testARunWaitsForTheLockAndThenFinishes() throws {
        let workspace = try MonthlyWorkspace(self)
        let lock = try FolderLock(workspace.out)
        final class Outcome: @unchecked Sendable { var status: Int32?; var finished = false }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            outcome.status = try? workspace.run(["--month", "2012-09", "--as-of", "2019-12-31"]).status
            done.signal()
        }
        // Held for a second: the run waits and writes nothing.
        XCTAssertEqual(done.wait(timeout: .now() + 1), .timedOut, "the run did not wait for the lock")
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.out.appendingPathComponent("figures.json").path))
        lock.release()
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(outcome.status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.out.appendingPathComponent("figures.json").path))
    }
}
