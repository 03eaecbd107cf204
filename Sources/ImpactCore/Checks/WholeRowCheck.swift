/// Rows a run rejects whole, before any field is read as its type, with one finding
/// where the checks would give one a field: a row whose every field is empty (a row a
/// spreadsheet kept after its values were cleared, `RowBuffer.isBlank`), and a row that
/// repeats the header (exports pasted one under another, `RowMapper.repeatsHeader`), and a
/// spreadsheet's totals row (`RowBuffer.isTotals`: its first value is `Total` or the like),
/// which would count the rows above it twice.
/// `impact inspect` warns of the same rows with the same words.
public enum WholeRowCheck: String, Sendable {
    case blank
    case repeatedHeader = "repeated_header"
    case totals = "totals_row"

    public var message: String {
        switch self {
        case .blank: return "every field of the row is empty"
        case .repeatedHeader: return "the row repeats the header"
        case .totals: return "the row is a totals row (its first value is a label such as 'Total'), not a record"
        }
    }

    public var hint: String {
        switch self {
        case .blank: return "a row a spreadsheet kept after its values were cleared; delete it from the export"
        case .repeatedHeader: return "two exports pasted one under the other? delete this line, or read the exports as files of their own"
        case .totals: return "a spreadsheet's sum of the rows above it, left out so that they are not counted twice; export the table without its totals, or delete the row"
        }
    }

    public func finding(file: String, line: Int, severity: Finding.Severity = .error) -> Finding {
        Finding(file: file, line: line, check: rawValue, message: message, hint: hint, severity: severity)
    }
}
