#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct keys that do not fit in a `PackedKey`'s two words, kept beside
/// a table or a batch of keys: longer text (a UUID, a long case number) as its
/// UTF-8 bytes in blocks of 64 kB, with no `String` kept per key, and any other
/// value (a number, a list) as a `Value`. A long key's `w1` holds its mark
/// (`PackedKey.longTextMark` or `longMark`) and the top half of its hash, so
/// that two long keys are compared only when their hashes agree; its `w0` is
/// where it lies here (a text's block, offset and length; a value's index).
///
/// Blocks, not one buffer: a table of millions of long keys grows a block at a
/// time, where one buffer doubled, copying itself, and held up to twice the bytes
/// it needed (the 64 tables of a shared distinct count doubled at about the same
/// moment, near the end of a read: 36 MB of a 3M-UUID query's peak).
struct LongKeys: Sendable {
    /// The texts' bytes, one after another, in blocks of 2^`blockBits` bytes (a text
    /// never straddles two: a block ends early when the next text does not fit): the
    /// full blocks, then the block being filled.
    private var full: [[UInt8]] = []
    private var current: [UInt8] = []
    /// The other values, by index.
    private(set) var values: [Value] = []

    /// Text up to this many bytes is kept as bytes (a length fits in `w0`'s low 16 bits).
    static let maxTextBytes = 0xFFFF
    /// A block's size, as a shift: the longest text kept fits in one.
    static let blockBits = 16

    var isEmpty: Bool { full.isEmpty && current.isEmpty && values.isEmpty }

    /// Empties the store, keeping the block being filled's memory (a batch is refilled).
    mutating func removeAll() {
        full.removeAll()
        current.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    /// Appends a text's bytes; returns where they lie (block << blockBits | offset).
    @inline(__always)
    private mutating func append(_ text: UnsafeRawBufferPointer) -> Int {
        if current.count + text.count > 1 << Self.blockBits { startBlock() }
        let offset = full.count << Self.blockBits | current.count
        // As typed bytes: the contiguous copy, not a byte-by-byte walk of a raw buffer.
        current.append(contentsOf: text.assumingMemoryBound(to: UInt8.self))
        return offset
    }

    /// The block being filled is full: it joins the others, and a new one starts.
    @inline(never)
    private mutating func startBlock() {
        full.append(current)
        current = []
    }

    @inline(__always)
    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    /// Keeps `value` (one that does not pack) and gives its key; `hash` is `ValueInterner.hash(value)`.
    mutating func add(_ value: Value, hash: UInt64) -> PackedKey {
        if case .text(var text) = value, text.utf8.count <= Self.maxTextBytes {
            let length = text.utf8.count
            let offset = text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
            return PackedKey(w0: UInt64(offset) << 16 | UInt64(length), w1: PackedKey.longTextMark | hash >> 32)
        }
        values.append(value)
        return PackedKey(w0: UInt64(values.count - 1), w1: PackedKey.longMark | hash >> 32)
    }

    /// Keeps the key `key` of `store` here too, and gives its key here.
    mutating func adopt(_ key: PackedKey, from store: LongKeys) -> PackedKey {
        if key.isLongText {
            let offset = store.withText(key) { append($0) }
            return PackedKey(w0: UInt64(offset) << 16 | (key.w0 & 0xFFFF), w1: key.w1)
        }
        values.append(store.values[Int(truncatingIfNeeded: key.w0)])
        return PackedKey(w0: UInt64(values.count - 1), w1: key.w1)
    }

    /// The bytes of a long text key.
    @inline(__always)
    func withText<R>(_ key: PackedKey, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let place = Int(truncatingIfNeeded: key.w0 >> 16), length = Int(truncatingIfNeeded: key.w0 & 0xFFFF)
        let offset = place & (1 << Self.blockBits - 1)
        let block = place >> Self.blockBits
        // Each array read in place (a conditional expression would copy the one it picks).
        if block == full.count {
            return current.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + length])) }
        }
        return full[block].withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + length])) }
    }

    /// The hash `key` was made with (`ValueInterner.hash` of its value).
    func hash(_ key: PackedKey) -> UInt64 {
        key.isLongText ? withText(key) { ValueInterner.bytes($0) } : ValueInterner.hash(values[Int(truncatingIfNeeded: key.w0)])
    }

    /// Whether `key`, kept here, and `other`, kept in `store`, are the same value
    /// (their marks and hashes' top halves already agree).
    func same(_ key: PackedKey, as other: PackedKey, in store: LongKeys) -> Bool {
        if key.isLongText {
            return withText(key) { mine in store.withText(other) { theirs in Self.equal(mine, theirs) } }
        }
        return values[Int(truncatingIfNeeded: key.w0)] == store.values[Int(truncatingIfNeeded: other.w0)]
    }
}
