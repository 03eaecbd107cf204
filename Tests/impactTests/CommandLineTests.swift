import Foundation
import XCTest

final class CommandLineTests: XCTestCase {
    func testVersionAndHelpDescribeTheTool() throws {
        let version = try BinaryRunner.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("0."), version.stdout)
        let help = try BinaryRunner.run(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("Exit status"), help.stdout)
    }

    func testUnknownOptionIsAUsageError() throws {
        let result = try BinaryRunner.run(["--no-such-option"])
        XCTAssertEqual(result.status, 64, result.stderr)
    }
}
