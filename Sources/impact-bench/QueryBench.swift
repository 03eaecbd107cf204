import Foundation
import ImpactCore
import ImpactIngest
import ImpactPipeline

/// `impact-bench query`: the issue 4 / issue 7 aggregation (rows by year and
/// office, distinct persons per office) on a generated rescue CSV, by libcsv
/// alone (the ratio's base), by this product (one core, then both), and by
/// polars, DuckDB and Miller where installed; every tool in its own child
/// process, rounds alternating the tools, best round kept.
enum QueryBench {
    /// The child: `_measure-query bare|impact|impact-parallel PATH`; prints the digest.
    static func child(_ arguments: [String]) throws -> Int32 {
        guard arguments.count == 2 else { throw BenchError(description: "usage: _measure-query bare|impact|impact-parallel PATH") }
        let path = arguments[1]
        switch arguments[0] {
        case "bare":
            let result = try LibCSVBaseline.parse(path: path)
            print("records=\(result.records - 1)")
        case "impact":
            let (a, b, rejected) = try QueryWork.run(path: path)
            print(QueryWork.digest(a, b) + (rejected > 0 ? " rejected=\(rejected)" : ""))
        case "impact-parallel":
            let (a, b, rejected) = try QueryWork.runParallel(path: path, parts: ParallelReader.queryParts)
            print(QueryWork.digest(a, b) + (rejected > 0 ? " rejected=\(rejected)" : ""))
        default:
            throw BenchError(description: "unknown mode \(arguments[0])")
        }
        return 0
    }

    struct Entry {
        var name: String
        var arguments: [String]
        var best: Spawn.Outcome?
        var skipped: String?
        /// Every round's seconds, in order (nil: the tool did not run that round).
        var rounds: [Double?] = []
    }

    static func main(_ arguments: [String]) throws -> Int32 {
        let rows = Int(BenchCommands.option("--rows", in: arguments) ?? "") ?? 1_000_000
        let dir = BenchCommands.option("--dir", in: arguments) ?? "bench-data"
        let repeats = max(1, Int(BenchCommands.option("--repeat", in: arguments) ?? "") ?? 3)
        let python = BenchCommands.option("--python", in: arguments)
            ?? ProcessInfo.processInfo.environment["IMPACT_BENCH_PYTHON"] ?? "python3"
        let path = try BenchCommands.option("--file", in: arguments) ?? ensureFile(rows: rows, dir: dir)
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let me = BenchCommands.executable()
        var entries = [
            Entry(name: "libcsv bare parse (1 core)", arguments: [me, "_measure-query", "bare", path]),
            Entry(name: "impact query (1 core)", arguments: [me, "_measure-query", "impact", path]),
            Entry(name: "impact query (all cores)", arguments: [me, "_measure-query", "impact-parallel", path]),
        ]
        for tool in OtherTools.tools(python: python, scriptDir: dir, runMiller: arguments.contains("--miller")) {
            entries.append(Entry(name: tool.name, arguments: tool.arguments(path), skipped: tool.skipped))
        }
        print("impact-bench query: \(path) (\(String(format: "%.1f", Double(bytes) / 1e6)) MB), "
              + "best of \(repeats) rounds alternating the tools, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        for round in 0..<repeats {
            for i in entries.indices {
                guard entries[i].skipped == nil else {
                    entries[i].rounds.append(nil)
                    continue
                }
                let outcome = try Spawn.run(entries[i].arguments)
                guard outcome.status == 0 else {
                    entries[i].skipped = "failed (exit \(outcome.status))"
                    entries[i].rounds.append(nil)
                    continue
                }
                entries[i].rounds.append(outcome.seconds)
                if round == 0 || outcome.seconds < (entries[i].best?.seconds ?? .infinity) { entries[i].best = outcome }
            }
        }
        return report(entries, bytes: bytes)
    }

    static func report(_ entries: [Entry], bytes: Int) -> Int32 {
        let base = entries.first?.best?.seconds ?? 0
        let expected = entries.first { $0.name.hasPrefix("impact query (1") }?.best?.output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        print("| tool | seconds | MB/s | peak RSS MB | vs bare parse | result |")
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        var met = true
        for entry in entries {
            guard let m = entry.best else {
                print("| \(entry.name) | - | - | - | - | skipped: \(entry.skipped ?? "no result") |")
                continue
            }
            let digest = String(m.output.split(separator: "\n").first ?? "")
            let ratio = base > 0 ? m.seconds / base : 0
            let rss = Double(m.peakRSS) / 1_048_576
            var note = digest
            if entry.name.hasPrefix("impact") || !entry.name.hasPrefix("libcsv") {
                if let expected, digest != expected { note += " (DIFFERS)" }
            }
            // The bar is for the query as it runs (all cores); the one-core row shows the engine alone.
            if entry.name.hasPrefix("impact query (all") {
                let ok = ratio <= 2.5 && rss < 300
                met = met && ok
                note += ok ? "; bar met (<= 2.5x, < 300 MB)" : "; bar MISSED (<= 2.5x, < 300 MB)"
            }
            print("| \(entry.name) | \(String(format: "%.2f", m.seconds)) | \(String(format: "%.0f", Double(bytes) / 1e6 / m.seconds)) | "
                  + "\(String(format: "%.1f", rss)) | \(String(format: "%.2f", ratio)) | \(note) |")
        }
        for line in ratioLines(entries) { print(line) }
        return met ? 0 : 1
    }

    /// Issue 7's ratios: the query on all cores against each other tool, as the
    /// ratio of the best rounds and as the median of each round's own ratio (the
    /// tools ran one after another in a round, so a busy minute slows both).
    static func ratioLines(_ entries: [Entry]) -> [String] {
        guard let ours = entries.first(where: { $0.name.hasPrefix("impact query (all") }), let ourBest = ours.best else { return [] }
        var lines: [String] = []
        for other in entries where !other.name.hasPrefix("impact") && !other.name.hasPrefix("libcsv") {
            guard let theirBest = other.best else { continue }
            let paired = zip(ours.rounds, other.rounds).compactMap { pair -> Double? in
                guard let a = pair.0, let b = pair.1, b > 0 else { return nil }
                return a / b
            }
            lines.append("impact query (all cores) / \(other.name): \(String(format: "%.2f", ourBest.seconds / theirBest.seconds))x "
                         + "(best rounds), \(String(format: "%.2f", paired.median() ?? .nan))x (median of \(paired.count) rounds' own ratios)")
        }
        return lines
    }

    /// `DIR/query-N/rescues.csv`, generated (rescues only, seed 1) when absent.
    static func ensureFile(rows: Int, dir: String) throws -> String {
        let folder = "\(dir)/query-\(rows)"
        let path = "\(folder)/rescues.csv"
        if FileManager.default.fileExists(atPath: path) { return path }
        FileHandle.standardError.write(Data("generating \(rows) rescue rows into \(folder) ...\n".utf8))
        let options = GenerateOptions(rows: rows, seed: 1, sources: [.rescues])
        _ = try ExportGenerator(options: options).run(into: folder)
        return path
    }
}
