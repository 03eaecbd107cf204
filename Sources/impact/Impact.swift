import ArgumentParser
import ImpactPipeline

@main
struct Impact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Impact statistics and fact sheets from field-office exports.",
        version: "0.1.0",
        subcommands: [GenerateCommand.self]
    )
}
