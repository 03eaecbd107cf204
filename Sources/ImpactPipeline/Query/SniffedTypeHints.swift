import ImpactCore

extension SniffedColumn {
    /// For a query's error about a field's type: why each column that could be another type
    /// is the one it is, and what reads it otherwise ("; ..." each, or "").
    static func typeHints(_ columns: [SniffedColumn]) -> String {
        let comma = columns.filter(\.readsWithDecimalComma).map { "'\($0.field)'" }
        var hint = comma.isEmpty ? "" : "; \(comma.joined(separator: ", ")) \(comma.count == 1 ? "reads" : "read") as numbers written with a decimal comma (12,5): pass --decimal ,"
        for column in columns where !column.readsWithDecimalComma {
            if let dates = column.dateHint { hint += "; " + dates }
            if column.keepsLeadingZeros {
                hint += "; '\(column.field)' is text: some of its values keep leading zeros (as in 007), as codes and ids do, "
                    + "so that 007 and 7 stay apart; a pipeline source with fields: { \(column.field): integer } reads it as numbers"
                continue
            }
            guard let nearly = column.nearly else { continue }
            hint += "; '\(column.field)' is text: \(nearly.good) of its \(nearly.of) sampled values read as \(nearly.words), "
                + "under the 95 % that makes a type; a pipeline source with fields: { \(column.field): \(nearly.type.rawValue) } "
                + "reads it so, and rejects the rows whose value does not read, with their reason"
        }
        return hint
    }

    /// A text column whose values would read as numbers but for the leading zeros some keep.
    public var keepsLeadingZeros: Bool {
        guard type == .text else { return false }
        let values = SchemaSniffer.present(textSamples)
        guard values.contains(where: SchemaSniffer.hasLeadingZero) else { return false }
        let (integer, _) = SchemaSniffer.numberReads(decimalComma: sampledWithDecimalComma)
        return values.reduce(0) { $0 + (integer($1) ? 1 : 0) } * 100 >= values.count * 95
    }

    /// For a column not typed as dates whose sampled values are dates in a form the query
    /// does not read unasked: what they are and what to do; nil otherwise. Whole numbers
    /// that are a spreadsheet's day numbers or Unix times (`DateLookalike`), text that is
    /// dates with a two-digit year. No sampled value is quoted (the column may identify).
    public var dateHint: String? {
        let values = SchemaSniffer.present(textSamples)
        guard !values.isEmpty else { return nil }
        func mostly(_ reads: (String) -> Bool) -> Bool {
            values.reduce(0) { $0 + (reads($1) ? 1 : 0) } * 100 >= values.count * 95
        }
        switch type {
        case .integer where mostly({ DateLookalike.spreadsheetDay($0) != nil }):
            return "'\(field)' holds whole numbers that look like a spreadsheet's day numbers (45292 is 2024-01-01): "
                + "format the column as dates in the spreadsheet, then export it again"
        case .integer where mostly({ DateLookalike.unixTimeDay($0) != nil }):
            return "'\(field)' holds whole numbers that look like Unix times (seconds or milliseconds since 1970): "
                + "export the dates as dates (yyyy-MM-dd)"
        case .text:
            let formats = DateLookalike.twoDigitYearFormats.filter { format in
                mostly { format.parseIgnoringTime($0) != nil }
            }.map(\.text)
            guard let first = formats.first else { return nil }
            return "'\(field)' reads as dates with a two-digit year: name the format with --date-format \(first)"
                + (formats.count > 1 ? " (or \(formats.dropFirst().joined(separator: " or ")): the samples cannot tell which)" : "")
                + "; yy reads 00-69 as 2000-2069, 70-99 as 1970-1999"
        default:
            return nil
        }
    }
}
