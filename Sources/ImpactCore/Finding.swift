/// A defect found in the data: a value, never an exception.
///
/// Every finding names the file, the 1-based physical line on which the record
/// starts (0 when the defect is not tied to a line, such as an empty file), the
/// field when there is one, the check that found it, what is wrong and what to do.
public struct Finding: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var file: String
    public var line: Int
    public var field: String?
    /// The check's name: `required`, `type`, `unique`, `csv.quote`, `csv.field_count`, ...
    public var check: String
    /// What is wrong, in words an office can act on.
    public var message: String
    /// What to do about it.
    public var hint: String?
    public var severity: Severity

    public init(file: String, line: Int, field: String? = nil, check: String, message: String,
                hint: String? = nil, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.field = field
        self.check = check
        self.message = message
        self.hint = hint
        self.severity = severity
    }

    /// `file:line: error: [field] message (hint)`, the form compilers use, so that editors can jump to it.
    /// One line, for a terminal: a control character quoted from the export is written as
    /// `\u{1B}` (`TerminalText`), a line break as `\u{A}`.
    public var description: String {
        var text = line > 0 ? "\(file):\(line): " : "\(file): "
        text += "\(severity.rawValue): "
        if let field { text += "field '\(field)': " }
        text += message
        if let hint { text += " (\(hint))" }
        return TerminalText.visible(text)
    }
}

extension Array where Element == Finding {
    /// These findings without `repeated` (each taken out once, at its first occurrence).
    public func leavingOut(_ repeated: [Finding]) -> [Finding] {
        guard !repeated.isEmpty else { return self }
        var left = repeated
        return filter { finding in
            guard let k = left.firstIndex(of: finding) else { return true }
            left.remove(at: k)
            return false
        }
    }
}
