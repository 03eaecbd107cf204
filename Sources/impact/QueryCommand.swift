import ArgumentParser
import Foundation
import ImpactCore
import ImpactPipeline

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ad-hoc aggregations over an export, or over a pipeline's source.",
        discussion: """
        On a raw export, fields are named from the header in lower case with '_' (`Rescued On` -> \
        rescued_on) and typed from the first 1,000 records. With --pipeline, TARGET is a source name \
        and rows are mapped and checked as `impact run` does; rejected rows are left out (counted on stderr).

        Examples:
          impact query rescues.csv --count --distinct person_id --by 'year(date),office' --where 'age < 18'
          impact query rescues --pipeline pipelines/mumbai-brochure.yml --by 'year(date)' --format csv
        """
    )

    @Argument(help: "An export file (- reads standard input), or a source name with --pipeline.")
    var target: String

    @Option(help: "Read TARGET as a source of this pipeline file.")
    var pipeline: String?

    @Flag(help: "Count rows (the default when no aggregate is given).")
    var count = false

    @Option(name: .customLong("distinct"), help: "Count distinct values of a field (repeatable).")
    var distinct: [String] = []

    @Option(help: "Sum a field (repeatable).")
    var sum: [String] = []

    @Option(help: "Smallest value of a field (repeatable).")
    var min: [String] = []

    @Option(help: "Largest value of a field (repeatable).")
    var max: [String] = []

    @Option(help: "Mean of a field (repeatable).")
    var mean: [String] = []

    @Option(help: "Median of a field (repeatable).")
    var median: [String] = []

    @Option(help: "Break down by these, comma-separated: fields, year(f), quarter(f), month(f), fiscal_year(f), age_band(f).")
    var by: String?

    @Option(name: .customLong("where"), help: "Keep rows matching this filter, e.g. 'age < 18 and office == \"Mumbai\"'.")
    var filter: String?

    @Option(help: "table (default on a terminal), csv (default otherwise), json or jsonl.")
    var format: String?

    @Option(help: "CSV field separator of a raw export: , ; | or \\t. Detected when omitted.")
    var delimiter: String?

    @Option(help: "A raw export's decimal separator: . (the default) or , (numbers written 12,5 and 1.500).")
    var decimal: String?

    @Option(name: .customLong("date-format"), help: "A raw export's dates, e.g. MM/dd/yyyy or d MMM yyyy (ISO dates are read too). Sniffed when omitted.")
    var dateFormat: String?

    @Option(help: "A raw CSV export's lines above its header (a title, notes). When omitted and line 1 is narrower than a later line that looks like the header, the lines above that one are skipped, with a warning.")
    var preamble: Int?

    @Option(help: "Order the rows by a column of the answer, as its header names it; 'desc' for the largest first: --sort 'count desc'. By the groups when omitted.")
    var sort: String?

    @Option(help: "Show only the first N rows (after --sort).")
    var limit: Int?

    @Option(name: .customLong("max-groups"), help: "The most groups --by may produce (default 1,000,000).")
    var maxGroups: Int = BreakdownLimit.defaultMaxGroups

    @Option(name: .customLong("records-key"), help: "JSON: the key of the wrapping object that holds the records.")
    var recordsKey: String?

    @OptionGroup var pairLists: PairListOptions

    @Flag(name: .customLong("show-identifying"), help: "Allow --by over a raw export's column whose header looks identifying (name, phone, address, notes): its values are printed as labels. Refused by default.")
    var showIdentifying = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let format, QueryTable.Format(rawValue: format) == nil {
            throw ValidationError("--format is table, csv, json or jsonl; got '\(format)'")
        }
        if maxGroups < 1 { throw ValidationError("--max-groups must be 1 or more") }
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
        if let decimal, decimal != "." && decimal != "," {
            throw ValidationError("--decimal is . (12.5, 1,500: the default) or , (12,5, 1.500); got '\(decimal)'")
        }
        if decimal != nil && pipeline != nil {
            throw ValidationError("--decimal is for a raw export; with --pipeline, the source's decimal: setting applies")
        }
        if let dateFormat {
            if pipeline != nil {
                throw ValidationError("--date-format is for a raw export; with --pipeline, the source's date_format: applies")
            }
            do { _ = try DatePattern(dateFormat) } catch { throw ValidationError("--date-format: '\(dateFormat)': \(error.problem)") }
        }
        if let preamble {
            if preamble < 0 { throw ValidationError("--preamble must be 0 or more") }
            if pipeline != nil {
                throw ValidationError("--preamble is for a raw export; with --pipeline, the source's csv: { preamble_lines: N } applies")
            }
        }
        if (!pairLists.pairs.isEmpty || pairLists.each != nil) && pipeline != nil {
            throw ValidationError("--pairs and --each are for a raw export; with --pipeline, the source's json: { pairs: ..., each: ... } applies")
        }
        if let delimiter, ![",", ";", "|", "\\t", "\t", "tab"].contains(delimiter) {
            throw ValidationError("--delimiter must be one of , ; | or \\t (tab)")
        }
    }

    var aggregates: [Aggregate] {
        var list: [Aggregate] = count ? [.count] : []
        // Through `named`, as a pipeline's are: `days(a,b)` is written one way in the headers.
        for (keyword, fields) in [("count_distinct", distinct), ("sum", sum), ("min", min), ("max", max), ("mean", mean), ("median", median)] {
            list += fields.compactMap { Aggregate.named(keyword, field: $0) }
        }
        return list.isEmpty ? [.count] : list
    }

    func run() throws {
        let logger = common.makeLogger()
        let spool = try StdinSpool.forTarget(target, spooled: pipeline == nil) { logger.error("\($0)") }
        defer { spool?.remove() }
        let named: (String) -> String = { spool?.named($0) ?? $0 }
        var request = QueryRequest(target: spool?.path ?? target, pipeline: pipeline, aggregates: aggregates, by: by, filter: filter,
                                   asOf: common.day, delimiter: delimiter == "\t" ? "\\t" : delimiter, recordsKey: recordsKey)
        request.maxGroups = maxGroups
        request.decimalComma = decimal == ","
        request.dateFormat = dateFormat
        request.preamble = preamble
        request.sort = sort
        request.limit = limit
        request.showIdentifying = showIdentifying
        request.pairLists = pairLists.lists
        request.each = pairLists.each
        let outcome: QueryOutcome
        do {
            outcome = try QueryRunner.run(request)
        } catch {
            logger.error("\(named(error.description))")
            throw ExitCode(error.exitStatus)
        }
        let chosen = format.flatMap(QueryTable.Format.init) ?? (isatty(1) == 1 ? .table : .csv)
        var text = outcome.table.render(format: chosen)
        if text.utf8.last != UInt8(ascii: "\n") { text += "\n" }
        FileHandle.standardOutput.write(Data(text.utf8))
        // What the reader found about the file as a whole (a header column without a name,
        // JSON's NaN read as no value), as a run logs it.
        for finding in outcome.source.fileFindings { logger.warning("\(named(finding.description))") }
        for warning in outcome.warnings { logger.warning("\(named(warning))") }
        let tally = outcome.source.tally
        if tally.rejected > 0 {
            let lists = spool == nil ? "`impact validate` or `impact inspect` lists them"
                                     : "save the input to a file: `impact inspect` on it lists them"
            logger.warning("\(tally.rejected) of \(tally.read) rows rejected and left out; \(lists)")
        }
    }
}
