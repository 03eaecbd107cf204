import Foundation
import ImpactCore
import Logging

/// Log lines on standard error, as text (`impact: warning: ...`) or as one JSON
/// object a line for log collectors. Never on standard output, which carries
/// results; no colour codes unless stderr is a terminal and NO_COLOR is unset.
public struct StderrLogHandler: LogHandler {
    public enum Format: String, Sendable { case text, json }

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let format: Format
    private let colour: Bool

    public init(label: String, format: Format, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
        let environment = ProcessInfo.processInfo.environment
        colour = format == .text && isatty(2) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(level: event.level, message: event.message, metadata: event.metadata)
    }

    private func write(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?) {
        var all = metadata
        if let extra { all.merge(extra) { _, new in new } }
        let text: String
        switch format {
        case .text:
            var prefix = "\(label): \(level.rawValue): "
            if colour, level >= .warning {
                prefix = "\u{1B}[1;33m\(label): \(level.rawValue):\u{1B}[0m "
            }
            let details = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            // A message may quote an export's values: their control characters are shown, not obeyed.
            text = prefix + TerminalText.visible(message.description + details, keepingLineBreaks: true) + "\n"
        case .json:
            var object: [String: String] = ["level": level.rawValue, "message": message.description, "logger": label]
            for (key, value) in all { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            text = String(decoding: data, as: UTF8.self) + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
