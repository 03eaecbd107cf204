import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// A pipeline file in a scratch folder, each source's data file a one-line stand-in: enough
/// to load the definitions and schemas, for tests that fold records made by hand.
enum ScratchPipeline {
    static func load(_ test: XCTestCase, sources: [String], yaml: String) throws -> PipelineDefinition {
        let dir = try Hostile.scratch(test).path
        for name in sources { try Data("x\n".utf8).write(to: URL(fileURLWithPath: "\(dir)/\(name).csv")) }
        let path = dir + "/pipeline.yml"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return try PipelineDefinition.load(path: path)
    }
}

extension RecordSchema {
    /// A record of this schema holding `values` by field name, the other fields missing.
    func record(line: Int, _ values: [String: Value]) -> Record {
        Record(line: line, values: fields.map { values[$0.name] ?? .missing })
    }
}
