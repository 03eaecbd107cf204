/// `ValueParser`'s hot path in a value that holds no reference: the field's
/// type, and its missing markers packed into words. A mapper keeps one per
/// field beside the parsers; a `ValueParser` itself (arrays, a dictionary)
/// read out of such storage is copied, a retain and a release of each of its
/// references per field read.
///
/// `parse(bytes:)` gives the value straight from the field's UTF-8 bytes when
/// that is sure to be what the full path (`ValueParser.parse(text:)`) gives,
/// and nil otherwise: surrounding spaces, a value map, non-ASCII text as short
/// as a marker, a censored count, another date format, a number with a
/// fraction, separators or an exponent, text starting with `#` (a spreadsheet's
/// error value?), a problem to report.
public struct FastParse: Sendable {
    public let type: FieldType
    /// False when every value takes the full path (a value map, or a missing
    /// marker of more than 8 bytes or more than 8 markers).
    let enabled: Bool
    /// The longest marker's length (at most 8).
    let longest: Int
    /// Each marker, lower-cased, its bytes in a word (first byte lowest), and its length (0: no marker).
    let words: SIMD8<UInt64>
    let lengths: SIMD8<UInt8>
    /// A bit per ASCII byte that starts a marker (lower-cased): a field starting
    /// with another byte is no marker, and is not compared with them.
    let firstBytes: ASCIIByteSet

    init(type: FieldType, hasValueMap: Bool, markers: [[UInt8]]) {
        self.type = type
        var words = SIMD8<UInt64>(repeating: 0), lengths = SIMD8<UInt8>(repeating: 0)
        var fits = !hasValueMap
        var lane = 0
        var firstBytes = ASCIIByteSet([])
        for marker in markers where !marker.isEmpty {
            guard marker.count <= 8, lane < 8 else { fits = false; break }
            words[lane] = Self.word(marker)
            lengths[lane] = UInt8(marker.count)
            lane += 1
            // Markers are lower-cased; one that is not ASCII never meets the fast path.
            if let first = marker.first { firstBytes.insert(first) }
        }
        self.firstBytes = firstBytes
        enabled = fits
        longest = fits ? markers.map(\.count).max() ?? 0 : 0
        self.words = words
        self.lengths = lengths
    }

    /// Whether `first` (ASCII), lower-cased, starts some marker.
    @inline(__always)
    func startsLikeAMarker(_ first: UInt8) -> Bool {
        let lower = first >= 0x41 && first <= 0x5A ? first | 0x20 : first
        return firstBytes.contains(lower)
    }

    /// 0x80 in each byte of `word` (ASCII bytes only) that is an upper-case letter.
    @inline(__always)
    static func upperCaseBits(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        // A byte b < 0x80 plus (0x80 - c) sets its top bit exactly when b >= c, with no
        // carry into the next byte (0x7F + 0x3F < 0x100).
        let atLeastA = word &+ ones &* (0x80 - 0x41)
        let pastZ = word &+ ones &* (0x80 - 0x5B)
        return atLeastA & ~pastZ & 0x8080_8080_8080_8080
    }

    static func word<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var word: UInt64 = 0
        for (k, b) in bytes.enumerated() { word |= UInt64(b) << UInt64(8 * k) }
        return word
    }

    @inline(__always)
    public func parse(bytes: UnsafeRawBufferPointer) -> Value? {
        let n = bytes.count
        guard enabled, n > 0, let base = bytes.baseAddress else { return nil }
        let first = base.load(as: UInt8.self)
        let last = base.load(fromByteOffset: n - 1, as: UInt8.self)
        guard first > 0x20, first < 0x80, last > 0x20, last < 0x80 else { return nil }
        if n <= longest && startsLikeAMarker(first) {
            // As short as a marker: ASCII only, compared lower-cased, eight bytes at once.
            var word: UInt64 = 0
            for k in 0..<n { word |= UInt64(base.load(fromByteOffset: k, as: UInt8.self)) << UInt64(8 * k) }
            if word & 0x8080_8080_8080_8080 != 0 { return nil }
            word |= Self.upperCaseBits(word) >> 2
            for lane in 0..<8 where words[lane] == word && Int(lengths[lane]) == n { return .missing }
        }
        switch type {
        case .text:
            // A spreadsheet's error value (`#REF!`) is no text: the full path says so.
            guard first != UInt8(ascii: "#") else { return nil }
            return .text(TextForm.nfc(bytes: bytes))
        case .date:
            guard n == 10 else { return nil }
            let digits = bytes.assumingMemoryBound(to: UInt8.self)
            return (DatePattern.isoDigits(digits) ?? DatePattern.iso.parse(bytes: digits)).map { .date($0) }
        case .integer:
            guard n <= 18, let value = Self.wholeNumber(base, n) else { return nil }
            return .integer(value)
        case .number:
            // Digits only, up to 15 (exact in a Double, as the full path's parse gives
            // them); "-0" takes the full path, which keeps its sign.
            guard n <= 15, let value = Self.wholeNumber(base, n), value != 0 || first != UInt8(ascii: "-") else { return nil }
            return .number(Double(value))
        default:
            return nil
        }
    }

    /// An optional "-" and digits (at most 18 bytes), or nil.
    @inline(__always)
    static func wholeNumber(_ base: UnsafeRawPointer, _ n: Int) -> Int? {
        var value = 0
        var i = base.load(as: UInt8.self) == UInt8(ascii: "-") ? 1 : 0
        guard i < n else { return nil }
        let negative = i == 1
        while i < n {
            let d = base.load(fromByteOffset: i, as: UInt8.self) &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
            i += 1
        }
        return negative ? -value : value
    }
}
