import ImpactCore
@testable import ImpactPipeline
import XCTest

final class SourceEncodingConfigTests: XCTestCase {
    private func source(_ yaml: String) throws -> SourceDefinition {
        let node = try YAMLConfig.parse(yaml, file: "p.yml")
        return try SourceDefinition.decode(name: "rescues", node: node, defaults: SourceDefaults())
    }

    func testAnExportsEncodingIsNamedUnderCSV() throws {
        let definition = try source("path: r.csv\ncsv: { delimiter: ';', encoding: cp1252 }\n")
        XCTAssertEqual(definition.encoding, .windows1252)
        guard case .csv(let options) = SourceIngest.inputFormat(definition) else { return XCTFail("a CSV source") }
        XCTAssertEqual(options.encoding, .windows1252)
    }

    func testUTF16IsNamedByItsUsualSpellings() throws {
        for (name, expected) in [("utf-16", TextEncoding.utf16le), ("UTF-16LE", .utf16le), ("utf16be", .utf16be)] {
            XCTAssertEqual(try source("path: r.txt\ncsv: { delimiter: tab, encoding: \(name) }\n").encoding, expected, name)
        }
    }

    func testJSONPairListsAreNamedUnderJSON() throws {
        let definition = try source("path: e.json\njson: { records: events, pairs: { dataValues: [dataElement, value], attributes: [attribute, value] } }\n")
        XCTAssertEqual(definition.pairLists, [JSONPairList(path: "dataValues", nameKey: "dataElement", valueKey: "value"),
                                              JSONPairList(path: "attributes", nameKey: "attribute", valueKey: "value")])
        guard case .json(let options) = SourceIngest.inputFormat(definition) else { return XCTFail("a JSON source") }
        XCTAssertEqual(options.pairLists, definition.pairLists)
        XCTAssertThrowsError(try source("path: e.json\njson:\n  pairs: { dataValues: [dataElement] }\n")) { error in
            XCTAssertEqual((error as? ConfigError)?.line, 3)
            XCTAssertTrue("\(error)".contains("[dataElement, value]"), "\(error)")
        }
    }

    func testAnUnknownEncodingIsAnErrorAtItsLine() {
        XCTAssertThrowsError(try source("path: r.csv\ncsv:\n  encoding: ebcdic\n")) { error in
            XCTAssertEqual((error as? ConfigError)?.line, 3)
            XCTAssertTrue("\(error)".contains("windows-1252"), "\(error)")
        }
    }
}
