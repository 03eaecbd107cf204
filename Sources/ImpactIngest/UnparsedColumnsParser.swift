import CLibCSV
import ImpactCore

/// Parses, when a sink asks (`RowBuffer.readUnparsedColumns`), the kept columns the CSV
/// reader left unparsed on a line (`CSVDriver.feedSegments`): columns the sink keeps but
/// reads only for some rows, such as a rejected row's values. The line is one without
/// quotes in valid UTF-8 whose parsed parts lost nothing to libcsv's trimming, so its own
/// libcsv parser reads the whole line again, spaces as data, as a whole-line parse would
/// have: the values parsed before come out the same, the others fill their slots, all
/// left where they lie on the line, as the reader leaves them.
final class UnparsedColumnsParser: UnparsedColumnsReader {
    private let parser: LibCSVParser
    private let state: CSVParseState

    init(row: RowBuffer, keep: [Bool]?, options: CSVOptions, delimiter: UInt8, path: String) throws(IngestError) {
        parser = try LibCSVParser(delimiter: delimiter, path: path)
        state = CSVParseState(row: row, maxStored: options.maxFieldsPerRecord + 1,
                              maxFieldBytes: options.maxFieldBytes, delimiter: delimiter)
        state.keepColumns(keep, hashing: false)
        state.inHeader = false
    }

    func readUnparsed(_ row: RowBuffer, line: UnsafeRawPointer, lineLength: Int) {
        guard row === state.row else { return }
        state.resumeOnLine(fieldIndex: 0, bytesBefore: 0)
        let data = state.context
        let consumed = csv_parse(parser.pointer, line, lineLength, csvFieldCallback, csvRowCallback, data)
        let ended = csv_parse(parser.pointer, parser.lineEnd, 1, csvFieldCallback, csvRowCallback, data)
        assert(consumed == lineLength && ended == 1 && csv_error(parser.pointer) == CSV_SUCCESS,
               "a line without quotes failed to parse")
        if csv_error(parser.pointer) != CSV_SUCCESS { parser.reset() }
        state.copyValues()
    }
}
