import ArgumentParser
import ImpactCore
import ImpactPipeline

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a pipeline's validated records and figures into a SQLite file for analysts.",
        discussion: """
        One table per source (its accepted records in scope, with the source's `where` applied; identifying \
        columns are never read), typed columns, indexes on ids and dates, and a `figures` table with the run's \
        metrics (one row per metric and period; period NULL for the total). The file is built aside and \
        renamed into place, so re-running replaces it atomically. Open it with sqlite3, DuckDB or Datasette:

          impact export pipelines/mumbai-brochure.yml --sqlite mumbai.sqlite --as-of 2019-12-31
          sqlite3 mumbai.sqlite "select strftime('%Y', date) as year, count(distinct person_id) from rescues group by year"

        \\(ExitStatus.helpText)
        """
    )

    @Argument(help: "The pipeline file, e.g. pipelines/mumbai-brochure.yml.")
    var pipeline: String

    @Option(help: ArgumentHelp("The SQLite file to write (replaced if it exists).", valueName: "file"))
    var sqlite: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        let logger = common.makeLogger()
        let report: ExportReport
        do {
            report = try ExportRunner.export(ExportOptions(pipelinePath: pipeline, sqlitePath: sqlite, asOf: common.day,
                                                           progress: !common.quiet)) { logger.debug("\($0)") }
        } catch {
            logger.error("\(error.description)")
            throw ExitCode(error.exitStatus)
        }
        if !common.quiet {
            var lines = RunSummary.sourceLines(report.sources)
            lines.append("wrote \(report.path): \(report.sources.count) source tables and figures (\(report.results.count) metrics)")
            say(lines.joined(separator: "\n"))
        }
    }
}
