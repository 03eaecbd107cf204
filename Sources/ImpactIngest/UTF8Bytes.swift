/// Writes one Unicode scalar as UTF-8: what the transcoders (`SingleByteDecoder`,
/// `UTF16Decoder`) share.
enum UTF8Bytes {
    /// Writes `scalar` (not a surrogate) at `output[n]` and moves `n` past it (1 to 4 bytes).
    @inline(__always)
    static func write(_ scalar: UInt32, into output: UnsafeMutableRawBufferPointer, at n: inout Int) {
        switch scalar {
        case 0..<0x80:
            output[n] = UInt8(scalar)
            n += 1
        case 0x80..<0x800:
            output[n] = UInt8(0xC0 | (scalar >> 6))
            output[n + 1] = UInt8(0x80 | (scalar & 0x3F))
            n += 2
        case 0x800..<0x10000:
            output[n] = UInt8(0xE0 | (scalar >> 12))
            output[n + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[n + 2] = UInt8(0x80 | (scalar & 0x3F))
            n += 3
        default:
            output[n] = UInt8(0xF0 | (scalar >> 18))
            output[n + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            output[n + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[n + 3] = UInt8(0x80 | (scalar & 0x3F))
            n += 4
        }
    }
}
