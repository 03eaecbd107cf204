/// For an error about an unknown field: the schema's field that the name was surely meant
/// to be, as "; did you mean 'x'?"; "" when there is no such field, or more than one.
extension RecordSchema {
    public func suggestion(for name: String) -> String {
        FieldNameSuggestion.meant(name, among: fields.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
    }
}

public enum FieldNameSuggestion {
    /// The one name of `names` that `name` was surely meant to be, by the first of these
    /// that one name alone meets (nil when none does, or when two meet the first that any meets):
    /// 1. it differs only by case and separators (`SubmissionDate` for `submissiondate`,
    ///    `group-intake-age` for `group_intake_age`);
    /// 2. `name` is its last part (`office` for KoboToolbox's `group_case/office`, read by a
    ///    query as `group_case_office`; `district` for `location.district`);
    /// 3. one letter differs, is missing, extra or swapped with the next (two in a name of
    ///    eight letters or more): `ofice` for `office`, `survivor_ids` for `survivor_id`.
    public static func meant(_ name: String, among names: [String]) -> String? {
        let wanted = folded(name)
        guard !wanted.isEmpty else { return nil }
        let others = names.filter { $0 != name }
        let same = others.filter { folded($0) == wanted }
        if !same.isEmpty { return same.count == 1 ? same[0] : nil }
        let part = "_" + separated(name)
        let grouped = others.filter { separated($0).hasSuffix(part) }
        if !grouped.isEmpty { return grouped.count == 1 ? grouped[0] : nil }
        guard wanted.count >= 4 else { return nil }
        let allowed = wanted.count >= 8 ? 2 : 1
        let close = others.filter { editDistance(Array(folded($0)), Array(wanted), limit: allowed) <= allowed }
        return close.count == 1 ? close[0] : nil
    }

    /// Lower-cased letters and digits alone.
    private static func folded(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    /// Lower-cased, each run of other characters one `_`, none at the ends.
    private static func separated(_ text: String) -> String {
        var out = ""
        var gap = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if gap && !out.isEmpty { out += "_" }
                out.unicodeScalars.append(scalar)
                gap = false
            } else {
                gap = true
            }
        }
        return out
    }

    /// The optimal string alignment distance of `a` and `b` (edits of one character, and
    /// swaps of two next to each other), or `limit + 1` once it is certainly beyond `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var best = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                best = min(best, d)
            }
            if best > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
