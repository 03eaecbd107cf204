/// A 64-bit hash of a row as read (every slot, identifying ones included),
/// for the `duplicate` check: the check keeps this hash per row, never the row.
///
/// The hash is of the row written out as one CSV line: the values one after
/// another with a separator byte between them (`RowBuffer.valueSeparator`, a CSV
/// file's own delimiter), each value as it is unless it must be quoted (it is
/// empty, or holds the separator or a quote): then between quotes, its quotes
/// doubled. A missing value is written as nothing; a list (a JSON array) as a
/// NUL then the quoted text of its items (a text value never holds a NUL followed
/// by a quote unquoted, so the two cannot be taken for each other). Missing values
/// after the last present one are left out, separators included (a row read
/// before a JSON file's late column hashes as the same row read after it). That
/// text tells `"ab","c"` from `"a","bc"`, an empty value from a missing one,
/// and a quoted value from the same value unquoted not at all (they are the
/// same value). A CSV line without quotes is that text already, less its
/// trailing separators: the reader hashes such a line in one pass (`line`),
/// any other row field by field (`Builder`), with the same result.
///
/// The bytes go eight at a time through xxHash64's round and final mix (two
/// lanes, words in turn). Held in memory for one run only.
public enum RowHash {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let quote = UInt8(ascii: "\"")

    @inline(__always)
    static func round(_ hash: inout UInt64, _ word: UInt64) {
        let x = hash &+ word &* p2
        hash = (x << 31 | x >> 33) &* p1
    }

    /// Bytes fed in pieces hash as if fed at once. Whole words go to two lanes in
    /// turn (`odd` says which is next), so that two rounds of a line run side by side.
    struct Stream {
        var hash: UInt64 = p1
        var other: UInt64 = p2
        var odd = false
        var pending: UInt64 = 0
        var pendingCount = 0

        @inline(__always)
        mutating func word(_ word: UInt64) {
            if odd { round(&other, word) } else { round(&hash, word) }
            odd.toggle()
        }

        @inline(__always)
        mutating func feed(_ bytes: UnsafeRawBufferPointer) {
            let n = bytes.count
            guard let base = bytes.baseAddress, n > 0 else { return }
            var i = 0
            if pendingCount > 0 {
                // Fill the word begun by the piece before (a short field: most of them).
                let take = min(8 - pendingCount, n)
                pending |= base.loadShortWord(count: take) << UInt64(8 * pendingCount)
                pendingCount += take
                i = take
                if pendingCount < 8 { return }
                word(pending)
                (pending, pendingCount) = (0, 0)
            }
            if odd && i + 8 <= n {
                word(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            while i + 16 <= n {
                round(&hash, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                round(&other, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                i += 16
            }
            if i + 8 <= n {
                word(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            if i < n {
                pending = (base + i).loadShortWord(count: n - i)
                pendingCount = n - i
            }
        }

        @inline(__always)
        mutating func feed(byte: UInt8) {
            pending |= UInt64(byte) << UInt64(8 * pendingCount)
            pendingCount += 1
            if pendingCount == 8 {
                word(pending)
                (pending, pendingCount) = (0, 0)
            }
        }

        func finish() -> UInt64 {
            var hash = hash ^ (other << 27 | other >> 37) &* p1
            if pendingCount > 0 { round(&hash, pending | UInt64(pendingCount) << 60) }
            hash ^= hash >> 33
            hash = hash &* p2
            hash ^= hash >> 29
            hash = hash &* p3
            hash ^= hash >> 32
            return hash
        }
    }

    /// The hash of a CSV line with no quote in it (its terminator left out), read
    /// with `separator` as its delimiter: the same as `Builder` over its fields.
    @inline(__always)
    public static func line(_ bytes: UnsafeRawBufferPointer, separator: UInt8) -> UInt64 {
        var count = bytes.count
        // Empty values at the end are missing ones: left out with their separators.
        while count > 0 && bytes[count - 1] == separator { count -= 1 }
        var content = Stream()
        content.feed(UnsafeRawBufferPointer(rebasing: bytes[..<count]))
        return content.finish()
    }

    /// The hash built value by value, as a reader meets the fields (`RowBuffer.hashAsRead`)
    /// or from a row's slots (`of`).
    public struct Builder: Sendable {
        let separator: UInt8
        var content = Stream()
        var values = 0
        /// Separators not yet fed: fed before the next present value, dropped at the end.
        var separators = 0

        public init(separator: UInt8 = UInt8(ascii: ",")) {
            self.separator = separator
        }

        /// The next value, missing.
        @inline(__always)
        public mutating func missing() {
            if values > 0 { separators += 1 }
            values += 1
        }

        /// The next value, text.
        @inline(__always)
        public mutating func text(_ bytes: UnsafeRawBufferPointer) {
            present()
            if RowHash.needsQuotes(bytes, separator: separator) { quoted(bytes) } else { content.feed(bytes) }
        }

        /// The next value, a list (its items' text joined).
        public mutating func list(_ text: String) {
            present()
            content.feed(byte: 0)
            var text = text
            text.withUTF8 { quoted(UnsafeRawBufferPointer($0)) }
        }

        @inline(__always)
        private mutating func present() {
            if values > 0 { separators += 1 }
            values += 1
            while separators > 0 {
                content.feed(byte: separator)
                separators -= 1
            }
        }

        private mutating func quoted(_ bytes: UnsafeRawBufferPointer) {
            content.feed(byte: RowHash.quote)
            var start = 0
            for i in 0..<bytes.count where bytes[i] == RowHash.quote {
                // The piece up to and with the quote, then the quote again.
                content.feed(UnsafeRawBufferPointer(rebasing: bytes[start...i]))
                content.feed(byte: RowHash.quote)
                start = i + 1
            }
            content.feed(UnsafeRawBufferPointer(rebasing: bytes[start...]))
            content.feed(byte: RowHash.quote)
        }

        public func finish() -> UInt64 { content.finish() }
    }

    /// Whether a value is written between quotes: empty, or holding the separator or a
    /// quote (eight bytes at a time).
    @inline(__always)
    static func needsQuotes(_ bytes: UnsafeRawBufferPointer, separator: UInt8) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        let n = bytes.count
        var i = 0
        while i < n {
            let size = min(8, n - i)
            let word = (base + i).loadShortWord(count: size)
            let found = word.bytes(equalTo: separator) | word.bytes(equalTo: quote)
            // A short word's bytes past the value read as 0: only the value's own count.
            if found & (size == 8 ? ~0 : (1 << UInt64(8 * size)) &- 1) != 0 { return true }
            i += 8
        }
        return false
    }

    /// The row's hash: `hashAsRead` when the reader built it, else built from the slots
    /// with the row's `valueSeparator` (columns a reader left unparsed read first).
    public static func of(_ row: RowBuffer) -> UInt64 {
        if let hash = row.hashAsRead { return hash }
        row.readUnparsedColumns()
        var builder = Builder(separator: row.valueSeparator)
        let count = row.storage.pointee.slotCount
        for slot in 0..<count {
            switch row.kind(slot) {
            case .missing: builder.missing()
            case .text: _ = row.withBytes(slot) { builder.text($0) }
            case .list: builder.list(row.string(slot) ?? "")
            }
        }
        return builder.finish()
    }
}
