import ImpactCore

/// Tells a spreadsheet's totals row from a record, as the CSV reader meets each record's
/// first line: a row whose first value (after empty fields) is `Total`, `Totals`,
/// `Grand total`, `Subtotal`, `Sub-total` or `Sub total`, in any case, with or without a
/// colon, quoted or not. Such a row sums the rows above it; counted as a record, it would
/// count them twice (`RowBuffer.isTotals`, `WholeRowCheck.totals`).
///
/// Most lines are settled by their first byte (`firstBytes`). A line whose first value the
/// chunk cut is settled on the next chunk's bytes (or at the end of the file), so that the
/// answer does not depend on where chunks or a split file's parts end.
struct TotalsRowProbe {
    /// The labels, in lower case.
    static let labels: [[UInt8]] = ["total", "totals", "grand total", "subtotal", "sub-total", "sub total"].map { Array($0.utf8) }
    /// More bytes than any label with its spaces, quote and colon: a longer first value is none.
    static let limit = 32

    /// The record's first bytes while its first value is not known yet (the chunk ended).
    private var pending: [UInt8] = []
    /// Whether `pending` waits for the next chunk.
    private(set) var isPending = false

    /// The first bytes of a line that may be a totals row: a label's first letter in either
    /// case, a quote, a space, a tab and the delimiter (an empty first field). One test a
    /// record: most records' first byte says no.
    static func firstBytes(delimiter: UInt8) -> ASCIIByteSet {
        ASCIIByteSet(Array("tTsSgG\" \t".utf8) + [delimiter])
    }

    /// A record starts with `bytes` (from its first byte to the chunk's end): whether it is a
    /// totals row, false while that waits for the next chunk (`more`, `end`).
    mutating func start(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8) -> Bool {
        isPending = false
        // A label's first two letters (`to`, `su`, `gr`), or no label: most IDs that start
        // with a label's letter (`S12`, `T7`) stop here.
        if bytes.count >= 2, case let first = bytes[0] | 0x20, first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            let pair = UInt16(first) << 8 | UInt16(bytes[1] | 0x20)
            guard pair == 0x746F || pair == 0x7375 || pair == 0x6772 else { return false }
        }
        if let verdict = Self.verdict(bytes, delimiter: delimiter, atEnd: false) { return verdict }
        isPending = true
        pending.removeAll(keepingCapacity: true)
        pending.append(contentsOf: bytes.prefix(Self.limit + 1))
        return false
    }

    /// The next chunk, while the first value is pending: whether the record is a totals row.
    mutating func more(_ chunk: UnsafeRawBufferPointer, delimiter: UInt8) -> Bool {
        pending.append(contentsOf: chunk.prefix(Self.limit + 1 - pending.count))
        let verdict = pending.withUnsafeBytes { Self.verdict($0, delimiter: delimiter, atEnd: false) }
        isPending = verdict == nil
        return verdict ?? false
    }

    /// The end of the file, while the first value is pending: what was read is the line.
    mutating func end(delimiter: UInt8) -> Bool {
        isPending = false
        return pending.withUnsafeBytes { Self.verdict($0, delimiter: delimiter, atEnd: true) ?? false }
    }

    /// Whether `line` (a record's first bytes) begins with a totals label as its first value;
    /// nil when the bytes end before the value does and the file goes on (not `atEnd`).
    static func verdict(_ line: UnsafeRawBufferPointer, delimiter: UInt8, atEnd: Bool) -> Bool? {
        let n = line.count
        var i = 0
        while i < n, line[i] == delimiter || line[i] == 0x20 || line[i] == 0x09 {
            i += 1
            if i > limit { return false }
        }
        var quoted = false
        if i < n, line[i] == UInt8(ascii: "\"") {
            quoted = true
            i += 1
        }
        let start = i
        while i < n {
            let b = line[i]
            if b == delimiter || b == 0x0A || b == 0x0D || quoted && b == UInt8(ascii: "\"") { break }
            i += 1
            if i - start > limit { return false }
        }
        if i == n && !atEnd { return n > limit ? false : nil }
        // The value, less spaces and a colon at its end.
        var end = i
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        if end > start, line[end - 1] == UInt8(ascii: ":") { end -= 1 }
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        let count = end - start
        guard count >= 5 && count <= 11 else { return false }
        return labels.contains { label in
            label.count == count && label.indices.allSatisfy { k in
                let want = label[k], have = line[start + k]
                return want >= UInt8(ascii: "a") && want <= UInt8(ascii: "z") ? have | 0x20 == want : have == want
            }
        }
    }
}
