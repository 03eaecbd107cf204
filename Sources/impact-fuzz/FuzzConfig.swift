import ImpactCore
import ImpactPipeline

/// The pipeline-file loader and the filter language on fuzzed text.
enum FuzzConfig {
    /// YAML -> ConfigNode -> PipelineFile -> PipelineDefinition (sources, metrics, fact sheet).
    static func pipeline(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        let file = "fuzz/pipeline.yaml"
        do {
            let root = try YAMLConfig.parse(text, file: file)
            let pipeline = try PipelineFile(root: root, path: file)
            fuzzRequire(!pipeline.name.contains("/") && !pipeline.name.contains(".."),
                        "a pipeline name that leaves its folder was accepted: \(pipeline.name)")
            let definition = try PipelineDefinition(file: pipeline)
            _ = try definition.readingOrder()
            _ = definition.schemas
        } catch {
            fuzzRequire(!error.description.isEmpty, "a configuration error without a message")
        }
    }

    /// The schema filters are compiled against: one field of every type.
    static let schema = RecordSchema(kind: "rescue", fields: [
        FieldSpec("office", .text), FieldSpec("count", .integer), FieldSpec("share", .number),
        FieldSpec("rescue_date", .date), FieldSpec("is_minor", .bool), FieldSpec("tags", .list),
        FieldSpec("exit_date", .date),
    ], primaryDate: "rescue_date")

    /// A full record, an empty one, and one with a single date (`days(rescue_date, exit_date)`).
    static let records = [
        Record(line: 2, values: [.text("Pune"), .integer(3), .number(0.5), .date(Day(daysSinceEpoch: 16_130)),
                                  .bool(true), .list(["a", "b"]), .date(Day(daysSinceEpoch: 16_300))]),
        Record(line: 3, values: [.missing, .missing, .missing, .missing, .missing, .missing, .missing]),
        Record(line: 4, values: [.missing, .missing, .missing, .date(Day(daysSinceEpoch: 16_130)), .missing, .missing, .missing]),
    ]

    /// Parse, compile, and evaluate on a full and an empty record.
    static func filter(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let expression = try FilterExpression.parse(text)
            _ = expression.fieldNames
            let compiled = try expression.compile(against: schema)
            for record in records { _ = compiled.matches(record) }
        } catch {
            fuzzRequire(error.column >= 1, "a filter error at column \(error.column): \(error.message)")
            _ = error.pointing(into: text)
        }
    }
}
