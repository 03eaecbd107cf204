import Foundation
import XCTest
@testable import ImpactPipeline

/// A small RFC 4180 reader, written for the tests and independent of libcsv and of the
/// generator: records of fields, and whether every record ended with CRLF.
struct RFC4180 {
    var records: [[String]] = []
    var everyLineEndIsCRLF = true
    var error: String?

    init(_ data: Data) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var field: [UInt8] = []
        var record: [String] = []
        var quoted = false
        var index = 0
        func endField() { record.append(String(decoding: field, as: UTF8.self)); field = [] }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                        let next = index + 1 < bytes.count ? bytes[index + 1] : 0x0A
                        if next != 0x2C && next != 0x0A && next != 0x0D {
                            error = "text after a closing quote at byte \(index)"
                            return
                        }
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == 0x22 {
                guard field.isEmpty else { error = "a quote inside an unquoted field at byte \(index)"; return }
                quoted = true
            } else if byte == 0x2C {
                endField()
            } else if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D {
                    guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { error = "a lone CR"; return }
                    index += 1
                } else {
                    everyLineEndIsCRLF = false
                }
                endField()
                records.append(record)
                record = []
            } else {
                field.append(byte)
            }
            index += 1
        }
        if quoted { error = "an unterminated quote" }
        if !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
    }
}

enum GenerateFixture {
    /// A fresh temporary directory, removed at the end of the test.
    static func directory(_ test: XCTestCase) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("impact-generate-\(UUID().uuidString)").path
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    static func generate(_ test: XCTestCase, _ options: GenerateOptions) throws -> (String, GenerateSummary) {
        let path = try directory(test)
        return (path, try ExportGenerator(options: options).run(into: path))
    }

    static func read(_ directory: String, _ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
    }
}
