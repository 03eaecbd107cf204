import CLibCSV

/// libcsv alone, with callbacks that only count and libcsv's own (inline)
/// space test: the fastest bare parse, the base the CSV reader's and the
/// query's speed are compared with in `impact-bench`.
public enum LibCSVBaseline {
    fileprivate final class Counts {
        var fields = 0
        var records = 0
    }

    /// Parses the whole file in chunks; returns (records, fields, bytes).
    public static func parse(path: String, chunkSize: Int = 64 * 1024) throws -> (records: Int, fields: Int, bytes: Int) {
        let chunks = try FileChunks(path: path, chunkSize: chunkSize)
        let parser = try LibCSVParser(delimiter: UInt8(ascii: ","), path: path)
        parser.trimSpaces()
        let counts = Counts()
        let data = Unmanaged.passUnretained(counts).toOpaque()
        while true {
            let chunk = try chunks.next()
            guard let base = chunk.baseAddress, !chunk.isEmpty else { break }
            _ = csv_parse(parser.pointer, base, chunk.count, baselineField, baselineRow, data)
        }
        _ = csv_fini(parser.pointer, baselineField, baselineRow, data)
        return (counts.records, counts.fields, chunks.bytesRead)
    }

    fileprivate static func counts(_ data: UnsafeMutableRawPointer?) -> Counts? {
        data.map { Unmanaged<Counts>.fromOpaque($0).takeUnretainedValue() }
    }
}

private func baselineField(_ field: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    LibCSVBaseline.counts(data)?.fields += 1
}

private func baselineRow(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
    LibCSVBaseline.counts(data)?.records += 1
}
