/// The fact sheet as templates see it: published text only, never records.
///
/// Every field is plain data (strings, numbers, flags, lists), so a Mustache
/// template reaches it by name: `{{title}}`, `{{#headline}}{{published}}{{/headline}}`.
/// docs/factsheet.md lists the fields for the communications team.
public struct FactSheet: Sendable, Codable, Equatable {
    /// The template base name the renderers load (the pipeline's `template`, or its `layout`).
    public var template: String
    public var title: String
    /// A row of "=" as long as the title, for the plain-text version.
    public var titleUnderline: String
    public var place: String?
    public var heading: String?
    public var intro: [TextBlock]
    /// The run's "as of" date: ISO (2019-12-31) and in words (31 December 2019).
    public var asOf: String
    public var asOfText: String
    public var locale: String
    /// `A4`, `letter`, or nil for the printer's paper.
    public var paper: String?
    public var headline: [PublishedFigure]
    /// True when some headline figure was rounded down (and so carries "+" or "over").
    public var hasCutFigures: Bool
    public var facts: [Fact]
    /// The facts' sources, numbered in order.
    public var notes: [SourceNote]
    public var quote: Quote?
    public var sections: [Section]
    public var milestones: [Milestone]
    public var chart: Chart?
    public var tables: [PublishedTable]
    public var suppressBelow: Int
    /// True when a chart bar or table cell is hidden; the templates then explain why.
    public var hasSuppressed: Bool
    /// "Counts below 11 are shown as "fewer than 11" ..." (empty when nothing is hidden).
    public var suppressionNote: String
}

/// A headline figure, with what is needed to defend it.
public struct PublishedFigure: Sendable, Codable, Equatable {
    public var metric: String
    public var label: String
    /// The exact value; nil when the metric has none (a ratio over zero).
    public var exact: Double?
    public var exactText: String
    /// "640+", "over 640", "178".
    public var published: String
    /// The rounding rule in words.
    public var rule: String
    public var wasCut: Bool
    /// `published` right-aligned to the widest headline figure, for the plain-text version.
    public var paddedPublished: String
}

/// A run of text, bold or not.
public struct Span: Sendable, Codable, Equatable {
    public var text: String
    public var bold: Bool
}

/// A paragraph, or a list whose items are runs of text.
public struct TextBlock: Sendable, Codable, Equatable {
    public var isList: Bool
    /// The paragraph's runs (empty for a list).
    public var spans: [Span]
    /// The list's items (empty for a paragraph).
    public var items: [ListItem]
    /// The paragraph as plain text, for the plain-text version.
    public var plain: String
}

public struct ListItem: Sendable, Codable, Equatable {
    public var spans: [Span]
    public var plain: String
}

/// A fact that is not ours, with its numbered note.
public struct Fact: Sendable, Codable, Equatable {
    public var number: Int
    /// The note number in superscript: ¹ ² ³.
    public var marker: String
    public var figure: String?
    public var spans: [Span]
    public var plain: String
    public var source: String
}

public struct SourceNote: Sendable, Codable, Equatable {
    public var number: Int
    public var marker: String
    public var source: String
}

/// A quote published with its speaker's consent.
public struct Quote: Sendable, Codable, Equatable {
    public var text: String
    public var by: String
    public var role: String?
    /// True when `by` is a pseudonym: the sheet prints "*" after it and "*A pseudonym" in its notes.
    public var pseudonym: Bool
}

public struct Section: Sendable, Codable, Equatable {
    public var title: String
    public var blocks: [TextBlock]
}

/// One entry of the timeline.
public struct Milestone: Sendable, Codable, Equatable {
    public var year: String
    public var text: String
    public var detail: String?
    /// True when found in the data (a first, a total reached), false for a fixed event.
    public var fromData: Bool
    /// The metric it was found in, when it was.
    public var metric: String?
}
