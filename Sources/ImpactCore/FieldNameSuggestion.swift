/// For an error about an unknown field: the schema's field that the name was surely meant
/// to be, told apart only by case and separators (`SubmissionDate` for `submissiondate`,
/// `group-intake-age` for `group_intake_age`), as "; did you mean 'x'?"; "" when there is
/// no such field, or more than one.
extension RecordSchema {
    public func suggestion(for name: String) -> String {
        func folded(_ text: String) -> String {
            String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        }
        let wanted = folded(name)
        guard !wanted.isEmpty else { return "" }
        let matches = fields.map(\.name).filter { $0 != name && folded($0) == wanted }
        return matches.count == 1 ? "; did you mean '\(matches[0])'?" : ""
    }
}
