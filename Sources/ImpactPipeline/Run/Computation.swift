import Foundation
import ImpactCore
import ImpactIngest

/// The result of reading every source and folding every metric, before
/// anything is rendered or written.
struct Computation {
    var period: ReportingPeriod
    var sources: [SourceReport]
    var processors: [SourceProcessor]
    var results: [MetricResult]
    /// What the run folded beside its engine (when it was given such a fold: the monthly
    /// report's engines, `query --pipeline`'s engine), each source's folds taken in.
    var alongside: (any SourceFold)?
    var warnings: [String]

    var resultsByName: [String: MetricResult] {
        Dictionary(results.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func cancelRejected() {
        for processor in processors { processor.cancel() }
    }
}

extension Runner {
    /// Reads every source once, in relationship order, folding all metrics of a
    /// source in that one pass, into the run's engine and into `alongside` too. The parts
    /// count their rows on `progress`, which is cleared when the reading ends (with an
    /// error too: what the caller writes next starts on a clean line).
    static func compute(_ pipeline: PipelineDefinition, asOf: Day, rejectedFolder: String?,
                        fold: Bool = true, only: String? = nil, split: SourceSplit = .run,
                        alongside: (any SourceFold)? = nil, progress: ProgressLine? = nil,
                        extraConsumer: ((String, Record) throws -> Void)? = nil,
                        log: (String) -> Void) throws(PipelineError) -> Computation {
        defer { progress?.clear() }
        let until = pipeline.file.until.map { min($0, asOf) } ?? asOf
        let period = ReportingPeriod(since: pipeline.file.since, until: until)
        var engine: MetricEngine
        var alongside = alongside
        let order: [SourceDefinition]
        do {
            engine = try MetricEngine(definitions: pipeline.metrics, schemas: pipeline.schemas, period: period,
                                      maxGroups: pipeline.file.maxGroups)
            order = try pipeline.readingOrder()
        } catch {
            throw .configuration(error.inFile(pipeline.file.path).description)
        }
        // The values metrics' `matching:` look up, from the sources they look in, before any fold.
        if fold { try readMatchKeys(pipeline, asOf: asOf, until: until, log: log) }
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
        var remaining = order.filter { needed?.contains($0.name) ?? true }
        var read = Set<String>()
        while !remaining.isEmpty {
            // A wave: the sources whose relationship checks refer only to sources read
            // already. They are read side by side (each into its own copy of the engine),
            // unless a caller's consumer must see records one source at a time.
            var wave = remaining.filter { $0.relationshipTargets.allSatisfy { read.contains($0.source) } }
            if wave.isEmpty || extraConsumer != nil { wave = [remaining[0]] }
            remaining.removeAll { source in wave.contains { $0.name == source.name } }
            for source in wave { log("reading \(source.name) (\(source.path))") }
            let job = SourceJob(pipeline: pipeline, asOf: asOf, rejectedFolder: rejectedFolder, fold: fold, split: split,
                                wanted: wanted, indexes: indexes, engine: engine, alongside: alongside, progress: progress)
            let outcomes: [Result<SourceJob.Outcome, PipelineError>]
            if wave.count == 1, let source = wave.first {
                outcomes = [Result { () throws(PipelineError) in try job.read(source, extraConsumer: extraConsumer) }]
            } else {
                let slots = ResultSlots<Result<SourceJob.Outcome, PipelineError>>(count: wave.count)
                let sources = wave
                SideBySide.run(sources.count, label: "source") { k in
                    slots.set(k, Result { () throws(PipelineError) in try job.read(sources[k], extraConsumer: nil) })
                }
                outcomes = slots.values()
            }
            // In reading order: the first failure stops the run, as it did one source at a time.
            if let failure = outcomes.lazy.compactMap({ result -> PipelineError? in
                if case .failure(let error) = result { return error } else { return nil }
            }).first {
                for case .success(let outcome) in outcomes { outcome.processor.cancel() }
                throw failure
            }
            for case .success(let outcome) in outcomes {
                let name = outcome.report.name
                engine.adopt(source: name, from: outcome.engine)
                if let folded = outcome.alongside, alongside?.adopt(source: name, from: folded) != true {
                    for case .success(let outcome) in outcomes { outcome.processor.cancel() }
                    throw .output("source '\(name)': what was folded beside the metrics (the monthly report's or the query's figures) could not be taken in (a bug in impact: please report it); nothing was published")
                }
                for index in outcome.indexes { indexes[index.target] = index }
                if !outcome.report.tally.reconciles {
                    warnings.append("source '\(name)': read \(outcome.report.tally.read) != accepted \(outcome.report.tally.accepted) + rejected \(outcome.report.tally.rejected)")
                }
                warnings += outcome.report.fileFindings.map(\.description)
                reports.append(outcome.report)
                processors.append(outcome.processor)
                read.insert(name)
            }
        }
        let overLimit = engine.metricsOverGroupLimit
        if !overLimit.isEmpty {
            throw .configuration("\(pipeline.file.path): the breakdown of \(overLimit.map { "'\($0)'" }.joined(separator: ", ")) "
                + "has more than \(pipeline.file.maxGroups) groups, so nothing was published; a breakdown makes a table "
                + "(by year, office, age band), not a list of people: use count_distinct for such a field, "
                + "or raise limits: { max_groups: N } on purpose")
        }
        // Present sources in the pipeline's own order.
        let position = Dictionary(uniqueKeysWithValues: pipeline.sources.enumerated().map { ($0.element.name, $0.offset) })
        let sorted = zip(reports, processors).sorted { (position[$0.0.name] ?? 0) < (position[$1.0.name] ?? 0) }
        let results = engine.results()
        // A breakdown's groups that are one value written differently: counted apart.
        warnings += GroupSpellings.warnings(results)
        return Computation(period: period, sources: sorted.map(\.0), processors: sorted.map(\.1),
                           results: results, alongside: alongside, warnings: warnings)
    }
}

/// Reads one source of a run into its own copy of the metric engine: what a
/// source needs from the run (relationship indexes of sources read before it)
/// and what it gives back. Sources of one wave are read side by side.
struct SourceJob: Sendable {
    let pipeline: PipelineDefinition
    let asOf: Day
    let rejectedFolder: String?
    let fold: Bool
    let split: SourceSplit
    /// Which keys of which sources later sources check against.
    let wanted: [String: [RelationshipTarget]]
    let indexes: [RelationshipTarget: RelationshipIndex]
    let engine: MetricEngine
    /// What the run folds beside its engine, when it has such a fold.
    let alongside: (any SourceFold)?
    /// The progress line the parts count their rows on, when one is drawn.
    let progress: ProgressLine?

    /// A source read: its report and processor (whose rejected-rows file the
    /// caller puts in place), the indexes later sources check against, and the
    /// engine copies holding its metrics. The processor is used by one thread at a time.
    struct Outcome: @unchecked Sendable {
        var report: SourceReport
        var processor: SourceProcessor
        var indexes: [RelationshipIndex]
        var engine: MetricEngine
        var alongside: PartFolding?
    }

    func read(_ source: SourceDefinition,
              extraConsumer: ((String, Record) throws -> Void)?) throws(PipelineError) -> Outcome {
        let targets = wanted[source.name] ?? []
        let indexes: [RelationshipIndex]
        do {
            indexes = try targets.map { target throws(ConfigError) in try RelationshipIndex(target: target, schema: source.schema) }
        } catch {
            throw .configuration(error.inFile(pipeline.file.path).description)
        }
        let name = source.name
        let (engine, alongside, folds, progress) = (self.engine, self.alongside, fold, self.progress)
        // The parts of a split read fold into copies of one engine whose distinct counts share their keys.
        let sharing = SharedEngine(engine, alongside: alongside, source: name)
        // A caller's consumer sees whole records in file order: one piece, every column.
        let consumer = extraConsumer.map(OrderedConsumer.init)
        let (report, processor, outputs) = try SourceIngest.run(
            source, pipeline: pipeline.file, asOf: asOf,
            relationships: self.indexes.filter { source.relationshipTargets.contains($0.key) },
            rejectedFolder: rejectedFolder,
            split: consumer == nil ? split.for(source) : .none,
            unread: consumer != nil ? [] : unreadFields(source, targets: targets)) {
            parts in
            let (engine, alongside) = parts > 1 ? sharing.engines : (engine, alongside)
            return JobOutputs(source: name, engine: engine, alongside: alongside?.folding(name), indexes: indexes,
                              folds: folds, progress: progress, consumer: consumer)
        }
        outputs.flushPending()
        return Outcome(report: report, processor: processor, indexes: outputs.indexes, engine: outputs.engine,
                       alongside: outputs.alongside)
    }

    /// The text fields of `source` that nothing in the run reads (not its checks, its
    /// `where`, the keys later sources look up, nor a metric over it): the mapper
    /// makes no String for them.
    private func unreadFields(_ source: SourceDefinition, targets: [RelationshipTarget]) -> Set<String> {
        var read = Set(source.checks.flatMap(\.fields) + targets.map(\.field))
        if let text = source.whereText {
            // A `where` that does not parse stops the run when the processor compiles it.
            read.formUnion((try? FilterExpression.parse(text))?.fieldNames ?? source.schema.fields.map(\.name))
        }
        for metric in pipeline.metrics where metric.source == source.name { read.formUnion(metric.fieldsRead) }
        if let alongside {
            guard let fields = alongside.fieldsRead(from: source.name) else { return [] }
            read.formUnion(fields)
        }
        return Set(source.schema.fields.map(\.name)).subtracting(read)
    }
}

/// The engines the parts of one split read of a source start from (the run's and what
/// it folds alongside): made once, on the first part's demand (parts are set up side by
/// side), with the distinct counts over the source sharing one key table
/// (`MetricEngine.sharingDistinctKeys`). A source is split at most once a run; reading
/// it again in one piece uses the plain engines.
final class SharedEngine: @unchecked Sendable {
    private let lock = NSLock()
    private let plain: MetricEngine
    private let plainAlongside: (any SourceFold)?
    private let source: String
    private var made: (MetricEngine, (any SourceFold)?)?

    init(_ engine: MetricEngine, alongside: (any SourceFold)?, source: String) {
        plain = engine
        plainAlongside = alongside
        self.source = source
    }

    var engines: (MetricEngine, (any SourceFold)?) {
        lock.withLock {
            if let made { return made }
            let engines = (plain.sharingDistinctKeys(over: source), plainAlongside?.sharingDistinctKeys(over: source))
            made = engines
            return engines
        }
    }
}

/// A caller's per-record consumer (`export`'s; tests compare with it). Only ever called on
/// the one thread that reads the source: a source with a consumer is read in one piece.
struct OrderedConsumer: @unchecked Sendable {
    let call: (String, Record) throws -> Void
}

/// How a run reads a large CSV or JSON Lines source: in up to `parts` parts, each at
/// least `minimumPartBytes` long (a smaller file is read in one piece), taken in turn
/// by one thread a core (`ParallelReader.read`).
struct SourceSplit: Sendable {
    var parts: Int
    var minimumPartBytes: Int
    /// Whether a source with a `unique` check is split too. The run does not: the
    /// check needs every earlier key, a key repeated across the cut (certain when
    /// repeats are allowed as warnings) sends the source back to one piece, and the
    /// split work is lost. Tests split such sources to see that fallback work.
    var splitsUniqueChecks = false

    /// The same parts whatever the machine (`ParallelReader.fixedParts`): the parts are
    /// merged in file order, and a sum of fractions (whose last bits depend on where
    /// the parts are cut) is then the same on every machine.
    static let run = SourceSplit(parts: ParallelReader.fixedParts, minimumPartBytes: 4 << 20)
    /// One piece.
    static let none = SourceSplit(parts: 1, minimumPartBytes: 4 << 20)

    /// This split for `source`: one piece when it has a `unique` check (unless `splitsUniqueChecks`);
    /// two parts at most under `duplicate: error`, whose merge compares each part's row hashes
    /// with every earlier part's (16 parts: 120 comparisons of tables, 0.1 s more at 1M rows).
    func `for`(_ source: SourceDefinition) -> SourceSplit {
        let hasUnique = source.checks.contains { if case .unique = $0.rule { true } else { false } }
        if hasUnique && !splitsUniqueChecks { return .none }
        let duplicateIsError = source.checks.contains { $0.rule == .duplicate && $0.severity == .error }
        guard duplicateIsError, parts > 2 else { return self }
        var split = self
        split.parts = 2
        return split
    }
}

/// What one part of a source feeds in a run: its own copy of the metric engine
/// (and of what the run folds alongside, when it has such a fold) and of the
/// relationship indexes later sources check against, its count of rows for the
/// progress line, and the caller's consumer if there is one.
final class JobOutputs: SourceOutputs, @unchecked Sendable {
    let source: String
    /// The engine copy, behind a `let` pointer: folded into once a row, and a
    /// class's stored `var` costs a dynamic exclusivity check at each access.
    private let folding: UnsafeMutablePointer<MetricEngine>
    var engine: MetricEngine { folding.pointee }
    /// The part's copy of what the run folds alongside (nil when nothing of `source`).
    let alongside: PartFolding?
    var indexes: [RelationshipIndex]
    /// The engine's metrics over `source`, when the run folds them.
    private let metrics: [Int]
    /// The part's count for the progress line, behind a `let` pointer like the engines.
    private let counting: UnsafeMutablePointer<ProgressCounter>?
    private let consumer: OrderedConsumer?
    var consumes: Bool { !metrics.isEmpty || alongside != nil || counting != nil || consumer != nil }
    var observes: Bool { !indexes.isEmpty }

    init(source: String, engine: MetricEngine, alongside: PartFolding? = nil, indexes: [RelationshipIndex], folds: Bool,
         progress: ProgressLine? = nil, consumer: OrderedConsumer?) {
        self.source = source
        folding = CacheLineMemory.holding(engine)
        self.alongside = alongside
        self.indexes = indexes
        self.metrics = folds ? engine.metrics(over: source) : []
        counting = progress.map { CacheLineMemory.holding(ProgressCounter(line: $0, source: source)) }
        self.consumer = consumer
    }

    deinit {
        CacheLineMemory.release(folding)
        if let counting { CacheLineMemory.release(counting) }
    }

    /// Interns what the engines' distinct counts hold back (see `MetricEngine.flushPending`),
    /// and adds the rows not yet counted to the progress line: the part is read.
    func flushPending() {
        folding.pointee.flushPending()
        alongside?.flushPending()
        counting?.pointee.flush()
    }

    func observe(_ record: Record) {
        for i in indexes.indices { indexes[i].insert(record) }
    }

    /// The part is dropped (the source is read again in one piece): its rows are taken off
    /// the progress line, which counts them again.
    func discard() {
        counting?.pointee.retract()
    }

    func consume(_ record: Record) throws {
        if !metrics.isEmpty { folding.pointee.fold(metrics: metrics, record: record) }
        alongside?.fold(record)
        counting?.pointee.tick()
        try consumer?.call(source, record)
    }

    func merge(following other: JobOutputs) {
        // Each engine's last batch of distinct keys in place (a merge would otherwise copy its tables).
        flushPending()
        other.flushPending()
        // The other part's engine is not read again (its metric states are taken).
        folding.pointee.merge(source: source, taking: &other.folding.pointee) { count, job in
            SideBySide.run(count, label: "merge", job)
        }
        if let mine = alongside, let theirs = other.alongside { mine.merge(following: theirs) }
        for i in indexes.indices { indexes[i].merge(other.indexes[i]) }
    }
}
