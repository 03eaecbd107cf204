extension UInt64 {
    /// 0x80 in each byte of this word equal to `byte`, 0 elsewhere (exact, no false
    /// positives): a byte search eight bytes at a time.
    @inlinable @inline(__always)
    public func bytes(equalTo byte: UInt8) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = self ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return ~(((x & low7) &+ low7) | x | low7)
    }
}

extension UnsafeRawPointer {
    /// The first `count` (0 to 8) bytes here as a little-endian word, the rest zero,
    /// in at most three loads that stay inside those bytes (4, then 2, then 1): the
    /// tail of a hashed text without a byte loop and without reading past its end.
    @inline(__always)
    func loadShortWord(count: Int) -> UInt64 {
        if count >= 8 { return loadUnaligned(as: UInt64.self) }
        var word: UInt64 = 0
        var shift: UInt64 = 0
        var i = 0
        if count >= 4 {
            word = UInt64(loadUnaligned(as: UInt32.self))
            (shift, i) = (32, 4)
        }
        if count - i >= 2 {
            word |= UInt64(loadUnaligned(fromByteOffset: i, as: UInt16.self)) << shift
            (shift, i) = (shift + 16, i + 2)
        }
        if i < count { word |= UInt64(load(fromByteOffset: i, as: UInt8.self)) << shift }
        return word
    }
}
