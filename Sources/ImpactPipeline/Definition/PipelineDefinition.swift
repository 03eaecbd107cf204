import Foundation
import ImpactCore
import ImpactRender

/// A whole pipeline file, decoded and checked: its sources, metrics and fact
/// sheet. Every mistake is a `ConfigError` naming the file and line.
public struct PipelineDefinition: Sendable {
    public var file: PipelineFile
    public var sources: [SourceDefinition]
    public var metrics: [MetricDefinition]
    public var factsheet: FactSheetDefinition?
    public var locale: NumberLocale

    public var name: String { file.name }

    public static func load(path: String) throws(ConfigError) -> PipelineDefinition {
        let file = try PipelineFile.load(path: path)
        do {
            return try PipelineDefinition(file: file)
        } catch {
            throw error.inFile(path)
        }
    }

    public init(file: PipelineFile) throws(ConfigError) {
        self.file = file
        guard let locale = NumberLocale(identifier: file.locale) else {
            throw ConfigError(line: 0, "locale '\(file.locale)' is not known; use one of \(NumberLocale.known.joined(separator: ", "))")
        }
        self.locale = locale
        let defaults = try SourceDefaults.decode(dateFormat: file.dateFormat, missing: file.missing, decimal: file.decimal)
        var sources: [SourceDefinition] = []
        for entry in try file.sources.entries("sources") {
            sources.append(try SourceDefinition.decode(name: entry.key, node: entry.value, defaults: defaults))
        }
        if sources.isEmpty {
            throw ConfigError(line: file.sources.line, "sources: lists no source; name at least one export to read")
        }
        self.sources = sources
        var metrics: [MetricDefinition] = []
        if let node = file.metrics {
            for entry in try node.entries("metrics") {
                metrics.append(try MetricDefinition.decode(name: entry.key, node: entry.value))
            }
        }
        self.metrics = metrics
        factsheet = try file.factsheet.map { node throws(ConfigError) in try FactSheetDefinition.decode(node: node) }
    }

    public func source(named name: String) -> SourceDefinition? {
        sources.first { $0.name == name }
    }

    /// Sources in reading order: a source that another's `relationships` check
    /// refers to is read first, so that its keys are known.
    public func readingOrder() throws(ConfigError) -> [SourceDefinition] {
        var ordered: [SourceDefinition] = []
        var state: [String: Int] = [:] // 1 visiting, 2 done
        func visit(_ source: SourceDefinition) throws(ConfigError) {
            if state[source.name] == 2 { return }
            if state[source.name] == 1 {
                throw ConfigError(line: source.line, "relationships between sources form a cycle through '\(source.name)'")
            }
            state[source.name] = 1
            for target in source.relationshipTargets {
                guard let other = self.source(named: target.source) else {
                    throw ConfigError(line: source.line, "source '\(source.name)' checks a relationship to '\(target)', but there is no source '\(target.source)'")
                }
                if other.name != source.name { try visit(other) }
            }
            state[source.name] = 2
            ordered.append(source)
        }
        for source in sources { try visit(source) }
        return ordered
    }

    /// The schema of every source, by name, for the metrics engine.
    public var schemas: [String: RecordSchema] {
        Dictionary(uniqueKeysWithValues: sources.map { ($0.name, $0.schema) })
    }
}
