import Foundation
import ImpactCore
import ImpactIngest
import ImpactRender

/// What `impact run` was asked to do.
public struct RunOptions: Sendable {
    public var pipelinePath: String
    public var asOf: Day
    /// The output folder; `reports/<pipeline name>` when nil.
    public var outputFolder: String?
    public var maxRejected: RejectLimit?
    public var pdf: Bool
    public var wait: Bool
    public var allowRevision: Bool
    /// The month of the monthly report (`--month`); the last complete month on `asOf` when nil.
    public var month: CalendarMonth?
    /// Draw a progress line on stderr during long reads (only when stderr is a terminal).
    public var progress: Bool

    public init(pipelinePath: String, asOf: Day, outputFolder: String? = nil, maxRejected: RejectLimit? = nil,
                pdf: Bool = false, wait: Bool = true, allowRevision: Bool = false, month: CalendarMonth? = nil,
                progress: Bool = false) {
        self.pipelinePath = pipelinePath
        self.asOf = asOf
        self.outputFolder = outputFolder
        self.maxRejected = maxRejected
        self.pdf = pdf
        self.wait = wait
        self.allowRevision = allowRevision
        self.month = month
        self.progress = progress
    }
}

/// Runs a pipeline: ingest, check, compute, render, write — every output
/// atomically, under the output folder's lock.
public enum Runner {
    public static func run(_ options: RunOptions, log: (String) -> Void = { _ in }) throws(PipelineError) -> RunReport {
        let pipeline: PipelineDefinition
        do {
            pipeline = try PipelineDefinition.load(path: options.pipelinePath)
        } catch {
            throw .configuration(error.description)
        }
        let folder = options.outputFolder ?? "reports/\(pipeline.name)"
        let lock: OutputLock
        do {
            lock = try OutputLock(folder: folder, wait: options.wait)
        } catch {
            if case .busy = error { throw .busy(error.description) }
            throw .output(error.description)
        }
        defer { lock.release() }
        TemporaryFileSweep.sweep(folder: folder)
        let figuresPath = folder + "/figures.json"
        let prefetch = RunPrefetch(templatesDirectory: pipeline.file.templatesDirectory,
                                   template: pipeline.factsheet.map { $0.template ?? $0.layout }, figuresPath: figuresPath)
        defer { prefetch.finish() }

        let monthly = try MonthlyStage.prepare(pipeline, month: options.month, asOf: options.asOf)
        let progress = ProgressLine(enabled: options.progress)
        // The monthly report's engines fold in the source jobs, beside the run's, and the
        // parts count their rows for the progress line: the run reads in parts either way.
        let computed = try compute(pipeline, asOf: options.asOf, rejectedFolder: folder, alongside: monthly?.fold,
                                   progress: progress, log: log)
        var warnings = computed.warnings
        // A figures.json that is there but does not read would turn the revision guard
        // off without a word: refused, unless the run is told to publish regardless.
        let previousFigures: PreviousFigures?
        switch prefetch.previous {
        case .success(let figures): previousFigures = figures
        case .failure(let unreadable):
            guard options.allowRevision else {
                computed.cancelRejected()
                throw .previousUnreadable(unreadable.description)
            }
            warnings.append("\(unreadable.description); nothing was compared with it (--allow-revision), and this run's figures.json replaces it")
            previousFigures = nil
        }
        var writes: [(name: String, text: String)] = []
        var published: [(metric: String, exact: String, published: String)] = []
        var sheet: FactSheet?
        let pipelineName = pipeline.name, since = pipeline.file.since, asOf = options.asOf
        let until = computed.period.until, inputs = computed.sources.map(FiguresFile.input), results = computed.results
        @Sendable func figuresFile(_ sheet: FactSheet?, _ warnings: [String], _ monthly: MonthlyFigures?) -> FiguresFile {
            FiguresFile(
                tool: "impact", version: ImpactVersion.current, pipeline: pipelineName, asOf: asOf,
                since: since, until: until, inputs: inputs,
                headline: (sheet?.headline ?? []).map {
                    FiguresFile.Headline(metric: $0.metric, label: $0.label, exact: $0.exact, published: $0.published,
                                         rounding: $0.rule, wasCut: $0.wasCut)
                },
                milestones: sheet?.milestones ?? [], metrics: results, warnings: warnings, monthly: monthly)
        }
        /// figures.json, encoded beside the renders when nothing after them changes it (no monthly report).
        var encodedFigures: Result<String, any Error>?
        if let definition = pipeline.factsheet {
            let built: (FactSheet, [FactSheetWarning])
            do {
                built = try FactSheetBuilder.build(definition: definition, results: computed.resultsByName,
                                                   asOf: options.asOf, locale: pipeline.locale)
            } catch {
                throw .configuration(error.inFile(pipeline.file.path).description)
            }
            sheet = built.0
            warnings += built.1.map { $0.finding(file: pipeline.file.path).description }
            // The HTML and the text are rendered side by side, from the templates loaded
            // while the sources were read; the first failure in that order is reported.
            // Without a monthly report figures.json is final already: encoded beside them.
            let templates = prefetch.templates(named: built.0.template)
            let rendered = ResultSlots<Result<String, RenderError>>(count: 2)
            let encoded = ResultSlots<Result<String, any Error>>(count: 1)
            let factSheet = built.0
            let finalWarnings = monthly == nil ? warnings : nil
            SideBySide.run(finalWarnings == nil ? 2 : 3, label: "render") { k in
                if k == 2, let finalWarnings {
                    encoded.set(0, Result { try figuresFile(factSheet, finalWarnings, nil).encoded() })
                    return
                }
                rendered.set(k, (k == 0 ? templates.html : templates.text).map { $0.render(factSheet) })
            }
            encodedFigures = encoded.values().first
            for (name, result) in zip(["factsheet.html", "factsheet.txt"], rendered.values()) {
                switch result {
                case .success(let text): writes.append((name, text))
                case .failure(let error): throw .configuration(error.description)
                }
            }
            published = built.0.headline.map { ($0.metric, $0.exactText, $0.published) }
        }

        var monthlyFigures: MonthlyFigures?
        if let monthly {
            // The fold given to compute comes back folded: anything else is a bug, and no
            // report is better than one of zeros.
            guard let folded = computed.alongside as? MonthlyFold else {
                computed.cancelRejected()
                throw .output("the monthly report's figures were not computed (a bug in impact: please report it); nothing was published")
            }
            let output = try monthly.finish(folded: folded, sources: computed.sources, previous: previousFigures, asOf: options.asOf,
                                            locale: pipeline.locale, templates: pipeline.file.templatesDirectory)
            writes.append(("monthly.html", output.html))
            writes.append(("monthly.txt", output.text))
            warnings += output.revisionLines
            monthlyFigures = output.figures
        }
        if !options.allowRevision, let previous = previousFigures {
            let shrinking = RevisionGuard.shrinking(previous: previous, current: computed.results)
            if !shrinking.isEmpty {
                computed.cancelRejected()
                throw .revision(shrinking)
            }
        }
        do {
            let text = try encodedFigures?.get() ?? figuresFile(sheet, warnings, monthlyFigures).encoded()
            writes.append(("figures.json", text))
        } catch {
            throw .output("cannot encode figures.json: \(error)")
        }

        // Rejected-rows files, then the documents, then figures.json last: each
        // rename is atomic, and figures.json names the run that is complete.
        var written: [String] = []
        var sources = computed.sources
        do {
            for (index, processor) in computed.processors.enumerated() {
                sources[index].rejectedFile = try processor.finish()
                if let file = sources[index].rejectedFile { written.append(file) }
            }
            for (name, text) in writes {
                let path = folder + "/" + name
                try AtomicFile.write(text, to: path)
                written.append(path)
            }
        } catch {
            throw .output("\(error)")
        }
        if options.pdf, writes.contains(where: { $0.name == "factsheet.html" }) {
            switch PDFPrinter.print(html: folder + "/factsheet.html", to: folder + "/factsheet.pdf", asOf: options.asOf) {
            case .written(let path): written.append(path)
            case .unavailable(let advice): warnings.append(advice)
            case .failed(let reason): warnings.append("the PDF was not made: \(reason)")
            }
        }
        let read = sources.reduce(0) { $0 + $1.tally.read }
        let rejected = sources.reduce(0) { $0 + $1.tally.rejected }
        var report = RunReport(pipeline: pipeline.name, asOf: options.asOf, since: pipeline.file.since, sources: sources,
                               results: computed.results, published: published, warnings: warnings, written: written,
                               outputFolder: folder,
                               rejectLimitExceeded: options.maxRejected?.isExceeded(rejected: rejected, read: read) ?? false)
        // Without a limit, a source of which every row was rejected is beyond any (`whollyRejected`).
        if options.maxRejected == nil && !report.whollyRejected.isEmpty { report.rejectLimitExceeded = true }
        return report
    }
}
