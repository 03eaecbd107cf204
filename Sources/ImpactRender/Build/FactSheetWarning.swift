import ImpactCore

/// Something the team should decide with open eyes; the sheet is built anyway.
public struct FactSheetWarning: Sendable, Equatable, CustomStringConvertible {
    /// The line of the pipeline file the warning is about.
    public var line: Int
    /// `factsheet.small_headline`, `factsheet.quote_without_consent`, `factsheet.milestone_not_reached`, ...
    public var check: String
    public var message: String

    public init(line: Int, check: String, message: String) {
        self.line = line
        self.check = check
        self.message = message
    }

    public var description: String { "line \(line): warning: \(message)" }

    /// The warning as a `Finding` of the pipeline file.
    public func finding(file: String) -> Finding {
        Finding(file: file, line: line, check: check, message: message, severity: .warning)
    }
}
