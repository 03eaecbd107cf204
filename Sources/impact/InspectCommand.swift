import ArgumentParser
import Foundation
import ImpactCore
import ImpactIngest
import ImpactPipeline

/// `impact inspect FILE`: what an export holds, before any pipeline is written.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show an export's detected format, fields, record count and findings.",
        discussion: "Exit status: 0 when the file reads cleanly, 1 when it has findings, 2 when it cannot be read."
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The CSV or JSON export to inspect (- reads standard input).")
    var file: String

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    @Option(help: "CSV field separator: , ; | or tab (\\t). Detected from the header when omitted.")
    var delimiter: String?

    @Option(help: "CSV: the file's encoding: utf-8 (default), utf-16 (found by its byte-order mark anyway), windows-1252 or iso-8859-1.")
    var encoding: String?

    @Option(help: "CSV: lines to skip before the header.")
    var preamble: Int = 0

    @Option(name: .customLong("records-key"), help: "JSON: the key of the wrapping object that holds the records.")
    var recordsKey: String?

    @OptionGroup var pairLists: PairListOptions

    @Flag(name: .customLong("no-samples"), help: "Do not show sample values (they may identify people).")
    var noSamples = false

    @Option(name: .customLong("max-findings"), help: "List at most this many findings, the first in the file (all are counted, per check).")
    var maxFindings: Int = InspectCollector.defaultMaxFindings

    @Flag(name: .customLong("show-identifying"), help: "Also show samples of columns whose header looks identifying (name, phone, address, notes); hidden by default.")
    var showIdentifying = false

    func validate() throws {
        if maxFindings < 0 { throw ValidationError("--max-findings must be 0 or more") }
        if let delimiter, Self.delimiterByte(delimiter) == nil {
            throw ValidationError("--delimiter must be one of , ; | or \\t (tab)")
        }
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding is \(TextEncoding.accepted); got '\(encoding)'")
        }
    }

    static func delimiterByte(_ text: String) -> UInt8? {
        switch text {
        case ",": return UInt8(ascii: ",")
        case ";": return UInt8(ascii: ";")
        case "|": return UInt8(ascii: "|")
        case "\\t", "\t", "tab": return 0x09
        default: return nil
        }
    }

    func run() throws {
        let spool = try StdinSpool.forTarget(file) { FileHandle.standardError.write(Data("impact: error: \($0)\n".utf8)) }
        defer { spool?.remove() }
        let named: (String) -> String = { spool?.named($0) ?? $0 }
        let path = spool?.path ?? file
        let report: InspectReport
        do {
            report = try ParallelInspect.inspect(path: path, format: try input(path), samples: !noSamples,
                                                 showIdentifying: showIdentifying, maxFindings: maxFindings)
        } catch let error as IngestError {
            FileHandle.standardError.write(Data((TerminalText.visible(named(error.description), keepingLineBreaks: true) + "\n").utf8))
            throw ExitCode(2)
        }
        switch format {
        case .text:
            // Beside each field, its name in `impact query` when it differs (`group_case/office`).
            print(named(report.text(queryNames: SchemaSniffer.fieldNames(report.fields.map(\.name)))), terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(report)
            print(named(String(decoding: data, as: UTF8.self)))
        }
        if !report.isClean { throw ExitCode(1) }
    }

    /// The reader options the flags ask for.
    private func input(_ path: String) throws -> InputFormat {
        var input = try SourceReader.resolve(path: path, format: .auto)
        switch input {
        case .csv(var options):
            options.delimiter = delimiter.flatMap(Self.delimiterByte)
            options.preambleLines = preamble
            options.encoding = encoding.flatMap(TextEncoding.init(name:)) ?? .utf8
            input = .csv(options)
        case .json(var options):
            options.recordsKey = recordsKey
            options.pairLists = pairLists.lists
            options.each = pairLists.each
            input = .json(options)
        case .auto: break
        }
        return input
    }
}
