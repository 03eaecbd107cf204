import ArgumentParser
import Foundation
import ImpactCore
import ImpactPipeline
import Logging

/// Options every pipeline command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The run's reference date, yyyy-MM-dd (default: today, UTC). Same inputs and as-of date, same bytes out.", valueName: "date"))
    var asOf: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Option(name: .customLong("log-format"), help: "Logs on stderr as text or json.")
    var logFormat: String = "text"

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError("--as-of must be a date written yyyy-MM-dd, such as 2019-12-31; got '\(asOf)'")
        }
        if StderrLogHandler.Format(rawValue: logFormat) == nil {
            throw ValidationError("--log-format is text or json; got '\(logFormat)'")
        }
    }

    /// The as-of day: given, or today's date in UTC.
    var day: Day {
        if let asOf, let day = Day(iso: asOf) { return day }
        let days = Int32(floor(Date().timeIntervalSince1970 / 86_400))
        return Day(daysSinceEpoch: days)
    }

    func makeLogger() -> Logger {
        let format = StderrLogHandler.Format(rawValue: logFormat) ?? .text
        let level: Logger.Level = quiet ? .error : .info
        return Logger(label: "impact") { label in StderrLogHandler(label: label, format: format, level: level) }
    }
}

/// Prints results on standard output (never logs), for people: names and values from an
/// export show their control characters (`TerminalText`), line breaks kept.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((TerminalText.visible(text, keepingLineBreaks: true) + "\n").utf8))
}

extension ExitCode {
    /// An exit status from the documented table.
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}

/// `--pairs LIST=NAME,VALUE` for `inspect` and `query`: JSON lists of name/value objects
/// read as fields (a pipeline's `json: { pairs: ... }`).
struct PairListOptions: ParsableArguments {
    @Option(name: .customLong("pairs"), help: "JSON: a list of name/value objects to read as fields, LIST=NAME,VALUE (as a pipeline's json: { pairs: { LIST: [NAME, VALUE] } }), e.g. dataValues=dataElement,value gives the fields dataValues.<name>. Repeatable.")
    var pairs: [String] = []

    func validate() throws {
        for text in pairs where JSONPairList(argument: text) == nil {
            throw ValidationError("--pairs is LIST=NAME,VALUE, e.g. dataValues=dataElement,value; got '\(text)'")
        }
    }

    var lists: [JSONPairList] { pairs.compactMap(JSONPairList.init(argument:)) }

    @Option(name: .customLong("each"), help: "JSON: a list inside each record whose objects are records of their own (a case's survivors, a KoboToolbox repeat group), as a pipeline's json: { each: LIST }; each gets the record's other fields.")
    var each: String?
}
