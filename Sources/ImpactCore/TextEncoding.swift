/// The character encoding of a CSV export. UTF-8 is read as it is; the others are
/// transcoded to UTF-8 as the file is read: single-byte encodings (Excel on Windows
/// saves Windows-1252) and UTF-16 (Excel's "Unicode Text", recognised by its
/// byte-order mark).
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"

    /// The names the pipeline's `encoding` and `inspect --encoding` take, for messages.
    public static let accepted = "utf-8, utf-16 (utf-16le, utf-16be), windows-1252 or iso-8859-1"

    /// Accepts the usual spellings: `UTF8`, `cp1252`, `latin-1`, `UTF-16` (little-endian
    /// unless the file's byte-order mark says otherwise)...
    public init?(name: String) {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8": self = .utf8
        case "windows1252", "cp1252", "win1252", "ansi": self = .windows1252
        case "iso88591", "latin1", "l1": self = .latin1
        case "utf16", "utf16le", "unicode": self = .utf16le
        case "utf16be": self = .utf16be
        default: return nil
        }
    }

    public var isUTF16: Bool { self == .utf16le || self == .utf16be }

    /// As `inspect` shows it.
    public var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .windows1252: return "Windows-1252"
        case .latin1: return "ISO-8859-1"
        case .utf16le: return "UTF-16LE"
        case .utf16be: return "UTF-16BE"
        }
    }
}
