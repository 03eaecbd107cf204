import Mustache

/// How templates read the fact sheet: each model type hands a template its stored
/// properties by name through a table of key paths (`MustacheParent`), instead of
/// swift-mustache reflecting the value (`Mirror`) at every lookup, which was a third of
/// a small run's instructions. A test checks each table against the type's stored
/// properties (`TemplateFieldsTests`), so a property added to a type cannot be left out.
protocol TemplateFields: MustacheParent {
    static var templateFields: [String: PartialKeyPath<Self>] { get }
}

extension TemplateFields {
    public func child(named name: String) -> Any? {
        guard let path = Self.templateFields[name] else { return nil }
        let value = self[keyPath: path]
        // An optional property's value, unwrapped once, as the engine's reflection gives it
        // (an empty one is no value: `{{#place}}` is skipped, `{{place}}` writes nothing).
        if let optional = value as? OptionalField { return optional.fieldValue }
        return value
    }
}

/// An optional property read by a template.
protocol OptionalField {
    var fieldValue: Any? { get }
}

extension Optional: OptionalField {
    var fieldValue: Any? {
        switch self {
        case .some(let wrapped): return wrapped
        case .none: return nil
        }
    }
}

extension FactSheet: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<FactSheet>] = [
        "template": \FactSheet.template,
        "title": \FactSheet.title,
        "titleUnderline": \FactSheet.titleUnderline,
        "place": \FactSheet.place,
        "heading": \FactSheet.heading,
        "intro": \FactSheet.intro,
        "asOf": \FactSheet.asOf,
        "asOfText": \FactSheet.asOfText,
        "locale": \FactSheet.locale,
        "paper": \FactSheet.paper,
        "headline": \FactSheet.headline,
        "hasCutFigures": \FactSheet.hasCutFigures,
        "facts": \FactSheet.facts,
        "notes": \FactSheet.notes,
        "quote": \FactSheet.quote,
        "sections": \FactSheet.sections,
        "milestones": \FactSheet.milestones,
        "chart": \FactSheet.chart,
        "tables": \FactSheet.tables,
        "suppressBelow": \FactSheet.suppressBelow,
        "hasSuppressed": \FactSheet.hasSuppressed,
        "suppressionNote": \FactSheet.suppressionNote,
    ]
}

extension PublishedFigure: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<PublishedFigure>] = [
        "metric": \PublishedFigure.metric,
        "label": \PublishedFigure.label,
        "exact": \PublishedFigure.exact,
        "exactText": \PublishedFigure.exactText,
        "published": \PublishedFigure.published,
        "rule": \PublishedFigure.rule,
        "wasCut": \PublishedFigure.wasCut,
        "paddedPublished": \PublishedFigure.paddedPublished,
    ]
}

extension Span: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Span>] = [
        "text": \Span.text,
        "bold": \Span.bold,
    ]
}

extension TextBlock: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<TextBlock>] = [
        "isList": \TextBlock.isList,
        "spans": \TextBlock.spans,
        "items": \TextBlock.items,
        "plain": \TextBlock.plain,
    ]
}

extension ListItem: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<ListItem>] = [
        "spans": \ListItem.spans,
        "plain": \ListItem.plain,
    ]
}

extension Fact: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Fact>] = [
        "number": \Fact.number,
        "marker": \Fact.marker,
        "figure": \Fact.figure,
        "spans": \Fact.spans,
        "plain": \Fact.plain,
        "source": \Fact.source,
    ]
}

extension SourceNote: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<SourceNote>] = [
        "number": \SourceNote.number,
        "marker": \SourceNote.marker,
        "source": \SourceNote.source,
    ]
}

extension Quote: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Quote>] = [
        "text": \Quote.text,
        "by": \Quote.by,
        "role": \Quote.role,
        "pseudonym": \Quote.pseudonym,
    ]
}

extension Section: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Section>] = [
        "title": \Section.title,
        "blocks": \Section.blocks,
    ]
}

extension Milestone: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Milestone>] = [
        "year": \Milestone.year,
        "text": \Milestone.text,
        "detail": \Milestone.detail,
        "fromData": \Milestone.fromData,
        "metric": \Milestone.metric,
    ]
}

extension Chart: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Chart>] = [
        "title": \Chart.title,
        "metric": \Chart.metric,
        "description": \Chart.description,
        "width": \Chart.width,
        "height": \Chart.height,
        "bars": \Chart.bars,
        "gridlines": \Chart.gridlines,
        "baselineY": \Chart.baselineY,
        "plotLeft": \Chart.plotLeft,
        "plotRight": \Chart.plotRight,
        "periodHeading": \Chart.periodHeading,
        "valueHeading": \Chart.valueHeading,
        "textLines": \Chart.textLines,
        "hasSuppressed": \Chart.hasSuppressed,
    ]
}

extension ChartBar: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<ChartBar>] = [
        "period": \ChartBar.period,
        "valueText": \ChartBar.valueText,
        "shortText": \ChartBar.shortText,
        "hidden": \ChartBar.hidden,
        "x": \ChartBar.x,
        "y": \ChartBar.y,
        "width": \ChartBar.width,
        "height": \ChartBar.height,
        "centerX": \ChartBar.centerX,
        "valueY": \ChartBar.valueY,
        "labelY": \ChartBar.labelY,
        "showLabel": \ChartBar.showLabel,
    ]
}

extension ChartGridline: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<ChartGridline>] = [
        "y": \ChartGridline.y,
        "label": \ChartGridline.label,
        "labelY": \ChartGridline.labelY,
    ]
}

extension PublishedTable: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<PublishedTable>] = [
        "title": \PublishedTable.title,
        "metric": \PublishedTable.metric,
        "labelHeading": \PublishedTable.labelHeading,
        "columnHeadings": \PublishedTable.columnHeadings,
        "rows": \PublishedTable.rows,
        "totals": \PublishedTable.totals,
        "textLines": \PublishedTable.textLines,
        "hasSuppressed": \PublishedTable.hasSuppressed,
    ]
}

extension TableRow: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<TableRow>] = [
        "label": \TableRow.label,
        "cells": \TableRow.cells,
    ]
}

extension TableCell: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<TableCell>] = [
        "text": \TableCell.text,
        "hidden": \TableCell.hidden,
    ]
}
