extension PeriodKind {
    /// A whole number that orders the periods of this kind and names each one
    /// (a year: 2013; a quarter: 2013 * 4 + 1 for Q2; a month: 2013 * 12 + 3 for
    /// April; a fiscal year: the calendar year in which it ends). Cheap to compute per row.
    public func ordinal(of day: Day) -> Int {
        let (year, month, _) = day.components
        switch self {
        case .year: return year
        case .quarter: return year * 4 + (month - 1) / 3
        case .month: return year * 12 + month - 1
        case .fiscalYear(let start):
            return start <= 1 || month < start ? year : year + 1
        }
    }

    /// The period an ordinal names, with its first day and label
    /// ("2013", "2013-Q2", "2013-04", "FY2014").
    public func period(ordinal: Int) -> Period {
        let start: Day?
        let label: String
        switch self {
        case .year:
            start = Day(year: ordinal, month: 1, day: 1)
            label = String(ordinal)
        case .quarter:
            let year = ordinal / 4, quarter = ordinal % 4 + 1
            start = Day(year: year, month: (quarter - 1) * 3 + 1, day: 1)
            label = "\(year)-Q\(quarter)"
        case .month:
            let year = ordinal / 12, month = ordinal % 12 + 1
            start = Day(year: year, month: month, day: 1)
            label = "\(year)-\(pad(month, 2))"
        case .fiscalYear(let first):
            let month = (1...12).contains(first) ? first : 1
            start = Day(year: month == 1 ? ordinal : ordinal - 1, month: month, day: 1)
            label = "FY\(ordinal)"
        }
        return Period(kind: self, start: start ?? Day(daysSinceEpoch: 0), label: label)
    }

    /// The name used in pipeline files: `year`, `quarter`, `month`, `fiscal_year`.
    public var name: String {
        switch self {
        case .year: return "year"
        case .quarter: return "quarter"
        case .month: return "month"
        case .fiscalYear: return "fiscal_year"
        }
    }
}
