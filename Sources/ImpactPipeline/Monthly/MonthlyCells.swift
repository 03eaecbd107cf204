import ImpactCore
import ImpactRender

/// Formats the monthly report's cells: values with small-cell suppression, and
/// changes that never give a hidden count back.
struct MonthlyCells {
    let locale: NumberLocale
    let threshold: Int

    /// A value as published; `suppress` hides counts from 1 to threshold-1.
    func value(_ value: Double?, integer: Bool, suppress: Bool) -> MonthlyCell {
        guard let value else { return MonthlyCell(text: "n/a", hidden: false) }
        if integer, suppress, value == value.rounded(), abs(value) < 1e15 {
            let cell = SuppressedTable(counts: [[Int(value)]], threshold: threshold).cells[0][0]
            return MonthlyCell(text: cell.text(locale, threshold: threshold), hidden: !cell.isShown)
        }
        return MonthlyCell(text: number(value, integer: integer, sign: false), hidden: false)
    }

    /// The change from `base` to `current`, absolute and in percent: "n/a" when
    /// either is missing (and, for the percentage, when the base is 0); "not shown"
    /// when either value is hidden, since the change and the other value would give it back.
    func change(from base: Double?, baseCell: MonthlyCell, to current: Double?, currentCell: MonthlyCell,
                integer: Bool) -> (absolute: MonthlyCell, percent: MonthlyCell) {
        guard let base, let current else {
            let none = MonthlyCell(text: "n/a", hidden: false)
            return (none, none)
        }
        if baseCell.hidden || currentCell.hidden {
            let hidden = MonthlyCell(text: "not shown", hidden: true)
            return (hidden, hidden)
        }
        let absolute = MonthlyCell(text: number(current - base, integer: integer, sign: true), hidden: false)
        guard base != 0 else { return (absolute, MonthlyCell(text: "n/a", hidden: false)) }
        let percent = (current - base) / abs(base) * 100
        return (absolute, MonthlyCell(text: number(percent, integer: false, sign: true) + "%", hidden: false))
    }

    /// Whole numbers with grouping; others with one decimal. With `sign`, "+3" and "-3" (and "0").
    func number(_ value: Double, integer: Bool, sign: Bool) -> String {
        let text: String
        let isZero: Bool
        if integer, value == value.rounded(), abs(value) < 1e15 {
            text = locale.format(Int(value))
            isZero = value == 0
        } else {
            let scaled = Int((value * 10).rounded())
            text = locale.format(scaled: scaled, decimals: 1)
            isZero = scaled == 0
        }
        guard sign, !isZero, !text.hasPrefix("-") else { return isZero && sign ? text.replacingOccurrences(of: "-", with: "") : text }
        return "+" + text
    }
}
