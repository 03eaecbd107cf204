/// A bar chart with its geometry worked out, so that the template only places
/// shapes, and its data as rows for a table.
public struct Chart: Sendable, Codable, Equatable {
    public var title: String
    public var metric: String
    /// The chart described in words, for the SVG's <desc>.
    public var description: String
    public var width: Int
    public var height: Int
    public var bars: [ChartBar]
    public var gridlines: [ChartGridline]
    /// Where the bars stand, and the plot's left and right edges.
    public var baselineY: String
    public var plotLeft: String
    public var plotRight: String
    /// Column headings of the data table.
    public var periodHeading: String
    public var valueHeading: String
    /// The data as text rows aligned in columns, for the plain-text version.
    public var textLines: [String]
    public var hasSuppressed: Bool
}

/// One bar. Coordinates are written as strings with at most one decimal, so output is byte-stable.
public struct ChartBar: Sendable, Codable, Equatable {
    public var period: String
    /// As published in the table: "42", "fewer than 11", "not shown".
    public var valueText: String
    /// As written above the bar: "42", "<11", "–".
    public var shortText: String
    public var hidden: Bool
    public var x: String
    public var y: String
    public var width: String
    public var height: String
    /// The centre of the bar, for its labels.
    public var centerX: String
    public var valueY: String
    public var labelY: String
    /// False when labels would crowd: every other period label is then left out.
    public var showLabel: Bool
}

public struct ChartGridline: Sendable, Codable, Equatable {
    public var y: String
    public var label: String
    public var labelY: String
}

/// A published breakdown after small-cell suppression.
public struct PublishedTable: Sendable, Codable, Equatable {
    public var title: String
    public var metric: String
    /// The heading of the label column and of each count column (with "Total" last when there are row totals).
    public var labelHeading: String
    public var columnHeadings: [String]
    public var rows: [TableRow]
    /// The column totals, when the table has more than one row.
    public var totals: TableRow?
    public var textLines: [String]
    public var hasSuppressed: Bool
}

public struct TableRow: Sendable, Codable, Equatable {
    public var label: String
    public var cells: [TableCell]
}

public struct TableCell: Sendable, Codable, Equatable {
    public var text: String
    public var hidden: Bool
}
