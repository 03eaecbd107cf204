import ImpactCore
import ImpactIngest

/// `impact inspect` on every core: a large CSV or JSON Lines file is cut at record
/// boundaries (`ParallelReader`), each part gathered by its own `InspectCollector`, the
/// collectors merged in file order. The report is the one-piece reader's (`Inspector`):
/// counts, missing values, first samples, findings and their lines.
public enum ParallelInspect {
    public static func inspect(path: String, format: InputFormat = .auto, samples: Bool = true,
                               showIdentifying: Bool = false,
                               maxFindings: Int = InspectCollector.defaultMaxFindings,
                               parts: Int = ParallelReader.queryParts,
                               minimumPartBytes: Int = 4 << 20) throws -> InspectReport {
        try read(path: path, format: format, samples: samples, showIdentifying: showIdentifying, maxFindings: maxFindings,
                 parts: parts, minimumPartBytes: minimumPartBytes).report
    }

    /// `inspect`, and how many parts the file was read in (1: in one piece).
    static func read(path: String, format: InputFormat, samples: Bool, showIdentifying: Bool, maxFindings: Int,
                     parts: Int, minimumPartBytes: Int) throws -> (report: InspectReport, parts: Int) {
        let empty = Inspector.collector(path: path, samples: samples, showIdentifying: showIdentifying,
                                        maxFindings: maxFindings)
        let outcome = try ParallelReader.read(path: path, format: format, parts: parts,
                                              minimumPartBytes: minimumPartBytes) { _, _ in empty }
        var merged = outcome.sinks.first ?? empty
        for (index, part) in outcome.sinks.enumerated().dropFirst() {
            merged.merge(following: part, repeated: index < outcome.repeated.count ? outcome.repeated[index] : [])
        }
        return (Inspector.report(merged, format: outcome.format, path: path, maxFindings: maxFindings), outcome.parts)
    }
}
