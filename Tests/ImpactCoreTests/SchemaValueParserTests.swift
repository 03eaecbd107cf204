import XCTest
import ImpactCore

final class SchemaValueParserTests: XCTestCase {
    private func value(_ type: FieldType, _ text: String, formats: [String] = [],
                       missing: [String] = MissingMarkers.defaultList, map: [String: String] = [:]) throws -> Value? {
        let parser = ValueParser(type: type, dateFormats: try formats.map { try DatePattern($0) },
                                 missing: MissingMarkers(missing), valueMap: map)
        return try? parser.parse(text: text).get()
    }

    func testDatesInTheFormatsOfficesWrite() throws {
        let cases: [(String, [String], String?)] = [
            ("2014-11-03", [], "2014-11-03"),
            ("2014-11-03T10:15:00Z", [], "2014-11-03"),
            ("03/11/2014", ["dd/MM/yyyy"], "2014-11-03"),
            ("3/11/2014", ["dd/MM/yyyy"], "2014-11-03"),
            ("03-Nov-2014", ["dd-MMM-yyyy"], "2014-11-03"),
            ("03-NOV-2014", ["dd-MMM-yyyy"], "2014-11-03"),
            ("3 November 2014", ["d MMM yyyy"], "2014-11-03"),
            ("03.11.14", ["dd.MM.yy"], "2014-11-03"),
            ("11/03/2014", ["MM/dd/yyyy"], "2014-11-03"),
            ("03/11/2014", ["MM/dd/yyyy", "dd-MM-yyyy"], "2014-03-11"),
            ("31/04/2014", ["dd/MM/yyyy"], nil),      // no 31 April
            ("29/02/2023", ["dd/MM/yyyy"], nil),      // not a leap year
            ("03-11-2014", ["dd/MM/yyyy"], nil),      // wrong separator
            ("03/11/2014 extra", ["dd/MM/yyyy"], nil),
            ("03/Foo/2014", ["dd/MMM/yyyy"], nil),
        ]
        for (text, formats, expected) in cases {
            let got = try value(.date, text, formats: formats)
            XCTAssertEqual(got?.date?.iso, expected, "\(text) with \(formats)")
        }
    }

    /// Spreadsheets and case systems write a time after the date in any format: it is
    /// ignored, as after an ISO date, when it reads as a time of day; anything else is not a date.
    func testATimeOfDayAfterADateInAnyFormatIsIgnored() throws {
        let cases: [(String, [String], String?)] = [
            ("04/03/2019 10:22", ["dd/MM/yyyy"], "2019-03-04"),
            ("04/03/2019 09:00:00", ["dd/MM/yyyy"], "2019-03-04"),
            ("4/3/2019 9:05:07 PM", ["d/M/yyyy"], "2019-03-04"),
            ("3/4/2019 12:00 a.m.", ["M/d/yyyy"], "2019-03-04"),
            ("04.03.2019T10:22:33.250+05:30", ["dd.MM.yyyy"], "2019-03-04"),
            ("04-Mar-2019  23:59 UTC", ["dd-MMM-yyyy"], "2019-03-04"),
            ("4 March 2019 10:22 -0500", ["d MMM yyyy"], "2019-03-04"),
            ("04/03/2019 25:00", ["dd/MM/yyyy"], nil),       // no such hour
            ("04/03/2019 10:2", ["dd/MM/yyyy"], nil),        // minutes are two digits
            ("04/03/2019 0:30 PM", ["dd/MM/yyyy"], nil),     // 0 is no hour on a 12-hour clock
            ("04/03/2019 10:22 later", ["dd/MM/yyyy"], nil), // not a time of day
            ("04/03/201910:22", ["dd/MM/yyyy"], nil),        // no separator before the time
            ("31/04/2019 10:22", ["dd/MM/yyyy"], nil),       // still no 31 April
        ]
        for (text, formats, expected) in cases {
            let got = try value(.date, text, formats: formats)
            XCTAssertEqual(got, expected.flatMap(Day.init(iso:)).map(Value.date), "\(text) as \(formats)")
        }
    }

    func testABadDatePatternIsExplained() {
        XCTAssertThrowsError(try DatePattern("dd/mm/yyyy")) { error in
            XCTAssertTrue((error as? DatePatternError)?.problem.contains("not a date token") == true)
        }
        XCTAssertThrowsError(try DatePattern("dd/MM")) { error in
            XCTAssertEqual((error as? DatePatternError)?.problem,
                           "a date format needs a year (yyyy or yy) and a month (MM, M or MMM), and a day (dd or d) unless the export gives months alone")
        }
    }

    /// Months alone (`202401`, DHIS2's monthly period; `Jan 2024`): a date on the month's first day.
    func testAFormatWithoutADayReadsTheFirstOfTheMonth() throws {
        let cases: [(String, String, String?)] = [
            ("yyyyMM", "202401", "2024-01-01"), ("yyyyMM", "202413", nil), ("MMM yyyy", "December 2023", "2023-12-01"),
            ("yyyy-MM", "2024-02", "2024-02-01"), ("yyyy-MM", "2024-02-05", nil), ("MM/yyyy", "3/2019", "2019-03-01"),
        ]
        for (format, text, expected) in cases {
            XCTAssertEqual(try DatePattern(format).parse(text), expected.flatMap(Day.init(iso:)), "\(text) as \(format)")
        }
        XCTAssertEqual(try DatePattern("dd/MM/yyyy").parse("05/03/2019"), Day(iso: "2019-03-05"), "a day still read")
    }

    func testNumbersWithThousandsSeparatorsAndNegatives() throws {
        let integers: [(String, Value?)] = [
            ("1500", .integer(1500)), ("1,500", .integer(1500)), ("1 500", .integer(1500)),
            ("1,20,000", .integer(120_000)), ("-3", .integer(-3)), (" 42 ", .integer(42)),
            ("12.0", .integer(12)), ("1\u{00A0}500", .integer(1500)),
            ("12.5", nil), ("1,5", nil), ("1,50", nil), ("abc", nil), ("1,500,00", nil), ("1,500 000", nil),
        ]
        for (text, expected) in integers {
            XCTAssertEqual(try value(.integer, text), expected, text)
        }
        XCTAssertEqual(try value(.number, "1,500.25"), .number(1500.25))
        XCTAssertEqual(try value(.number, "-0.5"), .number(-0.5))
        XCTAssertEqual(try value(.number, "1e3"), .number(1000))
        XCTAssertNil(try value(.number, "12,5"))
    }

    /// `decimal: ","`: a European export's numbers, and the other convention's never misread.
    func testNumbersWithADecimalComma() throws {
        func comma(_ type: FieldType, _ text: String) -> Value? {
            try? ValueParser(type: type, decimalComma: true).parse(text: text).get()
        }
        let numbers: [(String, Value?)] = [
            ("12,5", .number(12.5)), ("1.500", .number(1500)), ("1 500,25", .number(1500.25)),
            ("1.500,25", .number(1500.25)), ("-0,5", .number(-0.5)), ("1\u{202F}500,5", .number(1500.5)), ("7", .number(7)),
            ("1.234.567,8", .number(1_234_567.8)),
            ("12.5", nil), ("1,500.25", nil), ("1.50", nil), ("1,2,3", nil), ("12,", nil), ("1.500 000", nil),
        ]
        for (text, expected) in numbers { XCTAssertEqual(comma(.number, text), expected, text) }
        let integers: [(String, Value?)] = [
            ("1.500", .integer(1500)), ("12,0", .integer(12)), ("1 500", .integer(1500)), ("<5", .censored(below: 5)),
            ("12,5", nil), ("1,500", nil),
        ]
        for (text, expected) in integers { XCTAssertEqual(comma(.integer, text), expected, text) }
        guard case .failure(let problem) = ValueParser(type: .number, decimalComma: true).parse(text: "12.5") else {
            return XCTFail("12.5 read with a decimal comma")
        }
        XCTAssertTrue(problem.hint?.contains("12,5 or 1.500") == true, problem.hint ?? "")
        guard case .failure(let usual) = ValueParser(type: .number).parse(text: "12,5") else { return XCTFail("12,5 read") }
        XCTAssertTrue(usual.hint?.contains("set decimal: \",\" in the pipeline") == true, usual.hint ?? "")
    }

    /// A source inherits the pipeline's `decimal` and may set its own; the mapper reads by it.
    func testASourceInheritsThePipelinesDecimalOrSetsItsOwn() throws {
        let comma = SourceDefaults(decimalComma: true)
        let inherited = try source("rescues", ["path": "r.csv", "fields": ["shelter_days": "number"] as KeyValuePairs<String, Any>],
                                   defaults: comma)
        let own = try source("rescues", ["path": "r.csv", "decimal": ".", "fields": ["shelter_days": "number"] as KeyValuePairs<String, Any>],
                             defaults: comma)
        XCTAssertTrue(inherited.decimalComma)
        XCTAssertFalse(own.decimalComma)
        for (definition, expected) in [(inherited, 12.5), (own, 1250.0)] {
            let table = ColumnTable(["person_id", "date", "shelter_days"])
            let text = definition.decimalComma ? "12,5" : "1,250"
            let mapped = RowMapper(definition: definition, columns: table, file: "r.csv")
                .map(makeRow(table, ["P1", "2018-01-03", text], line: 2))
            XCTAssertEqual(mapped.record.values[definition.schema.slot(of: "shelter_days") ?? -1], .number(expected), text)
        }
        XCTAssertThrowsError(try source("rescues", ["path": "r.csv", "decimal": "comma"])) { error in
            XCTAssertTrue("\(error)".contains("found 'comma'"), "\(error)")
        }
    }

    func testCensoredCountsAreNeverTheBoundNorZero() throws {
        XCTAssertEqual(try value(.integer, "<5"), .censored(below: 5))
        XCTAssertEqual(try value(.integer, "< 5"), .censored(below: 5))
        XCTAssertEqual(try value(.number, "<1,000"), .censored(below: 1000))
        XCTAssertNil(try value(.integer, "<five"))
        XCTAssertEqual(Value.censored(below: 5).number, nil)
    }

    func testBooleans() throws {
        for yes in ["yes", "Y", "TRUE", "1", "t"] { XCTAssertEqual(try value(.bool, yes), .bool(true), yes) }
        for no in ["no", "N", "false", "0"] { XCTAssertEqual(try value(.bool, no), .bool(false), no) }
        XCTAssertNil(try value(.bool, "maybe"))
    }

    func testMissingMarkersDefaultAndReplaced() throws {
        for marker in ["", "  ", "NA", "n/a", "N/A", "NULL", "Unknown", "-99", "-", " -- ", "---"] {
            XCTAssertEqual(try value(.integer, marker), .missing, "'\(marker)'")
        }
        // A pipeline's own list replaces the default: -99 is then a number, "?" is missing.
        XCTAssertEqual(try value(.integer, "-99", missing: ["?"]), .integer(-99))
        XCTAssertEqual(try value(.integer, "?", missing: ["?"]), .missing)
        XCTAssertEqual(try value(.text, "", missing: ["?"]), .missing)
    }

    func testValueMapsApplyBeforeTypeParsingAndMissing() throws {
        let sex = ["female": "F", "f": "F", "male": "M"]
        XCTAssertEqual(try value(.text, " Female ", map: sex), .text("F"))
        XCTAssertEqual(try value(.text, "MALE", map: sex), .text("M"))
        XCTAssertEqual(try value(.text, "Other", map: sex), .text("Other"))
        XCTAssertEqual(try value(.bool, "Across border", map: ["across border": "yes"]), .bool(true))
        XCTAssertEqual(try value(.text, "unknown", map: ["unknown": "X"]), .text("X"))
    }

    func testListsSplitAndDropMissingItems() throws {
        XCTAssertEqual(try value(.list, "counselling; education | legal aid"),
                       .list(["counselling", "education", "legal aid"]))
        let parser = ValueParser(type: .list)
        XCTAssertEqual(try parser.parse(.list([" medical ", "NA"])).get(), .list(["medical"]))
        XCTAssertEqual(try parser.parse(.list([])).get(), .missing)
    }

    /// A date column saved from a spreadsheet without its date format holds day numbers:
    /// never read as dates, but the hint says what they are and what to do.
    func testAUnixTimeIsNamedInTheHintNeverRead() {
        let parser = ValueParser(type: .date, dateFormats: [DatePattern.iso])
        for (text, unit) in [("1551762602", "seconds"), ("1551762602000", "milliseconds")] {
            guard case .failure(let problem) = parser.parse(text: text) else { return XCTFail("\(text) read as a date") }
            XCTAssertEqual(problem.hint, "it looks like a Unix time in \(unit) since 1970 (\(text) is 2019-03-05, UTC): export the dates as dates (yyyy-MM-dd), or with their time (yyyy-MM-ddTHH:mm:ss)")
        }
        guard case .failure(let other) = parser.parse(text: "0123456789") else { return XCTFail("read as a date") }
        XCTAssertEqual(other.hint, "check the day and month, or add this format to date_format", "before 1990: not taken for a time stamp")
    }

    func testASpreadsheetsDayNumberIsNamedInTheHint() {
        let parser = ValueParser(type: .date, dateFormats: [DatePattern.iso])
        guard case .failure(let problem) = parser.parse(text: "43831") else { return XCTFail("43831 read as a date") }
        XCTAssertEqual(problem.hint, "it looks like a spreadsheet's day number (43831 is 2020-01-01): format the column as dates in the spreadsheet, then export again")
        guard case .failure(let other) = parser.parse(text: "12345") else { return XCTFail("12345 read as a date") }
        XCTAssertEqual(other.hint, "check the day and month, or add this format to date_format", "too early to be a day number of this data")
    }

    /// Excel's short date in many locales (`2/17/24`): not read unless the source names the
    /// format (the century is the export's to say), but the hint names the format to add.
    func testATwoDigitYearIsNamedInTheHintNeverRead() {
        let parser = ValueParser(type: .date, dateFormats: [try! DatePattern("dd/MM/yyyy")])
        guard case .failure(let us) = parser.parse(text: "2/17/24") else { return XCTFail("2/17/24 read as a date") }
        XCTAssertEqual(us.hint, "it reads as a date with a two-digit year: add M/d/yy to the source's date_format; yy reads 00-69 as 2000-2069, 70-99 as 1970-1999")
        guard case .failure(let either) = parser.parse(text: "5/3/19") else { return XCTFail("5/3/19 read as a date") }
        XCTAssertEqual(either.hint?.hasPrefix("it reads as a date with a two-digit year: add d/M/yy to the source's date_format (or M/d/yy, whichever the export means)"), true, either.hint ?? "")
        guard case .failure(let dots) = parser.parse(text: "05.03.19") else { return XCTFail("read as a date") }
        XCTAssertTrue(dots.hint?.contains("add d.M.yy") == true, dots.hint ?? "")
        guard case .failure(let none) = parser.parse(text: "5/3/1") else { return XCTFail("read as a date") }
        XCTAssertEqual(none.hint, "check the day and month, or add this format to date_format")
        guard case .failure(let excel) = parser.parse(text: "5-Jan-24") else { return XCTFail("read as a date") }
        XCTAssertTrue(excel.hint?.contains("add d-MMM-yy") == true, "Excel's d-mmm-yy: \(excel.hint ?? "")")
        let named = ValueParser(type: .date, dateFormats: [try! DatePattern("M/d/yy")])
        XCTAssertEqual(try named.parse(text: "2/17/24").get(), .date(Day(year: 2024, month: 2, day: 17)!))
    }

    func testACommaInAFormatIsMatchedAsWritten() throws {
        let parser = ValueParser(type: .date, dateFormats: [try DatePattern("MMM d, yyyy")])
        XCTAssertEqual(try parser.parse(text: "January 5, 2024").get(), .date(Day(year: 2024, month: 1, day: 5)!))
        XCTAssertEqual(try parser.parse(text: "Sept 30, 2019").get(), .date(Day(year: 2019, month: 9, day: 30)!))
        guard case .failure = parser.parse(text: "January 5 2024") else { return XCTFail("read without its comma") }
    }

    /// A KoboToolbox select_multiple writes its choices space apart (`shelter legal_aid`):
    /// `list_separator: " "` reads them; by default `;`, `|` and `,` part a list.
    func testAListSeparatorOfTheSourcesOwn() throws {
        let spaced = ValueParser(type: .list, listSeparator: " ")
        XCTAssertEqual(try spaced.parse(text: " shelter  legal_aid medical ").get(), .list(["shelter", "legal_aid", "medical"]))
        XCTAssertEqual(try ValueParser(type: .list).parse(text: "legal aid; shelter").get(), .list(["legal aid", "shelter"]))
        XCTAssertEqual(try ValueParser(type: .list).parse(text: "shelter legal_aid").get(), .list(["shelter legal_aid"]))
        let definition = try source("aftercare", ["kind": "aftercare", "path": "a.csv", "list_separator": "space"])
        XCTAssertEqual(definition.listSeparator, " ")
    }

    func testProblemsSayWhatIsWrong() {
        let parser = ValueParser(type: .date, dateFormats: [DatePattern.iso])
        guard case .failure(let problem) = parser.parse(text: "31/02/2014") else { return XCTFail("parsed") }
        XCTAssertTrue(problem.message.contains("'31/02/2014' is not a date"), problem.message)
    }

    /// A spreadsheet's error value is no value in any field, text included, and says what
    /// went wrong; a source that lists one among its missing markers reads it as missing.
    func testSpreadsheetErrorValuesAreRejectedWithWhatTheyMean() throws {
        for type in [FieldType.text, .integer, .number, .date] {
            let parser = ValueParser(type: type)
            guard case .failure(let problem) = parser.parse(text: " #REF! ") else {
                return XCTFail("\(type): '#REF!' read as a value")
            }
            XCTAssertEqual(problem.message, "'#REF!' is a spreadsheet's error value, not a value")
            XCTAssertTrue(problem.hint?.hasPrefix("the formula refers to a cell that was deleted; fix the cell") ?? false,
                          problem.hint ?? "")
        }
        guard case .failure(let na) = ValueParser(type: .integer).parse(text: "#N/A") else { return XCTFail("#N/A read") }
        XCTAssertTrue(na.hint?.contains("a lookup found nothing") ?? false)
        XCTAssertEqual(try value(.text, "#N/A", missing: ["", "#N/A"]), .missing)
        XCTAssertEqual(try value(.text, "#tag"), .text("#tag"), "text that only starts with # is text")
        XCTAssertEqual(try value(.text, "#Ref!"), nil, "any case")
    }
}
