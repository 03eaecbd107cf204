// How the monthly report's templates read its model: as the fact sheet's (`TemplateFields`).
extension MonthlyReport: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<MonthlyReport>] = [
        "template": \MonthlyReport.template,
        "title": \MonthlyReport.title,
        "titleUnderline": \MonthlyReport.titleUnderline,
        "place": \MonthlyReport.place,
        "month": \MonthlyReport.month,
        "monthText": \MonthlyReport.monthText,
        "previousMonthText": \MonthlyReport.previousMonthText,
        "lastYearText": \MonthlyReport.lastYearText,
        "yearToDateText": \MonthlyReport.yearToDateText,
        "asOf": \MonthlyReport.asOf,
        "asOfText": \MonthlyReport.asOfText,
        "locale": \MonthlyReport.locale,
        "rows": \MonthlyReport.rows,
        "textLines": \MonthlyReport.textLines,
        "quality": \MonthlyReport.quality,
        "hasRejected": \MonthlyReport.hasRejected,
        "revisions": \MonthlyReport.revisions,
        "hasRevisions": \MonthlyReport.hasRevisions,
        "comparedWithPrevious": \MonthlyReport.comparedWithPrevious,
        "suppressBelow": \MonthlyReport.suppressBelow,
        "hasSuppressed": \MonthlyReport.hasSuppressed,
        "suppressionNote": \MonthlyReport.suppressionNote,
    ]
}

extension MonthlyCell: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<MonthlyCell>] = [
        "text": \MonthlyCell.text,
        "hidden": \MonthlyCell.hidden,
    ]
}

extension MonthlyRow: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<MonthlyRow>] = [
        "metric": \MonthlyRow.metric,
        "label": \MonthlyRow.label,
        "month": \MonthlyRow.month,
        "previousMonth": \MonthlyRow.previousMonth,
        "changeOnMonth": \MonthlyRow.changeOnMonth,
        "changeOnMonthPercent": \MonthlyRow.changeOnMonthPercent,
        "lastYear": \MonthlyRow.lastYear,
        "changeOnYear": \MonthlyRow.changeOnYear,
        "changeOnYearPercent": \MonthlyRow.changeOnYearPercent,
        "yearToDate": \MonthlyRow.yearToDate,
    ]
}

extension QualityRow: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<QualityRow>] = [
        "source": \QualityRow.source,
        "read": \QualityRow.read,
        "accepted": \QualityRow.accepted,
        "rejected": \QualityRow.rejected,
        "checks": \QualityRow.checks,
        "checksText": \QualityRow.checksText,
    ]
}

extension QualityRow.Check: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<QualityRow.Check>] = [
        "check": \QualityRow.Check.check,
        "rows": \QualityRow.Check.rows,
    ]
}

extension Revision: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Revision>] = [
        "metric": \Revision.metric,
        "label": \Revision.label,
        "month": \Revision.month,
        "monthText": \Revision.monthText,
        "was": \Revision.was,
        "now": \Revision.now,
    ]
}
