#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct keys that do not fit in a `PackedKey`'s two words, kept beside
/// a table or a batch of keys: longer text (a UUID, a long case number) as its
/// UTF-8 bytes in one buffer, with no `String` kept per key, and any other
/// value (a number, a list) as a `Value`. A long key's `w1` holds its mark
/// (`PackedKey.longTextMark` or `longMark`) and the top half of its hash, so
/// that two long keys are compared only when their hashes agree; its `w0` is
/// where it lies here (a text's offset and length, a value's index).
struct LongKeys: Sendable {
    /// The texts' bytes, one after another.
    private(set) var bytes: [UInt8] = []
    /// The other values, by index.
    private(set) var values: [Value] = []

    /// Text up to this many bytes is kept as bytes (a length fits in `w0`'s low 16 bits).
    static let maxTextBytes = 0xFFFF

    var isEmpty: Bool { bytes.isEmpty && values.isEmpty }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
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
            let offset = bytes.count
            text.withUTF8 { bytes.append(contentsOf: $0) }
            return PackedKey(w0: UInt64(offset) << 16 | UInt64(bytes.count - offset), w1: PackedKey.longTextMark | hash >> 32)
        }
        values.append(value)
        return PackedKey(w0: UInt64(values.count - 1), w1: PackedKey.longMark | hash >> 32)
    }

    /// Keeps the key `key` of `store` here too, and gives its key here.
    mutating func adopt(_ key: PackedKey, from store: LongKeys) -> PackedKey {
        if key.isLongText {
            let offset = bytes.count
            store.withText(key) { bytes.append(contentsOf: $0) }
            return PackedKey(w0: UInt64(offset) << 16 | (key.w0 & 0xFFFF), w1: key.w1)
        }
        values.append(store.values[Int(truncatingIfNeeded: key.w0)])
        return PackedKey(w0: UInt64(values.count - 1), w1: key.w1)
    }

    /// The bytes of a long text key.
    @inline(__always)
    func withText<R>(_ key: PackedKey, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let offset = Int(truncatingIfNeeded: key.w0 >> 16), length = Int(truncatingIfNeeded: key.w0 & 0xFFFF)
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + length])) }
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
