/// Rows a run rejects whole, before any field is read as its type, with one finding
/// where the checks would give one a field: a row whose every field is empty (a row a
/// spreadsheet kept after its values were cleared, `RowBuffer.isBlank`), and a row that
/// repeats the header (exports pasted one under another, `RowMapper.repeatsHeader`).
/// `impact inspect` warns of the same rows with the same words.
public enum WholeRowCheck: String, Sendable {
    case blank
    case repeatedHeader = "repeated_header"

    public var message: String {
        switch self {
        case .blank: return "every field of the row is empty"
        case .repeatedHeader: return "the row repeats the header"
        }
    }

    public var hint: String {
        switch self {
        case .blank: return "a row a spreadsheet kept after its values were cleared; delete it from the export"
        case .repeatedHeader: return "two exports pasted one under the other? delete this line, or read the exports as files of their own"
        }
    }

    public func finding(file: String, line: Int, severity: Finding.Severity = .error) -> Finding {
        Finding(file: file, line: line, check: rawValue, message: message, hint: hint, severity: severity)
    }
}
