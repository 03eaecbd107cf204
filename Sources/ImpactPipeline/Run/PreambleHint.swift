import ImpactCore
import ImpactIngest

/// What to say when a CSV source's header lacks the columns the pipeline names and
/// a line further down holds them (a title or an export note above the header): the
/// `preamble_lines` that skips the lines above it.
enum PreambleHint {
    static func hint(definition: SourceDefinition, file: String, delimiter: UInt8) -> ([ColumnMapping]) -> String? {
        { absent in
            guard definition.format == .csv else { return nil }
            let headerLine = definition.preambleLines + 1
            guard let line = HeaderLineSearch.line(holding: absent.map(\.headers), path: file, delimiter: delimiter,
                                                   after: headerLine) else { return nil }
            return "line \(line) holds them: if the lines above it are a title or notes, "
                + "set csv: { preamble_lines: \(line - 1) } in source '\(definition.name)'"
        }
    }
}
