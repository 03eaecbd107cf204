/// Why a raw value could not be read as its field's type, in words an office can act on.
public struct ValueProblem: Error, Sendable, Hashable {
    public var message: String
    public var hint: String?
    public init(message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Turns one field's raw text into a typed `Value`: trims it, applies the
/// field's value map, recognises missing markers, then parses the type.
///
/// Built once per field of a source (formats compiled, markers lowered) and
/// applied to every row.
public struct ValueParser: Sendable {
    public var type: FieldType
    /// Formats tried in order after ISO `yyyy-MM-dd`, which is always accepted.
    public var dateFormats: [DatePattern]
    public var missing: MissingMarkers
    /// Lower-cased trimmed raw text -> canonical text (`female` -> `F`).
    public var valueMap: [String: String]
    /// Numbers are written with a decimal comma (`12,5`, `1.500`): `decimal: ","`.
    public var decimalComma: Bool
    /// A list's items are written apart by this (`list_separator:`); nil: `;`, `|` or `,`.
    public var listSeparator: Character?

    public init(type: FieldType, dateFormats: [DatePattern] = [], missing: MissingMarkers = .standard,
                valueMap: [String: String] = [:], decimalComma: Bool = false, listSeparator: Character? = nil) {
        self.type = type
        self.dateFormats = dateFormats
        self.missing = missing
        self.valueMap = valueMap
        self.decimalComma = decimalComma
        self.listSeparator = listSeparator
    }

    /// The hot path, in a value with no references (see `FastParse`).
    public var fast: FastParse {
        FastParse(type: type, hasValueMap: !valueMap.isEmpty, markers: missing.lowered.sorted().map { Array($0.utf8) })
    }

    /// The typed value, or the problem with the raw text.
    public func parse(_ raw: RawValue) -> Result<Value, ValueProblem> {
        switch raw {
        case .missing:
            return .success(.missing)
        case .list(let items):
            if type == .list { return .success(list(items.map { trimWhitespace($0) })) }
            if items.isEmpty { return .success(.missing) }
            if items.count == 1 { return parse(text: items[0]) }
            return .failure(ValueProblem(message: "a list of \(items.count) values where one \(typeWord) was expected",
                                         hint: "map a single value to this field"))
        case .text(let text):
            return parse(text: text)
        }
    }

    /// Parses one raw text (not yet trimmed).
    public func parse(text: String) -> Result<Value, ValueProblem> {
        var trimmed = trimWhitespace(text)
        if !valueMap.isEmpty, let mapped = valueMap[trimmed.lowercased()] {
            trimmed = mapped[...]
        } else if missing.contains(trimmed) {
            return .success(.missing)
        }
        if trimmed.first == "#", let problem = SpreadsheetError.problem(trimmed) { return .failure(problem) }
        switch type {
        case .text:
            return .success(.text(TextForm.nfc(String(trimmed))))
        case .integer:
            if let bound = censoredBound(trimmed) { return bound }
            if let value = NumberText.integer(trimmed, decimalComma: decimalComma) { return .success(.integer(value)) }
            return .failure(ValueProblem(message: "'\(trimmed)' is not a whole number",
                                         hint: "write digits such as 1500 or \(decimalComma ? "1.500" : "1,500"); write a missing value as \(missingWords)"))
        case .number:
            if let bound = censoredBound(trimmed) { return bound }
            if let value = NumberText.number(trimmed, decimalComma: decimalComma) { return .success(.number(value)) }
            return .failure(ValueProblem(message: "'\(trimmed)' is not a number",
                                         hint: decimalComma
                                            ? "write digits such as 12,5 or 1.500 (the source's decimal: \",\"); write a missing value as \(missingWords)"
                                            : "write digits such as 12.5 or 1,500 (for a decimal comma, set decimal: \",\" in the pipeline); write a missing value as \(missingWords)"))
        case .date:
            let text = String(trimmed)
            if let day = Day.parseISOPrefix(text) { return .success(.date(day)) }
            for format in dateFormats {
                if let day = format.parse(text) { return .success(.date(day)) }
            }
            for format in dateFormats {
                if let day = format.parseIgnoringTime(text) { return .success(.date(day)) }
            }
            let formats = (dateFormats.map(\.text) + ["yyyy-MM-dd"]).joined(separator: " or ")
            if let day = DateLookalike.spreadsheetDay(text) {
                return .failure(ValueProblem(message: "'\(text)' is not a date in the format \(formats)",
                                             hint: "it looks like a spreadsheet's day number (\(text) is \(day.iso)): format the column as dates in the spreadsheet, then export again"))
            }
            if let (day, unit) = DateLookalike.unixTimeDay(text) {
                return .failure(ValueProblem(message: "'\(text)' is not a date in the format \(formats)",
                                             hint: "it looks like a Unix time in \(unit) since 1970 (\(text) is \(day.iso), UTC): export the dates as dates (yyyy-MM-dd), or with their time (yyyy-MM-ddTHH:mm:ss)"))
            }
            let twoDigit = DateLookalike.twoDigitYearFormats.filter { $0.parse(text) != nil }.map(\.text)
            if let first = twoDigit.first {
                return .failure(ValueProblem(message: "'\(text)' is not a date in the format \(formats)",
                                             hint: "it reads as a date with a two-digit year: add \(first) to the source's date_format"
                                                 + (twoDigit.count > 1 ? " (or \(twoDigit.dropFirst().joined(separator: " or ")), whichever the export means)" : "")
                                                 + "; yy reads 00-69 as 2000-2069, 70-99 as 1970-1999"))
            }
            return .failure(ValueProblem(message: "'\(text)' is not a date in the format \(formats)",
                                         hint: "check the day and month, or add this format to date_format"))
        case .bool:
            switch trimmed.lowercased() {
            case "yes", "y", "true", "t", "1": return .success(.bool(true))
            case "no", "n", "false", "f", "0": return .success(.bool(false))
            default:
                return .failure(ValueProblem(message: "'\(trimmed)' is not yes or no",
                                             hint: "write yes/no, true/false, y/n or 1/0"))
            }
        case .list:
            let items = listSeparator.map { separator in trimmed.split(separator: separator) }
                ?? trimmed.split(whereSeparator: { $0 == ";" || $0 == "|" || $0 == "," })
            return .success(list(items.map { trimWhitespace(String($0)) }))
        }
    }

    /// `<5` -> censored(below: 5): fewer than five, exact value unknown.
    private func censoredBound(_ text: Substring) -> Result<Value, ValueProblem>? {
        guard text.first == "<" else { return nil }
        let rest = trimWhitespace(String(text.dropFirst()))
        guard let bound = NumberText.integer(rest, decimalComma: decimalComma) else {
            return .failure(ValueProblem(message: "'\(text)' is not a censored count",
                                         hint: "a censored count is written '<' and a whole number, as in <5"))
        }
        return .success(.censored(below: bound))
    }

    private func list(_ items: [Substring]) -> Value {
        var out: [String] = []
        for item in items where !missing.contains(item) {
            if !valueMap.isEmpty, let mapped = valueMap[item.lowercased()] {
                out.append(TextForm.nfc(mapped))
            } else {
                out.append(TextForm.nfc(String(item)))
            }
        }
        return out.isEmpty ? .missing : .list(out)
    }

    private var typeWord: String {
        switch type {
        case .text: return "text"
        case .integer: return "whole number"
        case .number: return "number"
        case .date: return "date"
        case .bool: return "yes/no value"
        case .list: return "list"
        }
    }

    private var missingWords: String {
        let shown = missing.written.filter { !$0.isEmpty }.prefix(4).joined(separator: ", ")
        return shown.isEmpty ? "an empty cell" : "an empty cell or \(shown)"
    }
}
