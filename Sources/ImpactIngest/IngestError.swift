/// A problem that stops a file from being read at all. Defects in the data
/// itself are `Finding` values delivered to the sink, never errors.
public enum IngestError: Error, CustomStringConvertible, Equatable, Sendable {
    case fileNotFound(path: String)
    case notAFile(path: String)
    case unreadable(path: String, reason: String)
    case unsupportedEncoding(path: String, encoding: String)
    /// A spreadsheet workbook (`.xlsx`, `.xls`, `.ods`), another archive, a PDF, a web page
    /// or an XML spreadsheet: not an export's text.
    case notText(path: String, kind: String)
    /// An encoding was named that the file's bytes cannot be in (UTF-16 without a zero byte).
    case notInNamedEncoding(path: String, encoding: String)
    /// JSON holding one object per column (pandas' default `DataFrame.to_json()`), not per record.
    case columnOriented(path: String)
    case fieldTooLarge(path: String, line: Int, limit: Int)
    case tooManyFields(path: String, line: Int, limit: Int)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): error: file not found (check the path, relative to the current directory)"
        case .notAFile(let path):
            return "\(path): error: not a regular file (give the path of an export file)"
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read the file: \(reason) (check its permissions)"
        case .unsupportedEncoding(let path, let encoding):
            let named = encoding.hasPrefix("UTF-16BE (no") ? "utf-16be" : encoding.hasPrefix("UTF-16LE (no") ? "utf-16le" : nil
            let naming = named.map { ", or, for a CSV file, name it in the pipeline: csv: { encoding: \($0) }" } ?? ""
            return "\(path): error: the file is \(encoding), not UTF-8 (save or export it again as UTF-8\(naming))"
        case .notText(let path, let kind):
            if kind == CSVDialect.pdf {
                return "\(path): error: the file is \(kind), not CSV or JSON (a report's tables cannot be read back "
                    + "reliably: ask for the data it was made from, exported as CSV or JSON)"
            }
            if kind == CSVDialect.gzip {
                return "\(path): error: the file is \(kind), not CSV or JSON (decompress it first, e.g. gunzip -k FILE, "
                    + "then read the file it holds; a query or an inspection can read it from a pipe: gunzip -c FILE | impact query -)"
            }
            if kind == CSVDialect.zip {
                return "\(path): error: the file is \(kind), not CSV or JSON (unpack it first, e.g. unzip FILE, then read "
                    + "the .csv or .json it holds; a query or an inspection can read one from a pipe: unzip -p FILE NAME | impact query -)"
            }
            return "\(path): error: the file is \(kind), not CSV or JSON (open it in its spreadsheet program and save it "
                + "as CSV UTF-8, e.g. File > Save As > CSV UTF-8, then read the .csv)"
        case .notInNamedEncoding(let path, let encoding):
            return "\(path): error: the file is not \(encoding), the encoding the pipeline or --encoding names: its first "
                + "bytes hold no zero byte, which \(encoding) text with delimiters and line ends always does (remove the "
                + "encoding to read it as UTF-8, or name the one it was saved in)"
        case .columnOriented(let path):
            return "\(path): error: the JSON holds one object per column, its members the rows' labels (as pandas' "
                + "DataFrame.to_json() writes by default, orient=\"columns\"), not one object per record (export it "
                + "again with to_json(orient=\"records\"), or orient=\"records\", lines=True for JSON Lines, or to_csv)"
        case .fieldTooLarge(let path, let line, let limit):
            return "\(path):\(line): error: a field is larger than \(limit) bytes, so reading stopped "
                + "(often an unclosed quote; check the quotes from this line on, or raise the field size limit)"
        case .tooManyFields(let path, let line, let limit):
            return "\(path):\(line): error: the header has more than \(limit) fields, so reading stopped "
                + "(check the delimiter, or raise the fields-per-record limit)"
        }
    }
}
