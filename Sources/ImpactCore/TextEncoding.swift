/// The character encoding of a CSV export. UTF-8 is read as it is; a
/// single-byte encoding (Excel on Windows saves Windows-1252) is transcoded to
/// UTF-8 as the file is read.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"

    /// Accepts the usual spellings: `UTF8`, `cp1252`, `latin-1`...
    public init?(name: String) {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8": self = .utf8
        case "windows1252", "cp1252", "win1252", "ansi": self = .windows1252
        case "iso88591", "latin1", "l1": self = .latin1
        default: return nil
        }
    }
}
