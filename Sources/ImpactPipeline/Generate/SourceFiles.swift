import ImpactCore

/// The files of one generated source: its CSV and, when asked, its JSON Lines twin.
final class SourceFiles {
    let source: GeneratedSource
    let csv: ByteWriter
    let json: ByteWriter?
    private let lineEnd: [UInt8]
    private(set) var rows = 0

    /// Creates `<source>.csv` (and `<source>.jsonl`) in `directory` and writes the CSV header.
    /// Messy CSV starts with a byte order mark and ends its lines with CRLF; JSON Lines
    /// always ends lines with LF, as the format requires.
    init(_ source: GeneratedSource, in directory: String, header: [String], messy: Bool,
         jsonLines: Bool) throws(GenerateError) {
        self.source = source
        csv = try ByteWriter(path: directory + "/" + source.rawValue + ".csv")
        json = jsonLines ? try ByteWriter(path: directory + "/" + source.rawValue + ".jsonl") : nil
        lineEnd = messy ? [0x0D, 0x0A] : [0x0A]
        if messy { csv.bytes([0xEF, 0xBB, 0xBF]) }
        csv.text(header.joined(separator: ","))
        csv.bytes(lineEnd)
    }

    @inline(__always) func comma() { csv.byte(UInt8(ascii: ",")) }

    /// Ends the current row in both files.
    func endRow() throws(GenerateError) {
        csv.bytes(lineEnd)
        try csv.rowDone()
        if let json {
            json.bytes([UInt8(ascii: "}"), 0x0A])
            try json.rowDone()
        }
        rows += 1
    }

    /// Flushes and closes; the files written, CSV first.
    func finish() throws(GenerateError) -> [GeneratedFile] {
        try csv.close()
        var files = [GeneratedFile(name: source.rawValue + ".csv", source: source, rows: rows, bytes: csv.bytesWritten)]
        if let json {
            try json.close()
            files.append(GeneratedFile(name: source.rawValue + ".jsonl", source: source, rows: rows,
                                       bytes: json.bytesWritten))
        }
        return files
    }
}

extension ByteWriter {
    /// An ISO date, or nothing for a missing one (CSV).
    func csvDate(_ day: Day?) {
        guard let day else { return }
        let (year, month, date) = day.components
        isoDate(year: year, month: month, day: date)
    }

    /// An ISO date in quotes, or `null` (JSON).
    func jsonDate(_ day: Day?) {
        guard let day else { text("null"); return }
        byte(0x22)
        csvDate(day)
        byte(0x22)
    }

    /// A number, or `null` (JSON).
    func jsonNumber(_ value: Int?) {
        guard let value else { text("null"); return }
        decimal(value)
    }
}

/// One rescue operation: the persons brought to safety together, under one case.
struct Operation {
    let number: Int
    let day: Day
    let year: Int
    let office: [UInt8]
    let persons: Int
}
