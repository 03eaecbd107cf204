import Foundation
import ImpactCore

/// Writes synthetic rescue, suspect and training exports of any size, streaming:
/// memory stays flat however many rows are asked for.
///
/// Each source draws from its own SplitMix64 stream of the seed, and the operations
/// (date, office, size) from another, so a source's bytes do not depend on which
/// other sources are written, nor on `jsonLines`.
public struct ExportGenerator: Sendable {
    public let options: GenerateOptions

    public init(options: GenerateOptions) {
        self.options = options
    }

    /// Writes the files into `directory` (created when missing) and says what it wrote.
    public func run(into directory: String) throws(GenerateError) -> GenerateSummary {
        if let problem = options.problems.first { throw GenerateError(path: directory, reason: problem) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GenerateError(path: directory, reason: "the directory cannot be created (\(error))")
        }
        let tables = GeneratorTables()
        var rescues = options.sources.contains(.rescues)
            ? try RescueRows(options: options, tables: tables, directory: directory) : nil
        var suspects = options.sources.contains(.suspects)
            ? try SuspectRows(options: options, tables: tables, directory: directory) : nil
        if rescues != nil || suspects != nil {
            var operationsRNG = SplitMix64(seed: options.seed, stream: 1)
            var left = options.rows
            var number = 0
            while left > 0 {
                number += 1
                let day = tables.day(&operationsRNG)
                let office = tables.offices.draw(&operationsRNG)
                let persons = min(left, tables.operationSizes.draw(&operationsRNG))
                let operation = Operation(number: number, day: day, year: day.year, office: office, persons: persons)
                try rescues?.write(operation)
                try suspects?.write(operation)
                left -= persons
            }
        }
        var files: [GeneratedFile] = []
        if let rescues { files += try rescues.files.finish() }
        if let suspects { files += try suspects.files.finish() }
        if options.sources.contains(.trainings) {
            var trainings = try TrainingRows(options: options, tables: tables, directory: directory)
            try trainings.write(count: options.trainingRows)
            files += try trainings.files.finish()
        }
        return GenerateSummary(files: files, distinctPersons: rescues?.persons ?? 0,
                               distinctSuspects: suspects?.suspects ?? 0)
    }
}
