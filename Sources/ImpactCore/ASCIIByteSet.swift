/// A set of ASCII bytes as two words, for a test once a value or a record: whether a field
/// may start a missing marker (`FastParse`), whether a line may start a totals row
/// (`TotalsRowProbe`). Bytes of 128 and above are never members.
public struct ASCIIByteSet: Sendable, Hashable {
    @usableFromInline var low: UInt64 = 0
    @usableFromInline var high: UInt64 = 0

    public init<S: Sequence<UInt8>>(_ bytes: S) {
        for byte in bytes { insert(byte) }
    }

    public mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    @inlinable @inline(__always)
    public func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low >> UInt64(byte) & 1 != 0 : byte < 128 && high >> UInt64(byte & 63) & 1 != 0
    }
}
