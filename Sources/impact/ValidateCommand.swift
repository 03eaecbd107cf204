import ArgumentParser
import ImpactCore
import ImpactPipeline

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Read and check a pipeline's sources; print findings grouped by check. Writes nothing.",
        discussion: """
        Exit status 0 when the rejected rows are within --max-rejected (default: none rejected), \
        1 beyond it, 2 for a configuration error.
        """
    )

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("max-rejected"), help: ArgumentHelp("Rejected rows tolerated: a count (20) or a share (2%). Default 0.", valueName: "n|n%"))
    var maxRejected: String?

    @Option(help: "How many findings to show per check.")
    var examples: Int = 10

    func validate() throws {
        if let maxRejected, RejectLimit(maxRejected) == nil {
            throw ValidationError("--max-rejected takes a count (20) or a percentage (2%); got '\(maxRejected)'")
        }
        if examples < 0 { throw ValidationError("--examples must be 0 or more") }
    }

    func run() throws {
        let logger = common.makeLogger()
        let report: ValidationReport
        do {
            report = try Runner.validate(pipelinePath: pipeline, asOf: common.day,
                                         maxRejected: maxRejected.flatMap(RejectLimit.init), progress: !common.quiet)
        } catch {
            logger.error("\(error.description)")
            throw ExitCode(error.exitStatus)
        }
        if !common.quiet || report.limitExceeded { say(ValidationText.text(report, examples: examples)) }
        if report.limitExceeded {
            logger.error("\(report.totalRejected) of \(report.totalRead) rows rejected, beyond the limit (\(maxRejected ?? "0"))")
            throw ExitCode(ExitStatus.findings)
        }
    }
}
