import Foundation

/// Gives the rows of a rejected-rows file written before a column was added
/// (a JSON key met late) an empty cell in each column added after them.
///
/// The file is the writer's own CSV (`CSVField`): a field holding a line break
/// is quoted, so a CR outside quotes starts a record's CRLF, and the padding
/// goes just before it. Streamed in chunks: memory stays flat whatever the size.
enum RejectedRowsPadding {
    /// Writes `header`, then the bytes of `source` from `widths[0].offset` to
    /// `endOffset`, each record of the range starting at `widths[k].offset` (of
    /// `widths[k].cells` value cells) padded to the last width.
    static func rewrite(from source: String, to target: String, header: String,
                        widths: [(offset: Int, cells: Int)], endOffset: Int) throws {
        guard let final = widths.last?.cells, let first = widths.first else { return }
        guard FileManager.default.createFile(atPath: target, contents: Data(header.utf8)),
              let output = FileHandle(forWritingAtPath: target),
              let input = FileHandle(forReadingAtPath: source) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? output.close(); try? input.close() }
        try output.seekToEnd()
        try input.seek(toOffset: UInt64(first.offset))
        var position = first.offset
        var segment = 0
        var inQuotes = false
        while position < endOffset, let chunk = try input.read(upToCount: min(1 << 20, endOffset - position)), !chunk.isEmpty {
            var out = Data(capacity: chunk.count + chunk.count / 8)
            for byte in chunk {
                while segment + 1 < widths.count && position >= widths[segment + 1].offset { segment += 1 }
                if byte == UInt8(ascii: "\"") {
                    inQuotes.toggle()
                } else if byte == UInt8(ascii: "\r") && !inQuotes {
                    out.append(contentsOf: repeatElement(UInt8(ascii: ","), count: final - widths[segment].cells))
                }
                out.append(byte)
                position += 1
            }
            try output.write(contentsOf: out)
        }
    }
}
