/// Why a count in a published table is not shown.
public enum SuppressionReason: String, Sendable, Hashable, Codable {
    /// The count is below the threshold: it describes a small group of people.
    case small
    /// The count is not small, but shown with the totals it would give a small count away.
    case complementary
}

/// One entry of a published table after suppression.
public struct SuppressedCell: Sendable, Hashable, Codable {
    public let value: Int
    /// nil when the entry is shown.
    public let reason: SuppressionReason?
    public var isShown: Bool { reason == nil }

    public init(value: Int, reason: SuppressionReason?) {
        self.value = value
        self.reason = reason
    }
}

/// A table of counts with its row and column totals, as it may be published.
///
/// Rules (the threshold is `k`, default 11):
/// 1. A count from 1 to k-1 is suppressed (`.small`). A zero is not a group of
///    people and is shown; a zero is never used to hide another cell either, since
///    hiding a zero protects nothing when its row shows only zeros and one number.
/// 2. Row and column totals are entries like any other: a total below k is suppressed too.
/// 3. Where a row (with its total) or a column (with its total) holds exactly one
///    suppressed entry, the smallest non-zero shown entry of that line is suppressed
///    as well (`.complementary`), so that the total cannot give the hidden count back.
///    This repeats until no line holds exactly one suppressed entry.
/// A table of one column has no row totals, and one of one row no column totals.
public struct SuppressedTable: Sendable, Hashable, Codable {
    public let threshold: Int
    public let cells: [[SuppressedCell]]
    /// One per row; empty when the table has a single column.
    public let rowTotals: [SuppressedCell]
    /// One per column; empty when the table has a single row.
    public let columnTotals: [SuppressedCell]
    /// Present when both totals are.
    public let grandTotal: SuppressedCell?

    /// Suppresses `counts` (rows of equal length) at threshold `k`.
    public init(counts: [[Int]], threshold k: Int) {
        threshold = k
        let rows = counts.count
        let columns = counts.map(\.count).max() ?? 0
        let hasRowTotals = columns > 1
        let hasColumnTotals = rows > 1
        // The grid with totals: row totals as an extra column, column totals as an extra row.
        let width = columns + (hasRowTotals ? 1 : 0)
        let height = rows + (hasColumnTotals ? 1 : 0)
        var grid = Array(repeating: Array(repeating: 0, count: width), count: height)
        for r in 0..<rows {
            for c in 0..<columns { grid[r][c] = c < counts[r].count ? counts[r][c] : 0 }
            if hasRowTotals { grid[r][columns] = counts[r].reduce(0, +) }
        }
        if hasColumnTotals {
            for c in 0..<width { grid[rows][c] = (0..<rows).reduce(0) { $0 + grid[$1][c] } }
        }
        var reasons: [[SuppressionReason?]] = grid.map { row in
            row.map { $0 > 0 && $0 < k ? .small : nil }
        }
        // Lines that carry a total: every row when there is a total column, every column when there is a total row.
        var lines: [[(Int, Int)]] = []
        if hasRowTotals { for r in 0..<height { lines.append((0..<width).map { (r, $0) }) } }
        if hasColumnTotals { for c in 0..<width { lines.append((0..<height).map { ($0, c) }) } }
        var changed = true
        while changed {
            changed = false
            for line in lines where line.filter({ reasons[$0.0][$0.1] != nil }).count == 1 {
                let candidates = line.filter { reasons[$0.0][$0.1] == nil && grid[$0.0][$0.1] > 0 }
                // Smallest first; on a tie the first in reading order.
                guard let pick = candidates.min(by: { grid[$0.0][$0.1] < grid[$1.0][$1.1] }) else { continue }
                reasons[pick.0][pick.1] = .complementary
                changed = true
            }
        }
        func cell(_ r: Int, _ c: Int) -> SuppressedCell { SuppressedCell(value: grid[r][c], reason: reasons[r][c]) }
        cells = (0..<rows).map { r in (0..<columns).map { cell(r, $0) } }
        rowTotals = hasRowTotals ? (0..<rows).map { cell($0, columns) } : []
        columnTotals = hasColumnTotals ? (0..<columns).map { cell(rows, $0) } : []
        grandTotal = hasRowTotals && hasColumnTotals ? cell(rows, columns) : nil
    }

    /// Every entry, totals included, in reading order.
    public var allEntries: [SuppressedCell] {
        var entries: [SuppressedCell] = []
        for (r, row) in cells.enumerated() {
            entries += row
            if r < rowTotals.count { entries.append(rowTotals[r]) }
        }
        entries += columnTotals
        if let grandTotal { entries.append(grandTotal) }
        return entries
    }
}

extension SuppressedCell {
    /// The entry as printed: the count, "fewer than 11", or "not shown".
    public func text(_ locale: NumberLocale, threshold: Int) -> String {
        switch reason {
        case nil: return locale.format(value)
        case .small: return "fewer than \(locale.format(threshold))"
        case .complementary: return "not shown"
        }
    }
}
