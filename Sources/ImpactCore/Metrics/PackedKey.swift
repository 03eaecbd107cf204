/// A distinct count's key in two words, compared and hashed without a `String`:
/// text of up to 15 UTF-8 bytes (person ids, case numbers), an integer or a
/// date, held inline. Text is its bytes, little-endian, the first eight in
/// `w0`, the next seven in `w1`'s low bytes and its length in `w1`'s top byte;
/// an integer or a date has a top byte of its own (`0x80`, `0x81`), which no
/// text's length is. Any other value (longer text, a number, a list) is
/// "long", kept beside the table or batch (`LongKeys`): `w1`'s top byte is
/// `0xFE` for text kept as bytes, `0xFF` for a value kept as a `Value`, and its
/// low half the top half of the value's hash; `w0` says where it is kept.
///
/// Two keys that pack are the same value exactly when their words are equal.
/// Text compares by its bytes, as its hash always did (`ValueInterner.hash`):
/// two spellings of one accented letter are two keys.
struct PackedKey: Sendable, Equatable {
    var w0: UInt64
    var w1: UInt64

    static let integerMark: UInt64 = 0x80 << 56
    static let dateMark: UInt64 = 0x81 << 56
    static let longTextMark: UInt64 = 0xFE << 56
    static let longMark: UInt64 = 0xFF << 56
    /// The most text bytes held inline.
    static let inlineBytes = 15

    @inline(__always)
    init(w0: UInt64, w1: UInt64) {
        self.w0 = w0
        self.w1 = w1
    }

    /// The value packed, or nil when it does not fit (a long key).
    @inline(__always)
    init?(_ value: Value) {
        switch value {
        case .text(let text):
            guard let packed = Self.text(text) else { return nil }
            self = packed
        case .integer(let n):
            self.init(w0: UInt64(bitPattern: Int64(n)), w1: Self.integerMark)
        case .date(let day):
            self.init(w0: UInt64(bitPattern: Int64(day.daysSinceEpoch)), w1: Self.dateMark)
        default:
            return nil
        }
    }

    @inline(__always)
    private static func text(_ text: String) -> PackedKey? {
        var text = text
        guard text.utf8.count <= inlineBytes else { return nil }
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return PackedKey(w0: 0, w1: 0) }
            let raw = UnsafeRawPointer(base)
            let n = bytes.count
            let w0 = raw.loadShortWord(count: min(n, 8))
            let w1 = n > 8 ? (raw + 8).loadShortWord(count: n - 8) : 0
            return PackedKey(w0: w0, w1: w1 | UInt64(n) << 56)
        }
    }

    /// True for a key kept beside (`LongKeys`).
    var isLong: Bool { w1 >> 57 == 0x7F }
    /// True for a long key kept as text bytes.
    var isLongText: Bool { w1 >> 56 == 0xFE }

    /// A hash of a key that packs (a long key is hashed from its value, `ValueInterner.hash`):
    /// both words mixed, so that the top bits (the shard) and the low bits (the slot) see every byte.
    @inline(__always)
    var hash: UInt64 {
        var h = (w0 ^ 0x243F_6A88_85A3_08D3) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 32) ^ w1) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        h = h &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 32)
    }
}
