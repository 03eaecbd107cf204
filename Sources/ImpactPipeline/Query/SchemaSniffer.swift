import ImpactCore
import ImpactIngest

/// Guesses a raw export's fields for `impact query FILE`: each column becomes a
/// field named like the header in lower case with `_` (`Rescued On` ->
/// `rescued_on`), typed from its first records: integer, number, a date in a
/// common format, or text.
public struct SniffedColumn: Sendable, Equatable {
    public var header: String
    public var field: String
    public var type: FieldType
    /// The date format found, for a date column.
    public var dateFormat: String?
    /// For a date column: the format with day and month swapped, when every sampled value
    /// reads under it too and some as another day (no day above 12 among them): which of
    /// the two the export means, the samples cannot tell.
    public var alsoReadsAs: String?
    /// A text or whole-number column's samples, kept for the error that needs another type:
    /// computed there (`readsWithDecimalComma`, `nearly`, `dateHint`), not for every query.
    var textSamples: [String] = []
    /// Whether the sampling already read numbers with a decimal comma (`--decimal ,`).
    var sampledWithDecimalComma = false

    /// A text column whose values read as numbers with a decimal comma (`12,5`):
    /// what `--decimal ,` would make a number column.
    public var readsWithDecimalComma: Bool {
        type == .text && !sampledWithDecimalComma && SchemaSniffer.guessType(textSamples, decimalComma: true).0 != .text
    }

    /// A text column whose samples mostly (half or more, under 95 %) read as another type.
    public var nearly: NearType? { type == .text ? SchemaSniffer.nearestType(textSamples) : nil }

    /// The type half or more of a text column's samples read as: its words, and how many
    /// of how many samples did.
    public struct NearType: Sendable, Equatable {
        public var type: FieldType
        public var words: String
        public var good: Int
        public var of: Int
    }
}

public enum SchemaSniffer {
    public static let sampleSize = 1000
    /// Date formats tried in order; the first that reads every sample wins.
    static let datePatterns = ["yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd-MMM-yyyy", "dd.MM.yyyy", "dd-MM-yyyy",
                               "MM-dd-yyyy", "d MMM yyyy", "MMM d, yyyy", "yyyy/MM/dd", "MMM yyyy", "dhis2"]
    // Not `yyyy-MM`: India's fiscal years are written `2011-12`, which would read as a month.
    // `dhis2` last: DHIS2's periods with a letter (`2024Q1`, `2024W05`); those in digits alone
    // (`2024`, `202401`) are numbers before any date is tried, as a year column is.

    private struct Stop: Error {}

    private struct Sink: RecordSink {
        /// Field names whose columns are sampled (nil: every column).
        let wanted: Set<String>?
        var samples: [[String]] = []
        /// Per column, whether it is sampled (from the header, `columnsToKeep`).
        var sampled: [Bool] = []
        var records = 0
        var malformed = 0
        var columns: ColumnTable?

        func columnsToKeep(_ columns: ColumnTable) -> [Bool]? {
            guard let wanted else { return nil }
            return SchemaSniffer.fieldNames(columns.names).map { wanted.contains($0) }
        }

        mutating func record(_ row: RowBuffer) throws {
            if sampled.count != row.columns.count {
                sampled = columnsToKeep(row.columns) ?? Array(repeating: true, count: row.columns.count)
            }
            columns = row.columns
            while samples.count < row.columns.count { samples.append([]) }
            for slot in 0..<row.columns.count where sampled[slot] {
                if let text = row.string(slot) { samples[slot].append(text) }
            }
            records += 1
            if records >= SchemaSniffer.sampleSize { throw Stop() }
        }

        mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws {
            columns = row.columns
            malformed += 1
            // Malformed rows count toward the sample too: a file whose header is not its first
            // line is sampled, not read to its end.
            if records + malformed >= SchemaSniffer.sampleSize { throw Stop() }
        }
        mutating func finding(_ finding: Finding) throws {}
    }

    /// Reads at most `sampleSize` records of the file and guesses its columns. With
    /// `typing`, only the columns of those field names are sampled and typed (the
    /// others are named, and text): a query on a wide export reads a few of its columns.
    /// `decimalComma`: numbers are written `12,5` and `1.500` (`--decimal ,`); `dateFormat`:
    /// dates are written so (`--date-format`), or in ISO, instead of one of `datePatterns`.
    public static func sniff(path: String, format: InputFormat, typing wanted: Set<String>? = nil,
                             decimalComma: Bool = false, dateFormat: String? = nil) throws -> [SniffedColumn] {
        try sniffFile(path: path, format: format, typing: wanted, decimalComma: decimalComma, dateFormat: dateFormat).columns
    }

    /// `sniff`'s columns, and how many of the records sampled were well-formed and malformed.
    public static func sniffFile(path: String, format: InputFormat, typing wanted: Set<String>? = nil,
                                 decimalComma: Bool = false, dateFormat: String? = nil)
        throws -> (columns: [SniffedColumn], records: Int, malformed: Int) {
        var sink = Sink(wanted: wanted)
        var names: [String] = []
        do {
            let detected = try SourceReader.read(path: path, format: format, into: &sink)
            names = detected.columns
        } catch is Stop {
            names = sink.columns?.names ?? []
        }
        if names.isEmpty { names = sink.columns?.names ?? [] }
        let columns = zip(names, fieldNames(names)).enumerated().map { slot, column in
            let (header, field) = column
            guard wanted?.contains(field) ?? true else { return SniffedColumn(header: header, field: field, type: .text) }
            let values = slot < sink.samples.count ? sink.samples[slot] : []
            let patterns = dateFormat.map { [$0] } ?? datePatterns
            // A format the user named is tried before numbers: DHIS2's `202401` under `yyyyMM`.
            let (type, found) = guessType(values, decimalComma: decimalComma, datePatterns: patterns, datesFirst: dateFormat != nil)
            var column = SniffedColumn(header: header, field: field, type: type, dateFormat: found)
            if let found, dateFormat == nil { column.alsoReadsAs = swappedReading(present(values), found) }
            if type == .text || type == .integer {
                column.textSamples = values
                column.sampledWithDecimalComma = decimalComma
            }
            return column
        }
        return (columns, sink.records, sink.malformed)
    }

    /// The field name of each header: its `identifier`, with `_2`, `_3`... after a repeat
    /// (what `impact query` calls the columns of a raw export, and `inspect` shows beside them).
    public static func fieldNames(_ headers: [String]) -> [String] {
        var used = Set<String>()
        return headers.map { header in
            var field = identifier(header)
            var suffix = 2
            while used.contains(field) {
                field = identifier(header) + "_\(suffix)"
                suffix += 1
            }
            used.insert(field)
            return field
        }
    }

    /// `Rescued On` -> `rescued_on`, `FIR No.` -> `fir_no`, `location.district` -> `location_district`.
    public static func identifier(_ header: String) -> String {
        var out = ""
        var lastWasUnderscore = true
        // By character, in NFC, under the rule breakdowns and filters read names by
        // (`FieldNameRule`), so that every name made here can be written there; an accent or
        // a vowel sign stays with its letter. `_` and everything else separate words.
        for character in TextForm.nfc(header).lowercased() {
            if character.unicodeScalars.first != "_", FieldNameRule.isPart(character) {
                out.append(character)
                lastWasUnderscore = false
            } else if !lastWasUnderscore {
                out.append("_")
                lastWasUnderscore = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty { return "column" }
        if let first = out.first, !FieldNameRule.isStart(first) { return "c_" + out }
        return out
    }

    /// The samples that hold a value, trimmed as the value parser trims, less spreadsheet error values (Foundation's
    /// `trimmingCharacters` was most of a small query's time, and left line breaks the parser trims).
    static func present(_ raw: [String]) -> [String] {
        let missing = MissingMarkers(MissingMarkers.defaultList)
        // A spreadsheet's error value (`#N/A`) is rejected whatever the type: it does not vote.
        return raw.map { String(trimWhitespace($0)) }.filter {
            !$0.isEmpty && !missing.contains(Substring($0)) && SpreadsheetError.meaning(Substring($0)) == nil
        }
    }

    static func guessType(_ raw: [String], decimalComma: Bool = false,
                          datePatterns: [String] = SchemaSniffer.datePatterns, datesFirst: Bool = false) -> (FieldType, String?) {
        let values = present(raw)
        guard !values.isEmpty else { return (.text, nil) }
        // A type wins when nearly every sample reads as it: a stray typo becomes a
        // rejected row with its reason, not a column read as text.
        func mostly(_ reads: (String) -> Bool) -> Bool {
            let good = values.reduce(0) { $0 + (reads($1) ? 1 : 0) }
            return good * 100 >= values.count * 95
        }
        // Numbers are read as the run reads them (`NumberText`): `1,234` and `1 234` are
        // whole numbers, `17.0` too; with `--decimal ,`, `1.500` a whole number, `12,5` a fraction.
        func date() -> String? {
            datePatterns.first { text in dateReads(text).map(mostly) ?? false }
        }
        if datesFirst, let found = date() { return (.date, found) }
        // A value written with a leading zero (`007`, `04`) is a code or an id, as a pipeline's
        // text fields read them: as a number, `007` and `7` would be one value, printed `7`.
        if !values.contains(where: hasLeadingZero) {
            let (integer, number) = numberReads(decimalComma: decimalComma)
            if mostly(integer) { return (.integer, nil) }
            if mostly(number) { return (.number, nil) }
        }
        if !datesFirst, let found = date() { return (.date, found) }
        return (.text, nil)
    }

    /// The format with day and month swapped (`MM/dd/yyyy` for `dd/MM/yyyy`), when every one of
    /// `values` reads under both and some as different days; nil when the values tell.
    static func swappedReading(_ values: [String], _ format: String) -> String? {
        // Only day-first and month-first formats: year-first ones are read year, month, day.
        guard format.hasPrefix("dd") || format.hasPrefix("MM"), !format.contains("MMM") else { return nil }
        let swapped = format.replacingOccurrences(of: "dd", with: "\u{0}").replacingOccurrences(of: "MM", with: "dd")
            .replacingOccurrences(of: "\u{0}", with: "MM")
        guard let one = try? DatePattern(format), let other = try? DatePattern(swapped) else { return nil }
        var differs = false
        for value in values {
            // An ISO date reads the same under both.
            if Day.parseISOPrefix(value) != nil { continue }
            guard let a = one.parseIgnoringTime(value) else { continue } // a typo: rejected either way
            guard let b = other.parseIgnoringTime(value) else { return nil }
            if a != b { differs = true }
        }
        return differs ? swapped : nil
    }

    /// Whether a (trimmed) value is digits written with a leading zero: `007`, `-04`; not `0`
    /// or `0.5`.
    static func hasLeadingZero(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "0") else { return false }
        let second = bytes[bytes.index(after: bytes.startIndex)]
        return second >= UInt8(ascii: "0") && second <= UInt8(ascii: "9")
    }

    /// Whether a value reads as a whole number, and as a number, as the value parser reads them.
    /// (The samples are trimmed and hold a value; a bound such as `<5` is not taken for a number here.)
    static func numberReads(decimalComma: Bool) -> (integer: (String) -> Bool, number: (String) -> Bool) {
        ({ mayBeNumber($0) && NumberText.integer($0[...], decimalComma: decimalComma) != nil },
         { mayBeNumber($0) && NumberText.number($0[...], decimalComma: decimalComma) != nil })
    }

    /// Whether a value holds only what a number can: digits, separators, a point, an
    /// exponent, a sign first or after the exponent (and no-break spaces). Text and dates,
    /// most of a file's sampled values, are told in a few bytes (the number parsers copy them).
    private static func mayBeNumber(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for (k, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: " "),
                 UInt8(ascii: "e"), UInt8(ascii: "E"), 0x80...0xFF:
                break
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard k == 0 || previous | 0x20 == UInt8(ascii: "e") else { return false }
            default:
                return false
            }
            previous = byte
        }
        return true
    }

    /// Whether a value reads as a date in the format `text`, as the value parser reads it:
    /// ISO dates with a time after them (`2023-05-01 00:00:00.0`, `...T10:22:33Z`) included,
    /// under any format (a column that mixes ISO dates with `17/02/2024` is `dd/MM/yyyy`).
    static func dateReads(_ text: String) -> ((String) -> Bool)? {
        guard let pattern = try? DatePattern(text) else { return nil }
        if text == "yyyy-MM-dd" { return { Day.parseISOPrefix($0) != nil } }
        return { pattern.parseIgnoringTime($0) != nil || Day.parseISOPrefix($0) != nil }
    }

    /// For a column read as text: the type that half or more of its samples read as (the
    /// best such), with the count, so that an error can say why it is text.
    static func nearestType(_ raw: [String]) -> SniffedColumn.NearType? {
        let values = present(raw)
        guard !values.isEmpty else { return nil }
        var best: SniffedColumn.NearType?
        func consider(_ type: FieldType, _ words: String, _ reads: (String) -> Bool) {
            let good = values.reduce(0) { $0 + (reads($1) ? 1 : 0) }
            if good * 2 >= values.count && good > (best?.good ?? 0) {
                best = SniffedColumn.NearType(type: type, words: words, good: good, of: values.count)
            }
        }
        let (integer, number) = numberReads(decimalComma: false)
        consider(.integer, "whole numbers", integer)
        consider(.number, "numbers", number)
        for text in datePatterns {
            guard let reads = dateReads(text) else { continue }
            consider(.date, text == "yyyy-MM-dd" ? "dates (yyyy-MM-dd)" : "dates (\(text), ISO ones included)", reads)
        }
        return best
    }

    /// The source definition a sniffed file is read with: a custom kind whose
    /// fields are the sniffed columns, and no checks beyond their types.
    public static func definition(name: String, path: String, columns: [SniffedColumn],
                                  delimiter: String?, recordsKey: String?, decimalComma: Bool = false) throws(ConfigError) -> SourceDefinition {
        func scalar(_ text: String) -> ConfigNode { .scalar(text, line: 0) }
        var fields: [(key: String, value: ConfigNode)] = []
        var mapping: [(key: String, value: ConfigNode)] = []
        for column in columns {
            fields.append((column.field, scalar(column.type.rawValue)))
            var entry: [(key: String, value: ConfigNode)] = [("column", scalar(column.header))]
            if let format = column.dateFormat { entry.append(("format", scalar(format))) }
            mapping.append((column.field, .mapping(entry, line: 0)))
        }
        var entries: [(key: String, value: ConfigNode)] = [
            ("kind", scalar("custom")), ("path", scalar(path)),
            ("fields", .mapping(fields, line: 0)), ("columns", .mapping(mapping, line: 0)),
            ("checks", .sequence([.mapping([("duplicate", scalar("off"))], line: 0)], line: 0)),
        ]
        if let delimiter { entries.append(("csv", .mapping([("delimiter", scalar(delimiter))], line: 0))) }
        if let recordsKey { entries.append(("json", .mapping([("records", scalar(recordsKey))], line: 0))) }
        if decimalComma { entries.append(("decimal", scalar(","))) }
        return try SourceDefinition.decode(name: name, node: .mapping(entries, line: 0), defaults: SourceDefaults())
    }
}
