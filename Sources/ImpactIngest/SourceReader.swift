import ImpactCore

/// The one entry point for reading an export, CSV or JSON.
public enum SourceReader {
    /// Streams every record of the file into `sink`; returns what it detected.
    /// Throws IngestError for set-up problems; errors thrown by the sink pass through.
    public static func read<S: RecordSink>(path: String, format: InputFormat, into sink: inout S) throws -> SourceFormat {
        switch try resolve(path: path, format: format) {
        case .csv(let options): return try CSVReader.read(path: path, options: options, into: &sink)
        case .json(let options): return try JSONReader.read(path: path, options: options, into: &sink)
        case .auto: return try CSVReader.read(path: path, options: CSVOptions(), into: &sink)
        }
    }

    /// Settles `.auto`: by the file's extension, else by its first bytes
    /// (`[` or `{` after any byte-order mark and spaces means JSON).
    public static func resolve(path: String, format: InputFormat) throws -> InputFormat {
        guard case .auto = format else { return format }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst().last?.lowercased() ?? ""
        switch ext {
        case "csv", "tsv", "txt": return .csv(CSVOptions())
        case "json", "jsonl", "ndjson": return .json(JSONOptions())
        default: break
        }
        let prefix = try FileChunks.prefix(path: path, limit: 4096)
        var i = CSVDialect.bomLength(prefix)
        while i < prefix.count, [0x20, 0x09, 0x0A, 0x0D].contains(prefix[i]) { i += 1 }
        if i < prefix.count && (prefix[i] == UInt8(ascii: "[") || prefix[i] == UInt8(ascii: "{")) {
            return .json(JSONOptions())
        }
        return .csv(CSVOptions())
    }
}
