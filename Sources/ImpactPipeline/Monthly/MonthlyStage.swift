import ImpactCore
import ImpactRender

/// The monthly report's part of a run: built before the sources are read (its
/// engines, `fold`, go to the run's source jobs, which fold each record as it
/// passes), finished after, when it renders `monthly.html` and `monthly.txt` from
/// the folded engines and gives the figures for figures.json.
struct MonthlyStage {
    let definition: MonthlyDefinition
    let month: CalendarMonth
    /// The report's engines, before any record is folded.
    let fold: MonthlyFold

    /// The stage of a pipeline with a `monthly:` section; nil without one.
    /// `month` is the month asked for (`--month`), else the last complete month on `asOf`.
    static func prepare(_ pipeline: PipelineDefinition, month asked: CalendarMonth?, asOf: Day) throws(PipelineError) -> MonthlyStage? {
        guard let node = pipeline.file.monthly else {
            if let asked {
                throw .configuration("\(pipeline.file.path): --month \(asked.iso) asks for the monthly report, but the pipeline has no 'monthly:' section")
            }
            return nil
        }
        let month = asked ?? CalendarMonth.lastComplete(asOf: asOf)
        guard month.lastDay <= asOf else {
            throw .configuration("the month \(month.iso) is not complete on the as-of date \(asOf.iso); give an earlier --month or a later --as-of")
        }
        do {
            let definition = try MonthlyDefinition.decode(node: node, metrics: pipeline.metrics)
            // Only the metrics the report shows, and those its ratios divide.
            var needed = Set(definition.items.map(\.metric))
            for metric in pipeline.metrics where needed.contains(metric.name) {
                if case .ratio(let numerator, let denominator, _) = metric.kind { needed.formUnion([numerator, denominator]) }
            }
            let fold = try MonthlyFold(month: month, definitions: pipeline.metrics.filter { needed.contains($0.name) },
                                       schemas: pipeline.schemas)
            return MonthlyStage(definition: definition, month: month, fold: fold)
        } catch {
            throw .configuration(error.inFile(pipeline.file.path).description)
        }
    }

    private init(definition: MonthlyDefinition, month: CalendarMonth, fold: MonthlyFold) {
        self.definition = definition
        self.month = month
        self.fold = fold
    }

    /// What the stage hands back to the run.
    struct Output {
        var report: MonthlyReport
        var figures: MonthlyFigures
        var html: String
        var text: String
        /// One line per revised figure, for the run's log.
        var revisionLines: [String]
    }

    /// Builds and renders the report from `folded` (`fold` after the run read every source);
    /// `previous` is the folder's figures.json before this run.
    func finish(folded: MonthlyFold, sources: [SourceReport], previous: PreviousFigures?, asOf: Day, locale: NumberLocale,
                templates: String) throws(PipelineError) -> Output {
        let (report, figures) = MonthlyReportBuilder.build(definition: definition, values: folded.values(),
                                                           previous: previous?.monthly, sources: sources,
                                                           asOf: asOf, locale: locale)
        let html: String, text: String
        do {
            html = try HTMLRenderer(templatesDirectory: templates).render(model: report, template: report.template)
            text = try TextRenderer(templatesDirectory: templates).render(model: report, template: report.template)
        } catch {
            throw .configuration(error.description)
        }
        let lines = report.revisions.map {
            "revised since published: \($0.metric) in \($0.month): was \($0.was), now \($0.now)"
        }
        return Output(report: report, figures: figures, html: html, text: text, revisionLines: lines)
    }
}
