import ImpactCore

extension Runner {
    /// For the metrics' `matching:` (`MetricMatch`): reads each source they look in once, before
    /// any source is folded, and fills each match's keys with the values of its field on the
    /// source's accepted records in scope that pass its `where`, dated (by its `date`, else the
    /// source's primary date) on or before `until`. A record without that date is not placed,
    /// so its value is not taken (a source with no date at all gives every record's). This read
    /// writes no rejected rows and reports no finding: the source's own read does both. Its
    /// relationship checks, which look up sources not read yet, are left out here.
    static func readMatchKeys(_ pipeline: PipelineDefinition, asOf: Day, until: Day,
                              log: (String) -> Void) throws(PipelineError) {
        let matches = pipeline.metrics.compactMap { metric in metric.matching.map { (metric.name, $0) } }
        for name in Set(matches.map(\.1.source)).sorted() {
            guard var source = pipeline.source(named: name) else { continue }  // the engine refused it already
            log("reading \(name) (\(source.path)) for the values that metrics' matching: looks up")
            var wanted: [(lookup: MetricMatch.Lookup, keys: MatchKeys)] = []
            for (metric, match) in matches where match.source == name {
                do {
                    wanted.append((try match.lookup(in: source.schema, what: "metric '\(metric)'"), match.keys))
                } catch {
                    throw .configuration(error.inFile(pipeline.file.path).description)
                }
            }
            source.checks.removeAll { if case .relationships = $0.rule { return true } else { return false } }
            let found = KeySets(count: wanted.count)
            // No fingerprint: the source's own read hashes the file for the provenance.
            let (_, processor) = try SourceIngest.run(source, pipeline: pipeline.file, asOf: asOf, relationships: [:],
                                                      rejectedFolder: nil, fingerprint: false) { record in
                for (k, want) in wanted.enumerated() {
                    if let dateSlot = want.lookup.dateSlot {
                        guard case .date(let day) = record[dateSlot], day <= until else { continue }
                    }
                    let value = record[want.lookup.slot]
                    if !value.isMissing && want.lookup.filter.matches(record) { found.sets[k].insert(value.display) }
                }
            }
            processor.cancel()
            for (k, want) in wanted.enumerated() { want.keys.fill(found.sets[k]) }
        }
    }

    /// The sets the reading's closure fills (one thread: the source is read in one piece).
    private final class KeySets {
        var sets: [Set<String>]
        init(count: Int) { sets = Array(repeating: [], count: count) }
    }
}
