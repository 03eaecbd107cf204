import ImpactCore

/// Receives what a reader reads, one record at a time.
///
/// Readers reuse one `RowBuffer` for every record: copy what you keep, the
/// buffer is overwritten by the next record. Errors a sink throws stop the
/// reading and pass through `SourceReader.read` unchanged.
public protocol RecordSink {
    /// A well-formed record. `row.line` = 1-based physical line where the record starts.
    mutating func record(_ row: RowBuffer) throws
    /// A record that could not be read whole (wrong field count, bad quote, invalid UTF-8,
    /// broken JSON line): it counts as read and rejected. `row` holds what was read.
    mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws
    /// A finding not tied to one record (empty file, header problems, a warning).
    mutating func finding(_ finding: Finding) throws
    /// Which columns of `columns` the sink reads from its rows, once the reader knows
    /// them (nil, the default: every one). The CSV reader leaves the others missing
    /// in the row, without copying their bytes; it still checks them (UTF-8, quotes).
    func columnsToKeep(_ columns: ColumnTable) -> [Bool]?
    /// Of the kept columns, those the sink reads in every row (nil, the default: all it
    /// keeps). It reads the others only now and then (a rejected row's values), after
    /// `RowBuffer.readUnparsedColumns`: the CSV reader may leave them unparsed on a line
    /// until then, as it leaves the columns it does not keep (`LineCutPlan`).
    func columnsReadInEveryRow(_ columns: ColumnTable) -> [Bool]?
    /// A hint, before the records of one part of a split file: about this many follow
    /// (the part's line ends), for tables sized once instead of grown on the way.
    mutating func expectRecords(_ count: Int)
    /// Whether the sink hashes whole rows (`RowHash.of`, the duplicate check): a CSV
    /// reader then hashes each record as it reads it (`RowBuffer.hashAsRead`), a line
    /// without quotes in one pass, any other record field by field, columns it leaves
    /// out (`columnsToKeep`) included, so that the hash is the whole row's.
    var hashesRowsAsRead: Bool { get }
    /// After the last record of one part of a split file, before the parts are merged
    /// (which waits for the slowest part): the sink may hand over what it holds back and
    /// let go of working memory, which the other parts would otherwise hold too.
    mutating func partRead()
}

extension RecordSink {
    public func columnsToKeep(_ columns: ColumnTable) -> [Bool]? { nil }
    public func columnsReadInEveryRow(_ columns: ColumnTable) -> [Bool]? { nil }
    public mutating func expectRecords(_ count: Int) {}
    public var hashesRowsAsRead: Bool { false }
    public mutating func partRead() {}
}
