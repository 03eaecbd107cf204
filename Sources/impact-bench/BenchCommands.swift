import Foundation

/// The benchmark commands, by name. Hidden commands (starting with `_`) are
/// the child processes a benchmark re-invokes so that each measurement has
/// its own peak memory.
enum BenchCommands {
    struct Command: Sendable {
        var name: String
        var summary: String
        var run: @Sendable ([String]) throws -> Int32
    }

    static let all: [Command] = [
        Command(name: "ingest", summary: "CSV and JSON Lines reading speed and peak memory "
                + "(--rows N, default 1000000; --dir DIR, default bench-data; --repeat N, default 3)",
                run: IngestBench.main),
        Command(name: "_measure-ingest", summary: "", run: IngestBench.child),
        Command(name: "query", summary: "rows by year and office plus distinct persons per office, against libcsv's "
                + "bare parse and polars, DuckDB, Miller where installed (--rows N, default 1000000; --dir DIR; "
                + "--file CSV; --repeat N, default 3; --python PATH; --miller)",
                run: QueryBench.main),
        Command(name: "_measure-query", summary: "", run: QueryBench.child),
    ]

    static func run(_ arguments: [String]) -> Int32 {
        guard let name = arguments.first, let command = all.first(where: { $0.name == name }) else {
            var usage = "usage: impact-bench COMMAND [options]\n\ncommands:\n"
            for command in all where !command.name.hasPrefix("_") {
                usage += "  \(command.name)  \(command.summary)\n"
            }
            FileHandle.standardError.write(Data(usage.utf8))
            return arguments.first == nil || arguments.first == "--help" ? 0 : 2
        }
        do {
            return try command.run(Array(arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("impact-bench \(name): \(error)\n".utf8))
            return 1
        }
    }

    /// The value after `--name`, if given.
    static func option(_ name: String, in arguments: [String]) -> String? {
        guard let at = arguments.firstIndex(of: name), at + 1 < arguments.count else { return nil }
        return arguments[at + 1]
    }

    /// Peak resident memory of this process, in bytes.
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    /// This executable's path, to re-invoke it.
    static func executable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
}
