/// The texts that mean "no value" in a source (`""`, `NA`, `-99`, ...), matched
/// after trimming and regardless of case.
public struct MissingMarkers: Sendable, Hashable {
    /// The markers as written in the pipeline (for messages and docs).
    public let written: [String]
    /// The markers trimmed and lower-cased, as they are matched.
    let lowered: Set<String>
    private let longest: Int

    /// The list used when neither the pipeline nor the source gives one.
    /// A dash alone (`-`, `--`, `---`: what people type for "none" in a spreadsheet, and
    /// CommCare writes for a blank) is no value too. At most 8 markers of at most 8 bytes once
    /// lower-cased (here 8): more, and every value takes `ValueParser`'s full path (`FastParse`).
    public static let defaultList = ["", "NA", "N/A", "n/a", "null", "unknown", "-99", "-", "--", "---"]
    public static let standard = MissingMarkers(defaultList)

    public init(_ markers: [String]) {
        written = markers
        let trimmed = markers.map { String(trimWhitespace($0)).lowercased() }
        lowered = Set(trimmed)
        longest = trimmed.map(\.utf8.count).max() ?? 0
    }

    /// Whether the (already trimmed) text is one of the markers. An empty text is
    /// always missing: an empty cell can hold no value of any type.
    public func contains(_ text: Substring) -> Bool {
        if text.isEmpty { return true }
        guard text.utf8.count <= longest else { return false }
        return lowered.contains(text.lowercased())
    }
}

/// Leading and trailing whitespace (spaces, tabs, line breaks, no-break spaces) removed,
/// without allocating when there is none.
public func trimWhitespace(_ text: String) -> Substring {
    let utf8 = text.utf8
    if let first = utf8.first, let last = utf8.last,
       first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
        return text[...]
    }
    var slice = text[...]
    while let c = slice.first, c.isWhitespace { slice = slice.dropFirst() }
    while let c = slice.last, c.isWhitespace { slice = slice.dropLast() }
    return slice
}
