/// What a reader detected about a file, for `impact inspect` and run logs.
public struct SourceFormat: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable {
        case csv
        case jsonArray = "json-array"
        case jsonLines = "json-lines"
        case jsonWrapped = "json-wrapped"
        /// An object of records keyed by id (`JSONKeyedRecords`).
        case jsonKeyed = "json-keyed"
    }

    public enum LineEnding: String, Sendable, Codable, Equatable {
        case lf = "LF", crlf = "CRLF", cr = "CR", mixed, none
    }

    public var kind: Kind
    /// The wrapping object's key that holds the records (json-wrapped only).
    public var recordsKey: String?
    /// A JSON table export (rows as lists of values): where its columns' names came from,
    /// the key of the list that names them (`headers`, `columns`) or `first row`.
    public var columnsFrom: String?
    /// The file's encoding as read: "UTF-8", or the encoding a CSV file was transcoded from
    /// ("Windows-1252", "UTF-16LE"...). Other encodings are refused with a message.
    public var encoding: String
    /// Whether the file starts with a UTF-8 byte-order mark (it is skipped).
    public var bom: Bool
    public var lineEnding: LineEnding
    /// The CSV field separator as text (`,` `;` `\t` `|`); nil for JSON.
    public var delimiter: String?
    /// 1-based line of the CSV header; nil for JSON or when no header was found.
    public var headerLine: Int?
    public var bytesRead: Int
    /// The column names at the end of reading (CSV: the header; JSON: every flattened key met).
    public var columns: [String]

    public init(kind: Kind, recordsKey: String? = nil, columnsFrom: String? = nil, encoding: String = "UTF-8", bom: Bool = false,
                lineEnding: LineEnding = .none, delimiter: String? = nil, headerLine: Int? = nil,
                bytesRead: Int = 0, columns: [String] = []) {
        self.kind = kind
        self.recordsKey = recordsKey
        self.columnsFrom = columnsFrom
        self.encoding = encoding
        self.bom = bom
        self.lineEnding = lineEnding
        self.delimiter = delimiter
        self.headerLine = headerLine
        self.bytesRead = bytesRead
        self.columns = columns
    }
}

/// Counts the line ends a reader meets and names the style.
struct LineEndCounter {
    var lf = 0
    var crlf = 0
    var cr = 0

    var style: SourceFormat.LineEnding {
        let kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0)
        if kinds == 0 { return .none }
        if kinds > 1 { return .mixed }
        return lf > 0 ? .lf : (crlf > 0 ? .crlf : .cr)
    }
}
