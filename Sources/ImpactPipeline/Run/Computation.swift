import Foundation
import ImpactCore

/// The result of reading every source and folding every metric, before
/// anything is rendered or written.
struct Computation {
    var period: ReportingPeriod
    var sources: [SourceReport]
    var processors: [SourceProcessor]
    var results: [MetricResult]
    var warnings: [String]

    var resultsByName: [String: MetricResult] {
        Dictionary(results.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func cancelRejected() {
        for processor in processors { processor.cancel() }
    }
}

/// Holds the engine so that the per-record closures can fold into it.
final class EngineBox {
    var engine: MetricEngine
    init(_ engine: MetricEngine) { self.engine = engine }
}

extension Runner {
    /// Reads every source once, in relationship order, folding all metrics of a
    /// source in that one pass.
    static func compute(_ pipeline: PipelineDefinition, asOf: Day, rejectedFolder: String?,
                        fold: Bool = true, only: String? = nil,
                        extraConsumer: ((String, Record) throws -> Void)? = nil,
                        log: (String) -> Void) throws(PipelineError) -> Computation {
        let until = pipeline.file.until.map { min($0, asOf) } ?? asOf
        let period = ReportingPeriod(since: pipeline.file.since, until: until)
        let box: EngineBox
        let order: [SourceDefinition]
        do {
            box = EngineBox(try MetricEngine(definitions: pipeline.metrics, schemas: pipeline.schemas, period: period,
                                             maxGroups: pipeline.file.maxGroups))
            order = try pipeline.readingOrder()
        } catch {
            throw .configuration(error.inFile(pipeline.file.path).description)
        }
        // Which keys of which sources later sources check against.
        var wanted: [String: [RelationshipTarget]] = [:]
        for source in pipeline.sources {
            for target in source.relationshipTargets { wanted[target.source, default: []].append(target) }
        }
        // With `only`, read that source and the sources its checks refer to.
        var needed: Set<String>?
        if let only {
            var set: Set<String> = [only]
            var frontier = [only]
            while let name = frontier.popLast() {
                for target in pipeline.source(named: name)?.relationshipTargets ?? [] where set.insert(target.source).inserted {
                    frontier.append(target.source)
                }
            }
            needed = set
        }
        var indexes: [RelationshipTarget: RelationshipIndex] = [:]
        var reports: [SourceReport] = []
        var processors: [SourceProcessor] = []
        var warnings: [String] = []
        for source in order where needed?.contains(source.name) ?? true {
            log("reading \(source.name) (\(source.path))")
            let targets = wanted[source.name] ?? []
            final class IndexBox { var indexes: [RelationshipIndex] = [] }
            let own = IndexBox()
            do {
                own.indexes = try targets.map { target throws(ConfigError) in try RelationshipIndex(target: target, schema: source.schema) }
            } catch {
                throw .configuration(error.inFile(pipeline.file.path).description)
            }
            let name = source.name
            let folds = (fold && box.engine.metricsOver(source: name)) || extraConsumer != nil
            let (report, processor) = try SourceIngest.run(
                source, pipeline: pipeline.file, asOf: asOf,
                relationships: indexes.filter { source.relationshipTargets.contains($0.key) },
                rejectedFolder: rejectedFolder,
                observeAccepted: targets.isEmpty ? { _ in } : { record in
                    for i in own.indexes.indices { own.indexes[i].insert(record) }
                },
                consume: folds ? { record in
                    if fold { box.engine.fold(source: name, record: record) }
                    try extraConsumer?(name, record)
                } : { _ in })
            for index in own.indexes { indexes[index.target] = index }
            if !report.tally.reconciles {
                warnings.append("source '\(name)': read \(report.tally.read) != accepted \(report.tally.accepted) + rejected \(report.tally.rejected)")
            }
            warnings += report.fileFindings.map(\.description)
            reports.append(report)
            processors.append(processor)
        }
        let overLimit = box.engine.metricsOverGroupLimit
        if !overLimit.isEmpty {
            throw .configuration("\(pipeline.file.path): the breakdown of \(overLimit.map { "'\($0)'" }.joined(separator: ", ")) "
                + "has more than \(pipeline.file.maxGroups) groups, so nothing was published; a breakdown makes a table "
                + "(by year, office, age band), not a list of people: use count_distinct for such a field, "
                + "or raise limits: { max_groups: N } on purpose")
        }
        // Present sources in the pipeline's own order.
        let position = Dictionary(uniqueKeysWithValues: pipeline.sources.enumerated().map { ($0.element.name, $0.offset) })
        let sorted = zip(reports, processors).sorted { (position[$0.0.name] ?? 0) < (position[$1.0.name] ?? 0) }
        return Computation(period: period, sources: sorted.map(\.0), processors: sorted.map(\.1),
                           results: box.engine.results(), warnings: warnings)
    }
}
