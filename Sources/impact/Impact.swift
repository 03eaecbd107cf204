import ArgumentParser
import ImpactPipeline

@main
struct Impact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Impact statistics and fact sheets from field-office exports.",
        discussion: ExitStatus.helpText,
        version: ImpactVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, QueryCommand.self, InspectCommand.self, GenerateCommand.self]
    )
}
