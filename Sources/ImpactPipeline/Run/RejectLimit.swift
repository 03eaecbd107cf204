import Foundation

/// How many rejected rows a run tolerates before it exits with status 1:
/// a count (`--max-rejected 20`) or a share of the rows read (`--max-rejected 2%`).
public enum RejectLimit: Sendable, Equatable, CustomStringConvertible {
    case count(Int)
    case percent(Double)

    /// Parses `20` or `2%` / `2.5%`; nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            guard let value = Double(trimmed.dropLast()), value >= 0, value <= 100 else { return nil }
            self = .percent(value)
        } else {
            guard let value = Int(trimmed), value >= 0 else { return nil }
            self = .count(value)
        }
    }

    public func isExceeded(rejected: Int, read: Int) -> Bool {
        switch self {
        case .count(let limit): return rejected > limit
        case .percent(let share): return read > 0 && Double(rejected) * 100 > share * Double(read)
        }
    }

    public var description: String {
        switch self {
        case .count(let limit): return "\(limit) rows"
        case .percent(let share): return "\(share)% of rows read"
        }
    }
}
