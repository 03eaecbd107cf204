import Foundation
import XCTest

/// A copy of the monthly pipeline, its fixtures and templates in a temporary
/// folder (laid out as in the package), so that a test may edit the exports.
struct MonthlyWorkspace {
    let root: URL
    let pipeline = "pipelines/monthly-report.yml"

    init(_ test: XCTestCase) throws {
        root = try BinaryRunner.temporaryFolder(test)
        let fm = FileManager.default
        let package = BinaryRunner.packageRoot
        for folder in ["pipelines", "fixtures", "reports"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try fm.copyItem(at: package.appendingPathComponent("pipelines/monthly-report.yml"),
                        to: root.appendingPathComponent("pipelines/monthly-report.yml"))
        try fm.copyItem(at: package.appendingPathComponent("fixtures/mumbai"), to: root.appendingPathComponent("fixtures/mumbai"))
        try fm.copyItem(at: package.appendingPathComponent("reports/templates"), to: root.appendingPathComponent("reports/templates"))
    }

    /// The report folder the runs write to.
    var out: URL { root.appendingPathComponent("reports/out") }

    @discardableResult
    func run(_ extra: [String]) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["run", pipeline, "--out", out.path] + extra, in: root)
    }

    func text(_ name: String) throws -> String {
        try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
    }

    /// Replaces `old` by `new` in a fixture file; fails when `old` is not there exactly once.
    func edit(_ file: String, replacing old: String, with new: String) throws {
        let url = root.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(text.components(separatedBy: old).count, 2, "\(old) is not in \(file) exactly once")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }
}
