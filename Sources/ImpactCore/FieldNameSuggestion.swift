/// For an error about an unknown field: the schema's field that the name was surely meant
/// to be, told apart only by case and separators (`SubmissionDate` for `submissiondate`,
/// `group-intake-age` for `group_intake_age`), as "; did you mean 'x'?"; "" when there is
/// no such field, or more than one.
extension RecordSchema {
    public func suggestion(for name: String) -> String {
        FieldNameSuggestion.meant(name, among: fields.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
    }
}

public enum FieldNameSuggestion {
    /// The one name of `names` that `name` differs from only by case and separators; nil when
    /// there is none, or more than one.
    public static func meant(_ name: String, among names: [String]) -> String? {
        func folded(_ text: String) -> String {
            String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        }
        let wanted = folded(name)
        guard !wanted.isEmpty else { return nil }
        let matches = names.filter { $0 != name && folded($0) == wanted }
        return matches.count == 1 ? matches[0] : nil
    }
}
