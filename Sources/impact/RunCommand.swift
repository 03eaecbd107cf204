import ArgumentParser
import ImpactCore
import ImpactPipeline

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Ingest, check, compute and render a pipeline's fact sheet.",
        discussion: """
        Writes to reports/<pipeline name>/ (or --out): factsheet.html, factsheet.txt, figures.json and \
        rejected/<source>.csv; with a 'monthly:' section, monthly.html and monthly.txt for the last month \
        complete on --as-of (or --month). Every file is written atomically; a lock keeps two runs on one \
        folder apart. Nothing prompts: safe to run from cron (see docs/cron.md).

        \(ExitStatus.helpText)
        """
    )

    @Argument(help: "The pipeline file, e.g. pipelines/mumbai-brochure.yml.")
    var pipeline: String

    @OptionGroup var common: CommonOptions

    @Option(help: "The output folder (default: reports/<pipeline name>).")
    var out: String?

    @Option(name: .customLong("max-rejected"), help: ArgumentHelp("Exit with status 1 when more rows than this are rejected: a count (20) or a share (2%).", valueName: "n|n%"))
    var maxRejected: String?

    @Flag(help: "Also print the HTML to factsheet.pdf with headless Chromium, when installed.")
    var pdf = false

    @Flag(name: .customLong("no-wait"), help: "Exit with status 4 instead of waiting when another run holds the output folder.")
    var noWait = false

    @Flag(name: .customLong("allow-revision"), help: "Publish even when a cumulative figure shrinks against the previous figures.json.")
    var allowRevision = false

    @Option(help: ArgumentHelp("The monthly report's month, yyyy-MM (default: the last month complete on --as-of).", valueName: "month"))
    var month: String?

    func validate() throws {
        if let month {
            guard let parsed = CalendarMonth(iso: month) else {
                throw ValidationError("--month must be a month written yyyy-MM, such as 2019-10; got '\(month)'")
            }
            if parsed.lastDay > common.day {
                throw ValidationError("--month \(month) is not over on the as-of date \(common.day.iso); give a month that has ended")
            }
        }
        if let maxRejected, RejectLimit(maxRejected) == nil {
            throw ValidationError("--max-rejected takes a count (20) or a percentage (2%); got '\(maxRejected)'")
        }
    }

    func run() throws {
        let logger = common.makeLogger()
        let options = RunOptions(pipelinePath: pipeline, asOf: common.day, outputFolder: out,
                                 maxRejected: maxRejected.flatMap(RejectLimit.init), pdf: pdf, wait: !noWait,
                                 allowRevision: allowRevision, month: month.flatMap(CalendarMonth.init(iso:)),
                                 progress: !common.quiet)
        let report: RunReport
        do {
            report = try Runner.run(options) { logger.debug("\($0)") }
        } catch {
            logger.error("\(error.description)")
            throw ExitCode(error.exitStatus)
        }
        for warning in report.warnings { logger.warning("\(warning)") }
        if !common.quiet { say(RunSummary.text(report)) }
        if report.rejectLimitExceeded {
            if let maxRejected {
                logger.error("\(report.totalRejected) of \(report.totalRead) rows rejected, beyond --max-rejected \(maxRejected)")
            } else {
                // Without a limit: sources of which every row was rejected (their zeros were written).
                for line in report.whollyRejected { logger.error("\(line)") }
            }
            throw ExitCode(ExitStatus.findings)
        }
    }
}
