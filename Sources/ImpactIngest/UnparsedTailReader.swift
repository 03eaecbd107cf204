import CLibCSV
import ImpactCore

/// Parses, when a sink asks (`RowBuffer.readUnparsedColumns`), the fields the CSV reader
/// left unparsed at the end of a line (`CSVDriver.feedLinePrefix`): columns the sink keeps
/// but reads only for some rows, such as a rejected row's values. The line is one without
/// quotes in valid UTF-8 whose part before the cut lost nothing to libcsv's trimming, so its
/// own libcsv parser, spaces as data, reads the rest as a whole-line parse would have, and
/// the values are left where they lie on the line, as the reader leaves the others.
final class UnparsedTailReader: UnparsedColumnsReader {
    private let parser: LibCSVParser
    private let state: CSVParseState
    /// The last column parsed before the cut.
    private let column: Int

    init(row: RowBuffer, keep: [Bool]?, column: Int, options: CSVOptions, delimiter: UInt8,
         path: String) throws(IngestError) {
        parser = try LibCSVParser(delimiter: delimiter, path: path)
        state = CSVParseState(row: row, maxStored: options.maxFieldsPerRecord + 1,
                              maxFieldBytes: options.maxFieldBytes, delimiter: delimiter)
        state.keepColumns(keep, hashing: false)
        state.inHeader = false
        self.column = column
    }

    func readUnparsed(_ row: RowBuffer, line: UnsafeRawPointer, at: Int, lineLength: Int) {
        guard row === state.row, at < lineLength else { return }
        // The fields before the cut: `column + 1` of them, `at - column` bytes (the line up to
        // the cut, less its delimiters), so that each field's place on the line comes out right.
        state.resumeOnLine(fieldIndex: column + 1, bytesBefore: at - column)
        let data = state.context
        let consumed = csv_parse(parser.pointer, line + at + 1, lineLength - at - 1, csvFieldCallback, csvRowCallback, data)
        let ended = csv_parse(parser.pointer, parser.lineEnd, 1, csvFieldCallback, csvRowCallback, data)
        assert(consumed == lineLength - at - 1 && ended == 1 && csv_error(parser.pointer) == CSV_SUCCESS,
               "a line without quotes failed to parse")
        if csv_error(parser.pointer) != CSV_SUCCESS { parser.reset() }
        state.copyValues()
    }
}
