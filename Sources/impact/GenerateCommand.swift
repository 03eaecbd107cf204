import ArgumentParser
import ImpactPipeline

/// `impact generate`: synthetic exports of any size for tests and benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic rescue, suspect and training exports (seeded, streaming).",
        discussion: """
            Writes rescues.csv (N rows), suspects.csv (about 0.3 per rescue row) and \
            trainings.csv (one per 7 rescue rows) into the output directory. The same seed \
            and options always give the same bytes. Every name is made up.
            """
    )

    @Option(help: "Rescue rows to write.")
    var rows: Int

    @Option(help: "The output directory (created when missing).")
    var out: String

    @Option(help: "The seed: the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Flag(help: "BOM, CRLF, quoted commas, quotes and line breaks in places, made-up unicode names.")
    var messy = false

    @Flag(help: "Also write each source as JSON Lines (rescues.jsonl, ...).")
    var jsonl = false

    @Option(help: "Comma-separated sources: rescues, suspects, trainings.")
    var sources = "rescues,suspects,trainings"

    @Option(help: "Share of rescue rows that are a person's first rescue (0.3: 10M rows, ~3M persons).")
    var newPersonShare = 0.3

    @Option(help: "Indicator columns after the rescue fields (a wide export, as DHIS2 writes); the other columns stay the same.")
    var extraColumns = 0

    @Flag(help: "Person ids as UUIDs (36 characters, as KoboToolbox writes) instead of P1, P2, ...; the other columns stay the same.")
    var uuidIds = false

    func validate() throws {
        _ = try parsedSources()
        if let problem = options(sources: []).problems.first(where: { !$0.contains("--sources") }) {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let summary = try ExportGenerator(options: options(sources: parsedSources())).run(into: out)
        for file in summary.files {
            print("\(out)/\(file.name)  \(file.rows) rows  \(file.bytes) bytes")
        }
        if summary.distinctPersons > 0 { print("distinct persons: \(summary.distinctPersons)") }
        if summary.distinctSuspects > 0 { print("distinct suspects: \(summary.distinctSuspects)") }
    }

    private func options(sources: Set<GeneratedSource>) -> GenerateOptions {
        GenerateOptions(rows: rows, seed: seed, messy: messy, jsonLines: jsonl, sources: sources,
                        newPersonShare: newPersonShare, extraColumns: extraColumns, uuidIDs: uuidIds)
    }

    private func parsedSources() throws -> Set<GeneratedSource> {
        var found = Set<GeneratedSource>()
        for name in sources.split(separator: ",") {
            let trimmed = String(name.filter { $0 != " " })
            guard let source = GeneratedSource(rawValue: trimmed) else {
                throw ValidationError("unknown source '\(trimmed)' in --sources (known: rescues, suspects, trainings)")
            }
            found.insert(source)
        }
        if found.isEmpty { throw ValidationError("--sources names no source") }
        return found
    }
}
