import ImpactCore
/// Detection of what a CSV file's first bytes say: byte-order mark, other
/// encodings, and the delimiter of the header line.
enum CSVDialect {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// Length of a UTF-8 byte-order mark at the start (0 or 3).
    static func bomLength(_ prefix: [UInt8]) -> Int {
        prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Why a file cannot be read as a UTF-8 export, by its first bytes: a workbook or
    /// another archive, or text in another encoding; nil when it can. The readers throw it;
    /// the splits read such a file in one piece, so that the reader throws it.
    static func notText(_ prefix: [UInt8], path: String) -> IngestError? {
        if let workbook = workbook(prefix, path: path) { return .notText(path: path, kind: workbook) }
        if let foreign = foreignEncoding(prefix) { return .unsupportedEncoding(path: path, encoding: foreign) }
        return nil
    }

    /// What a file that is not text at all is, by its first bytes (and its name's
    /// extension): a spreadsheet workbook given where an export was expected.
    static func workbook(_ prefix: [UInt8], path: String) -> String? {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if ext == "ods" { return "an OpenDocument spreadsheet (.ods)" }
            let names = String(decoding: prefix.prefix(4096), as: UTF8.self)
            if ["xlsx", "xlsm"].contains(ext) || names.contains("xl/") || names.contains("[Content_Types].xml") {
                return "an Excel workbook (.xlsx)"
            }
            return CSVDialect.zip
        }
        if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return "an Excel 97-2003 workbook (.xls)" }
        if prefix.starts(with: Array("%PDF-".utf8)) { return CSVDialect.pdf }
        if prefix.starts(with: [0x1F, 0x8B]) { return CSVDialect.gzip }
        return markup(prefix)
    }

    /// What `workbook` calls a PDF, a gzip file and a zip archive (their advice differs: `IngestError`).
    static let pdf = "a PDF document"
    static let gzip = "a gzip-compressed file"
    static let zip = "a zip archive"

    /// A web page or an XML spreadsheet under an export's name: web systems' "export to
    /// Excel" often writes an HTML table named .xls, and Excel's XML Spreadsheet 2003 is XML.
    static func markup(_ prefix: [UInt8]) -> String? {
        var i = bomLength(prefix)
        while i < prefix.count, [0x20, 0x09, 0x0A, 0x0D].contains(prefix[i]) { i += 1 }
        let head = String(decoding: prefix[i..<min(prefix.count, i + 4096)], as: UTF8.self).lowercased()
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.hasPrefix("<table") {
            return "an HTML page (a web report saved under a spreadsheet's or an export's name)"
        }
        if head.hasPrefix("<?xml"), head.contains("urn:schemas-microsoft-com:office:spreadsheet") || head.contains("<workbook") {
            return "an Excel XML spreadsheet"
        }
        return nil
    }

    /// UTF-16's byte order, when the file starts with its byte-order mark (and is not UTF-32).
    static func utf16ByteOrder(_ prefix: [UInt8]) -> TextEncoding? {
        if prefix.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return nil }
        if prefix.starts(with: [0xFF, 0xFE]) { return .utf16le }
        if prefix.starts(with: [0xFE, 0xFF]) { return .utf16be }
        return nil
    }

    /// The name of a non-UTF-8 encoding the prefix reveals, if any.
    static func foreignEncoding(_ prefix: [UInt8]) -> String? {
        if prefix.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || prefix.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return "UTF-32"
        }
        if prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        // Two NUL bytes first: not text at all (a sparse or zero-filled file, a binary export).
        if prefix.count >= 2 && prefix[0] == 0 && prefix[1] == 0 { return "binary data (it starts with NUL bytes)" }
        // Text in UTF-16 without a mark has a zero byte beside every ASCII letter.
        if prefix.count >= 2 && (prefix[0] == 0 || prefix[1] == 0) {
            return prefix[0] == 0 ? "UTF-16BE (no byte-order mark)" : "UTF-16LE (no byte-order mark)"
        }
        return nil
    }

    /// The delimiter of the header line (after the mark and `preamble` lines):
    /// the candidate seen most often outside quotes; `,` on a tie or none.
    static func detectDelimiter(_ prefix: [UInt8], preamble: Int) -> UInt8 {
        var i = bomLength(prefix)
        var skipped = 0
        while skipped < preamble && i < prefix.count {
            let b = prefix[i]
            i += 1
            if b == 0x0A { skipped += 1 }
            else if b == 0x0D {
                skipped += 1
                if i < prefix.count && prefix[i] == 0x0A { i += 1 }
            }
        }
        // Skip blank lines before the header, as the reader does.
        while i < prefix.count && (prefix[i] == 0x0A || prefix[i] == 0x0D) { i += 1 }
        var counts = [Int](repeating: 0, count: candidates.count)
        var quoted = false
        while i < prefix.count {
            let b = prefix[i]
            i += 1
            if b == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if b == 0x0A || b == 0x0D { break }
            if let k = candidates.firstIndex(of: b) { counts[k] += 1 }
        }
        var best = 0
        for k in counts.indices where counts[k] > counts[best] { best = k }
        return candidates[best]
    }

    /// The delimiter a first line `sep=X` names (after any byte-order mark): Excel writes
    /// it above the header of a CSV saved for another locale's separator, and reads it.
    static func excelSeparator(_ prefix: [UInt8]) -> UInt8? {
        let start = bomLength(prefix)
        let tag = Array("sep=".utf8)
        guard prefix.count >= start + tag.count + 1,
              prefix[start..<start + tag.count].map({ $0 | 0x20 }) == tag else { return nil }
        let delimiter = prefix[start + tag.count]
        let rest = prefix[(start + tag.count + 1)...].prefix(2)
        guard delimiter != 0x0A, delimiter != 0x0D,
              rest.isEmpty || rest.first == 0x0A || Array(rest) == [0x0D, 0x0A] || rest.first == 0x0D && rest.count == 1 else { return nil }
        return delimiter
    }

    /// The delimiter as it is shown to people.
    static func display(_ delimiter: UInt8) -> String {
        delimiter == 0x09 ? "\\t" : String(UnicodeScalar(delimiter))
    }
}
