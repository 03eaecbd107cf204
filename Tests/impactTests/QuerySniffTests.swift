import Foundation
import XCTest

/// How `impact query` types a raw export's columns: dates with a time after them (as DHIS2
/// and KoboToolbox write them) are dates, as a pipeline reads them; a column that falls short
/// of a type says how far, and how to read it as one.
final class QuerySniffTests: XCTestCase {
    /// `impact query` on `text` written to a scratch file `name`; stdout with LF line ends.
    private func query(_ text: String, as name: String = "export.csv", _ arguments: [String]) throws -> BinaryRunner.Result {
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        var result = try BinaryRunner.run(["query", file.path] + arguments)
        result.stdout = result.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        return result
    }

    func testISODatesWithATimeAreDates() throws {
        let result = try query("Event,Event date\nE1,2023-05-01 00:00:00.0\nE2,2023-06-01 00:00:00.0\nE3,2024-01-02T10:00:00.000+05:30\n",
                               ["--by", "year(event_date)", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "year(event_date),count\n2023,2\n2024,1\n")
    }

    /// A spreadsheet's day-first dates with a time after them are dates too.
    func testDayFirstDatesWithATimeAreDates() throws {
        let result = try query("id,Rescued on\n1,04/03/2019 10:22\n2,28/12/2019 09:00:00\n3,02/01/2020 4:05 PM\n",
                               ["--by", "year(rescued_on)", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "year(rescued_on),count\n2019,2\n2020,1\n")
    }

    /// An export whose headers are French or Hindi: its fields are named and filtered as they read.
    func testFieldsNamedInOtherScriptsCanBeQueried() throws {
        let byYear = try query("Numéro;Date de libe\u{301}ration;Âge;Bureau\nN-1;2019-03-04;16;Dakar\nN-2;2020-03-05;17;Thiès\nN-3;2020-05-01;12;Thiès\n",
                               ["--by", "year(date_de_libération)", "--where", "âge < 17", "--count", "--distinct", "numéro", "--format", "csv"])
        XCTAssertEqual(byYear.status, 0, byYear.stderr)
        XCTAssertEqual(byYear.stdout, "year(date_de_libération),count,count_distinct(numéro)\n2019,1,1\n2020,1,1\n")
        let byDistrict = try query("नाम,ज़िला,आयु\nअ,पुणे,16\nब,ठाणे,17\nक,पुणे,15\n", ["--by", "ज़िला", "--where", "आयु < 17", "--format", "csv"])
        XCTAssertEqual(byDistrict.status, 0, byDistrict.stderr)
        XCTAssertEqual(byDistrict.stdout, "ज़िला,count\nपुणे,2\n")
    }

    /// `--by` written with a header as the file spells it says which field name to write.
    func testAHeaderWrittenAsInTheFileGetsItsFieldName() throws {
        let export = "group_intake/district,Rescued On\nPune,2019-03-04\n"
        let result = try query(export, ["--by", "group_intake/district, year(Rescued On)"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("'group_intake/district' is group_intake_district, 'Rescued On' is rescued_on"), result.stderr)
        let fixed = try query(export, ["--by", "group_intake_district, year(rescued_on)", "--format", "csv"])
        XCTAssertEqual(fixed.stdout, "group_intake_district,year(rescued_on),count\nPune,2019,1\n")
    }

    /// `--by year` meant a period: the error says how one is written.
    func testAPeriodWithoutItsDateSaysHowToWriteIt() throws {
        let result = try query("Office,Rescued On\nPune,2019-03-04\nThane,2020-01-02\n", ["--by", "year"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("a period is written with its date field, year("), result.stderr)
    }

    /// An unknown field's error lists the file's fields once.
    func testAnUnknownFieldListsTheFieldsOnce() throws {
        let result = try query("Office,Rescued On\nPune,2019-03-04\n", ["--by", "district"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("unknown field 'district'"), result.stderr)
        XCTAssertEqual(result.stderr.components(separatedBy: "office, rescued_on").count - 1, 1, result.stderr)
        // A typo in the filter's syntax is told alone, before the file is read.
        let typo = try query("Office,Rescued On\nPune,2019-03-04\n", ["--where", "office == \u{201C}Pune\u{201D}"])
        XCTAssertEqual(typo.status, 2, typo.stderr)
        XCTAssertTrue(typo.stderr.contains("--where: column 11: unexpected character"), typo.stderr)
        XCTAssertFalse(typo.stderr.contains("fields"), typo.stderr)
    }

    func testAColumnThatFallsShortOfATypeSaysHowFarAndWhatToDo() throws {
        let result = try query("id,date\n1,2023-05-01\n2,2023-05-02\n3,2023/05/03\n4,2023-05-04\n5,yesterday\n", ["--by", "year(date)"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("'date' is text: 4 of its 5 sampled values read as dates (yyyy/MM/dd, ISO ones included), under the 95 % that makes a type; a pipeline source with fields: { date: date } reads it so"),
                      result.stderr)
    }

    /// An empty file, or one holding only a byte-order mark, has no columns: a query naming a
    /// field says so, not that the field is unknown among no fields.
    /// Dates a spreadsheet wrote as its day numbers, or with a two-digit year, are not dates to
    /// the sniffing; the error says what they are and how to read them, quoting no value.
    func testDatesInAnotherFormSayWhatTheyAre() throws {
        let serial = try query("id,Rescued on\nP1,45292\nP2,45330\nP3,43831\n", ["--by", "year(rescued_on)"])
        XCTAssertEqual(serial.status, 2, serial.stderr)
        XCTAssertTrue(serial.stderr.contains("'rescued_on' holds whole numbers that look like a spreadsheet's day numbers (45292 is 2024-01-01): format the column as dates in the spreadsheet"), serial.stderr)
        XCTAssertFalse(serial.stderr.contains("45330"), "no sampled value is quoted")

        let short = "id,date\nP1,1/5/24\nP2,2/17/24\nP3,12/30/23\n"
        let asked = try query(short, ["--by", "year(date)"])
        XCTAssertEqual(asked.status, 2, asked.stderr)
        XCTAssertTrue(asked.stderr.contains("'date' reads as dates with a two-digit year: name the format with --date-format M/d/yy;"), asked.stderr)
        let named = try query(short, ["--by", "year(date)", "--date-format", "M/d/yy", "--format", "csv"])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(named.stdout, "year(date),count\n2023,1\n2024,2\n")
    }

    func testAQueryOnAFileWithoutColumnsSaysSo() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        for (name, bytes) in [("empty.csv", [UInt8]()), ("bom.csv", [0xEF, 0xBB, 0xBF])] {
            let csv = folder.appendingPathComponent(name)
            try Data(bytes).write(to: csv)
            let result = try BinaryRunner.run(["query", csv.path, "--by", "office"])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains("\(csv.path): error: the file has no columns (it is empty, or holds no header line)"), result.stderr)
            XCTAssertFalse(result.stderr.contains("unknown field"), result.stderr)
        }
    }

    /// Day-first and month-first dates read alike when no day is above 12: the query says which
    /// order it chose and how to choose the other, when it uses more than the year.
    func testDatesThatReadEitherWayAreWarnedOfAndDateFormatChoosesTheOrder() throws {
        let text = "id,Date\nP1,03/05/2019\nP2,04/06/2019\nP3,11/12/2019\n"
        let byMonth = try query(text, ["--by", "month(date)", "--format", "csv"])
        XCTAssertEqual(byMonth.status, 0, byMonth.stderr)
        XCTAssertEqual(byMonth.stdout, "month(date),count\n2019-05,1\n2019-06,1\n2019-12,1\n")
        XCTAssertTrue(byMonth.stderr.contains("'date' was read as dd/MM/yyyy, but its sampled values read as MM/dd/yyyy too"), byMonth.stderr)
        XCTAssertTrue(byMonth.stderr.contains("pass --date-format MM/dd/yyyy"), byMonth.stderr)

        let monthFirst = try query(text, ["--by", "month(date)", "--date-format", "MM/dd/yyyy", "--format", "csv"])
        XCTAssertEqual(monthFirst.status, 0, monthFirst.stderr)
        XCTAssertEqual(monthFirst.stdout, "month(date),count\n2019-03,1\n2019-04,1\n2019-11,1\n")
        XCTAssertFalse(monthFirst.stderr.contains("warning"), monthFirst.stderr)

        // The year is the same either way; a day above 12 tells the order.
        let byYear = try query(text, ["--by", "year(date)", "--format", "csv"])
        XCTAssertFalse(byYear.stderr.contains("--date-format"), byYear.stderr)
        let told = try query(text + "P4,25/12/2019\n", ["--by", "month(date)", "--format", "csv"])
        XCTAssertFalse(told.stderr.contains("--date-format"), told.stderr)

        let bad = try query(text, ["--date-format", "dd/qq/yyyy"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("'qq' is not a date token"), bad.stderr)
    }

    /// Dates with the month's name after the day (`5 March 2019`, `05 Mar 2019`) are dates.
    func testDayMonthNameYearDatesAreDates() throws {
        let result = try query("id,Rescued on\n1,5 March 2019\n2,05 Mar 2019\n3,12 april 2020\n",
                               ["--by", "month(rescued_on)", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "month(rescued_on),count\n2019-03,2\n2020-04,1\n")
    }

    /// Ids and codes written with leading zeros stay text: `007` and `7` are two people, and
    /// a group prints as written. Before, both read as the number 7.
    func testLeadingZerosKeepIdsApart() throws {
        let text = "id,district,office\n007,04,A\n7,4,A\n0042,12,B\n"
        let distinct = try query(text, ["--distinct", "id", "--by", "office", "--format", "csv"])
        XCTAssertEqual(distinct.status, 0, distinct.stderr)
        XCTAssertEqual(distinct.stdout, "office,count_distinct(id)\nA,2\nB,1\n")
        let grouped = try query(text, ["--by", "district", "--format", "csv"])
        XCTAssertEqual(grouped.stdout, "district,count\n04,1\n12,1\n4,1\n")
        let summed = try query(text, ["--sum", "district"])
        XCTAssertEqual(summed.status, 2)
        XCTAssertTrue(summed.stderr.contains("'district' is text: some of its values keep leading zeros (as in 007), as codes and ids do"), summed.stderr)
    }

    /// The largest groups first, a few of them: `--sort 'count desc' --limit 2`.
    func testSortAndLimitOrderTheAnswer() throws {
        let text = "id,office\nP1,Pune\nP2,Thane\nP3,Pune\nP4,Delhi\nP5,Pune\nP6,Thane\n"
        let top = try query(text, ["--by", "office", "--sort", "count desc", "--limit", "2", "--format", "csv"])
        XCTAssertEqual(top.status, 0, top.stderr)
        XCTAssertEqual(top.stdout, "office,count\nPune,3\nThane,2\n")
        let wrong = try query(text, ["--by", "office", "--sort", "total"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("--sort: no column 'total' in the answer; its columns are: office, count"), wrong.stderr)
        let none = try query(text, ["--limit", "0"])
        XCTAssertEqual(none.status, 64, none.stderr)
    }

    /// Months alone: `Jan 2024` is sniffed; DHIS2's `202401` is read under `--date-format
    /// yyyyMM` (a named format is tried before numbers); India's fiscal years (`2011-12`) are
    /// never taken for months unasked.
    func testMonthsAloneAreDatesOnTheFirstOfTheMonth() throws {
        let named = try query("Month,Trained\nJan 2024,35\nFeb 2024,41\nDecember 2023,7\n",
                              ["--sum", "trained", "--by", "quarter(month)", "--format", "csv"])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(named.stdout, "quarter(month),sum(trained)\n2023-Q4,7\n2024-Q1,76\n")
        let periods = try query("pe,value\n202401,35\n202402,41\n202312,7\n",
                                ["--sum", "value", "--by", "year(pe)", "--date-format", "yyyyMM", "--format", "csv"])
        XCTAssertEqual(periods.status, 0, periods.stderr)
        XCTAssertEqual(periods.stdout, "year(pe),sum(value)\n2023,7\n2024,76\n")
        let fiscal = try query("fy,n\n2001-02,3\n2005-06,4\n2011-12,5\n", ["--by", "fy", "--format", "csv"])
        XCTAssertEqual(fiscal.stdout, "fy,count\n2001-02,1\n2005-06,1\n2011-12,1\n", "text, as written")
    }

    /// DHIS2's periods with a letter (`2024Q1`, `2024W05`, `2024April`) are sniffed as dates on
    /// their first day; in digits alone (`2024`, `202401`) they stay numbers unless named.
    func testDHIS2PeriodsAreDates() throws {
        let quarters = try query("pe,ou,value\n2024Q1,Pune,35\n2024Q2,Pune,41\n2023Q4,Thane,7\n2024W05,Thane,2\n",
                                 ["--sum", "value", "--by", "year(pe)", "--format", "csv"])
        XCTAssertEqual(quarters.status, 0, quarters.stderr)
        XCTAssertEqual(quarters.stdout, "year(pe),sum(value)\n2023,7\n2024,78\n")
        let years = try query("pe,value\n2023,7\n2024,76\n", ["--sum", "value", "--by", "pe", "--format", "csv"])
        XCTAssertEqual(years.stdout, "pe,sum(value)\n2023,7\n2024,76\n", "years in digits: numbers")
        let named = try query("pe,value\n2023,7\n2024Q3,76\n", ["--sum", "value", "--by", "month(pe)", "--date-format", "dhis2", "--format", "csv"])
        XCTAssertEqual(named.stdout, "month(pe),sum(value)\n2023-01,7\n2024-07,76\n", named.stderr)
    }

    /// A column that mixes ISO dates with day-first ones (data entry that changed over the
    /// years) is a date column, as a pipeline reads ISO dates under any format. It was text.
    func testISODatesMixedWithAnotherFormatAreDates() throws {
        let result = try query("id,date\nP1,2024-01-05\nP2,17/02/2024\nP3,2024-03-01\nP4,05/04/2024\n",
                               ["--by", "month(date)", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "month(date),count\n2024-01,1\n2024-02,1\n2024-03,1\n2024-04,1\n")
    }

    /// A CSV option on a JSON export, or a JSON one on a CSV export, is refused: it would be
    /// left out without a word (`--each survivors` on a CSV counted its rows as they are).
    func testOptionsOfTheOtherFormatAreRefused() throws {
        let csv = try query("id,office\nP1,Pune\n", ["--each", "survivors"])
        XCTAssertEqual(csv.status, 2, csv.stderr)
        XCTAssertTrue(csv.stderr.contains("--each is for JSON exports, and this file is read as CSV; leave it out"), csv.stderr)
        let json = try query("[{\"id\": \"P1\"}]", as: "export.json", ["--preamble", "2", "--delimiter", ";"])
        XCTAssertEqual(json.status, 2, json.stderr)
        XCTAssertTrue(json.stderr.contains("--delimiter, --preamble are for CSV exports, and this file is read as JSON; leave them out"), json.stderr)
    }

    /// A dash typed for "none" is no value: the column stays a number column.
    func testADashAloneIsNoValue() throws {
        let result = try query("id,age,children\nP1,14,-\nP2,-,2\nP3,30,---\nP4,--,1\n",
                               ["--sum", "children", "--mean", "age", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "sum(children),mean(age)\n3,22\n")
    }

    /// Month-name-first dates with a comma (`March 5, 2019`, as US tools and Google Forms
    /// summaries write them) are dates too.
    func testMonthNameDayYearDatesAreDates() throws {
        let result = try query("id,Rescued on\n1,\"March 5, 2019\"\n2,\"Mar 05, 2019\"\n3,\"April 12, 2020\"\n",
                               ["--by", "month(rescued_on)", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "month(rescued_on),count\n2019-03,2\n2020-04,1\n")
    }

    /// What the reader found about the file as a whole is warned of, as a run logs it: here
    /// Python's NaN, read as no value, which a filter on the field then leaves out.
    func testTheFilesOwnFindingsAreWarnedOf() throws {
        let result = try query("[{\"id\": \"P1\", \"age\": 15}, {\"id\": \"P2\", \"age\": NaN}]", as: "survivors.json",
                               ["--count", "--where", "age < 18", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "count\n1\n")
        XCTAssertTrue(result.stderr.contains("survivors.json:1: warning: field 'age': NaN is not a JSON value; it was read as no value"),
                      result.stderr)
    }
}
