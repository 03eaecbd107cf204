/// The monthly report as templates see it (`reports/templates/monthly.html`
/// and `monthly.txt`): published text only, never records, never an exact
/// value of a suppressed cell.
///
/// docs/factsheet.md ("Monthly report") lists the fields for the communications team.
public struct MonthlyReport: Sendable, Codable, Equatable {
    /// The template base name the renderers load (`monthly` unless the pipeline names another).
    public var template: String
    public var title: String
    /// A row of "=" as long as the title, for the plain-text version.
    public var titleUnderline: String
    public var place: String?
    /// The month reported on: `2012-09`, and in words, `September 2012`.
    public var month: String
    public var monthText: String
    /// The column headings: `August 2012`, `September 2011`, `January to September 2012`.
    public var previousMonthText: String
    public var lastYearText: String
    public var yearToDateText: String
    /// The run's "as of" date: ISO and in words.
    public var asOf: String
    public var asOfText: String
    public var locale: String
    public var rows: [MonthlyRow]
    /// The figures as fixed-width lines, for the plain-text version.
    public var textLines: [String]
    /// Rejected rows per source and check.
    public var quality: [QualityRow]
    public var hasRejected: Bool
    /// Past months' figures that changed since the previous run published them.
    public var revisions: [Revision]
    public var hasRevisions: Bool
    /// True when the previous run's figures were found (so "no revisions" means something).
    public var comparedWithPrevious: Bool
    public var suppressBelow: Int
    public var hasSuppressed: Bool
    /// Why some cells read "fewer than 11" (empty when none do).
    public var suppressionNote: String

    public init(template: String, title: String, place: String?, month: String, monthText: String,
                previousMonthText: String, lastYearText: String, yearToDateText: String, asOf: String,
                asOfText: String, locale: String, rows: [MonthlyRow], textLines: [String], quality: [QualityRow],
                revisions: [Revision], comparedWithPrevious: Bool, suppressBelow: Int, suppressionNote: String) {
        self.template = template
        self.title = title
        titleUnderline = String(repeating: "=", count: title.count)
        self.place = place
        self.month = month
        self.monthText = monthText
        self.previousMonthText = previousMonthText
        self.lastYearText = lastYearText
        self.yearToDateText = yearToDateText
        self.asOf = asOf
        self.asOfText = asOfText
        self.locale = locale
        self.rows = rows
        self.textLines = textLines
        self.quality = quality
        hasRejected = quality.contains { !$0.checks.isEmpty }
        self.revisions = revisions
        hasRevisions = !revisions.isEmpty
        self.comparedWithPrevious = comparedWithPrevious
        self.suppressBelow = suppressBelow
        hasSuppressed = rows.contains { $0.hasHidden }
        self.suppressionNote = hasSuppressed ? suppressionNote : ""
    }
}

/// One published cell: its text ("16", "fewer than 11", "not shown", "n/a").
public struct MonthlyCell: Sendable, Codable, Equatable {
    public var text: String
    /// True when the count is hidden by small-cell suppression.
    public var hidden: Bool

    public init(text: String, hidden: Bool) {
        self.text = text
        self.hidden = hidden
    }
}

/// One metric's line of the monthly table.
public struct MonthlyRow: Sendable, Codable, Equatable {
    public var metric: String
    public var label: String
    public var month: MonthlyCell
    public var previousMonth: MonthlyCell
    /// The change from the previous month to this one: "+3", "-2", "0", "n/a", "not shown".
    public var changeOnMonth: MonthlyCell
    public var changeOnMonthPercent: MonthlyCell
    public var lastYear: MonthlyCell
    public var changeOnYear: MonthlyCell
    public var changeOnYearPercent: MonthlyCell
    public var yearToDate: MonthlyCell

    public init(metric: String, label: String, month: MonthlyCell, previousMonth: MonthlyCell,
                changeOnMonth: MonthlyCell, changeOnMonthPercent: MonthlyCell, lastYear: MonthlyCell,
                changeOnYear: MonthlyCell, changeOnYearPercent: MonthlyCell, yearToDate: MonthlyCell) {
        self.metric = metric
        self.label = label
        self.month = month
        self.previousMonth = previousMonth
        self.changeOnMonth = changeOnMonth
        self.changeOnMonthPercent = changeOnMonthPercent
        self.lastYear = lastYear
        self.changeOnYear = changeOnYear
        self.changeOnYearPercent = changeOnYearPercent
        self.yearToDate = yearToDate
    }

    var hasHidden: Bool {
        [month, previousMonth, lastYear, yearToDate, changeOnMonth, changeOnYear].contains { $0.hidden }
    }
}

/// One source's data quality over the run: rows read, accepted, rejected, and
/// the rejected rows per check.
public struct QualityRow: Sendable, Codable, Equatable {
    public struct Check: Sendable, Codable, Equatable {
        public var check: String
        public var rows: String
        public init(check: String, rows: String) {
            self.check = check
            self.rows = rows
        }
    }

    public var source: String
    public var read: String
    public var accepted: String
    public var rejected: String
    public var checks: [Check]
    /// "date: 1, range: 1", or "none".
    public var checksText: String

    public init(source: String, read: String, accepted: String, rejected: String, checks: [Check]) {
        self.source = source
        self.read = read
        self.accepted = accepted
        self.rejected = rejected
        self.checks = checks
        checksText = checks.isEmpty ? "none" : checks.map { "\($0.check): \($0.rows)" }.joined(separator: ", ")
    }
}

/// A past month's figure that changed since a previous run published it.
public struct Revision: Sendable, Codable, Equatable {
    public var metric: String
    public var label: String
    public var month: String
    public var monthText: String
    /// As published then, and as it would be published now.
    public var was: String
    public var now: String

    public init(metric: String, label: String, month: String, monthText: String, was: String, now: String) {
        self.metric = metric
        self.label = label
        self.month = month
        self.monthText = monthText
        self.was = was
        self.now = now
    }
}
