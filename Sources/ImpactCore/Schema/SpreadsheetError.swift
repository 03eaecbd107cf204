/// The error values a spreadsheet leaves in a cell whose formula failed (`#N/A`, `#REF!`):
/// exported as text, they are not the cell's value in any field, text included (a
/// `#REF!` office would become a row of a published table). `ValueParser` rejects them
/// with what went wrong, unless the source lists one among its `missing:` markers.
public enum SpreadsheetError {
    /// Each error value, with what it means.
    static let meanings: [String: String] = [
        "#N/A": "a lookup found nothing to put in the cell",
        "#REF!": "the formula refers to a cell that was deleted",
        "#VALUE!": "the formula was given a value of the wrong kind",
        "#DIV/0!": "the formula divides by zero",
        "#NAME?": "the formula names a function or range the spreadsheet does not know",
        "#NUM!": "the formula's result is not a number the spreadsheet can hold",
        "#NULL!": "the formula intersects ranges that do not meet",
        "#SPILL!": "the formula's results do not fit where they would go",
        "#CALC!": "the formula cannot be calculated",
        "#GETTING_DATA": "the cell was exported before its data arrived",
    ]

    /// What the error value `text` (trimmed) means; nil when it is none.
    public static func meaning(_ text: Substring) -> String? {
        guard text.first == "#", text.utf8.count <= 13 else { return nil }
        return meanings[text.uppercased()]
    }

    /// The problem `ValueParser` reports for the error value `text`, or nil.
    static func problem(_ text: Substring) -> ValueProblem? {
        guard let meaning = meaning(text) else { return nil }
        return ValueProblem(message: "'\(text)' is a spreadsheet's error value, not a value",
                            hint: "\(meaning); fix the cell in the spreadsheet and export again (or, when it means "
                                + "no value, list \(text) in the source's missing: markers)")
    }
}
