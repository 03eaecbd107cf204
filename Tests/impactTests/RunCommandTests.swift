import Foundation
import XCTest

/// `impact run` on the bundled Mumbai exports, as the communications team runs it.
final class RunCommandTests: XCTestCase {
    private let pipeline = "pipelines/mumbai-brochure.yml"

    private func run(into folder: URL, _ extra: [String] = []) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["run", pipeline, "--as-of", "2019-12-31", "--out", folder.path] + extra)
    }

    func testTheBrochureFiguresAndCountsAreTheOrganisationsOwn() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let result = try run(into: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("as of 2019-12-31 · since 2000-01-01"), result.stdout)
        XCTAssertTrue(result.stdout.contains("survivors_rescued        647  ->  640+"), result.stdout)
        XCTAssertTrue(result.stdout.contains("criminals_restrained     178  ->  178"), result.stdout)
        XCTAssertTrue(result.stdout.contains("officials_trained     24,861  ->  24,800+"), result.stdout)
        XCTAssertTrue(result.stdout.range(of: #"rescues\s+681 read\s+679 accepted\s+2 rejected"#, options: .regularExpression) != nil, result.stdout)
        // The run lists the columns it dropped as it read them.
        XCTAssertTrue(result.stdout.contains("rescues dropped: identifying Survivor Name, Mobile, Notes"), result.stdout)
        XCTAssertTrue(result.stdout.contains("suspects dropped: identifying name; not mapped location.district, location.state"), result.stdout)

        let text = try String(contentsOf: folder.appendingPathComponent("factsheet.txt"), encoding: .utf8)
        for expected in ["640+", "178", "24,800+", "2000", "The office opens", "2004", "First conviction", "2013",
                         "500th trafficking victim", "2014", "*A pseudonym"] {
            XCTAssertTrue(text.contains(expected), "factsheet.txt lacks \(expected)")
        }
        // Every line of the text version fits in 72 columns.
        XCTAssertEqual(text.split(separator: "\n").filter { $0.count > 72 }, [])

        let rejected = try String(contentsOf: folder.appendingPathComponent("rejected/rescues.csv"), encoding: .utf8)
        let lines = rejected.split(separator: "\r\n")
        XCTAssertEqual(lines.count, 3, rejected)
        XCTAssertTrue(lines[1].hasPrefix("401,date,type,"), String(lines[1]))
        XCTAssertTrue(lines[2].hasPrefix("483,age,range,"), String(lines[2]))
    }

    func testFiguresJSONTracesEachFigureToItsInputs() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        XCTAssertEqual(try run(into: folder).status, 0)
        let data = try Data(contentsOf: folder.appendingPathComponent("figures.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["as_of"] as? String, "2019-12-31")
        let headline = try XCTUnwrap(json["headline"] as? [[String: Any]])
        XCTAssertEqual(headline.map { $0["published"] as? String }, ["640+", "178", "24,800+"])
        XCTAssertEqual(headline.map { $0["exact"] as? Double }, [647, 178, 24861])
        let inputs = try XCTUnwrap(json["inputs"] as? [[String: Any]])
        let rescues = try XCTUnwrap(inputs.first { $0["source"] as? String == "rescues" })
        XCTAssertEqual(rescues["rows_read"] as? Int, 681)
        XCTAssertEqual(rescues["rows_rejected"] as? Int, 2)
        XCTAssertEqual((rescues["sha256"] as? String)?.count, 64)
        let metrics = try XCTUnwrap(json["metrics"] as? [[String: Any]])
        let survivors = try XCTUnwrap(metrics.first { $0["name"] as? String == "survivors_rescued" })
        let provenance = try XCTUnwrap(survivors["provenance"] as? [String: Any])
        XCTAssertEqual(provenance["aggregate"] as? String, "count_distinct(person_id)")
        XCTAssertEqual(provenance["since"] as? String, "2000-01-01")
    }

    func testSameInputsAndAsOfGiveIdenticalBytes() throws {
        let first = try BinaryRunner.temporaryFolder(self)
        let second = try BinaryRunner.temporaryFolder(self)
        XCTAssertEqual(try run(into: first).status, 0)
        XCTAssertEqual(try run(into: second).status, 0)
        for name in ["factsheet.html", "factsheet.txt", "figures.json", "rejected/rescues.csv"] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            XCTAssertEqual(a, b, "\(name) differs between two runs")
        }
    }

    func testIdentifyingValuesReachNoOutput() throws {
        // The tool itself lists the planted identifying values of the export (asked in so many words).
        var planted: [String] = []
        for column in ["survivor_name", "mobile", "notes"] {
            let listing = try BinaryRunner.run(["query", "fixtures/mumbai/rescues.csv", "--by", column, "--show-identifying",
                                                "--format", "csv"])
            XCTAssertEqual(listing.status, 0, listing.stderr)
            planted += listing.stdout.split(separator: "\r\n").dropFirst().compactMap { line -> String? in
                // "value,count": keep the value (quoted when it holds a comma).
                var value = String(line)
                if let comma = value.lastIndex(of: ",") { value = String(value[..<comma]) }
                value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.count >= 6 ? value : nil
            }
        }
        XCTAssertGreaterThan(planted.count, 500, "the fixture's identifying columns should be full of values")
        let folder = try BinaryRunner.temporaryFolder(self)
        XCTAssertEqual(try run(into: folder).status, 0)
        let files = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: folder.path))
        XCTAssertTrue(files.contains("factsheet.html"))
        for file in files {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
            for value in planted where text.contains(value) {
                XCTFail("\(file) contains the identifying value \(value)")
            }
        }
    }

    func testARunThatFailsLeavesThePreviousReportWhole() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        XCTAssertEqual(try run(into: folder).status, 0)
        let before = try Data(contentsOf: folder.appendingPathComponent("factsheet.html"))
        let broken = folder.appendingPathComponent("broken.yml")
        try "name: mumbai-brochure\nsources:\n  rescues: { path: nowhere.csv }\n".write(to: broken, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["run", broken.path, "--as-of", "2019-12-31", "--out", folder.path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("nowhere.csv"), result.stderr)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("factsheet.html")), before)
    }
}

/// `--pdf` prints the HTML with headless Chromium where it is installed (the same
/// bytes from the same inputs and `--as-of`), and otherwise says how to install it
/// while writing everything else.
final class PDFTests: XCTestCase {
    func testPDFIsPrintedOrItsAbsenceExplained() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let result = try BinaryRunner.run(["run", "pipelines/mumbai-brochure.yml", "--as-of", "2019-12-31",
                                           "--out", folder.path, "--pdf"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("factsheet.html").path))
        let pdf = folder.appendingPathComponent("factsheet.pdf")
        if FileManager.default.fileExists(atPath: pdf.path) {
            let printed = try Data(contentsOf: pdf)
            XCTAssertEqual(String(decoding: printed.prefix(5), as: UTF8.self), "%PDF-")
            let text = String(decoding: printed, as: UTF8.self)
            XCTAssertTrue(text.contains("/CreationDate (D:20191231000000") && text.contains("/ModDate (D:20191231000000"),
                          "Chromium's time stamps are the as-of date")
            // Chromium stamps the time of printing: a second run, a second later, gives the same bytes.
            func printAgain() throws -> Data {
                Thread.sleep(forTimeInterval: 1.1)
                let again = try BinaryRunner.temporaryFolder(self)
                let run = try BinaryRunner.run(["run", "pipelines/mumbai-brochure.yml", "--as-of", "2019-12-31",
                                                "--out", again.path, "--pdf"])
                XCTAssertEqual(run.status, 0, run.stderr)
                return try Data(contentsOf: again.appendingPathComponent("factsheet.pdf"))
            }
            let second = try printAgain()
            if second != printed {
                // Once in about 200 prints on the development machine (never reproduced) Chromium laid
                // a page out differently; the time, which differs at every print, would make a third
                // print differ from both.
                let third = try printAgain()
                XCTAssertTrue(third == printed || third == second, "the same inputs and --as-of give the same PDF")
            }
        } else {
            XCTAssertTrue(result.stderr.contains("apt-get install -y --no-install-recommends chromium"), result.stderr)
        }
    }
}
