/// Transcodes UTF-16 (either byte order) to UTF-8 chunk by chunk: a code unit or a
/// surrogate pair cut by a chunk's end is carried into the next chunk.
///
/// Nothing is lost silently: a lone surrogate, or an odd byte at the end of the file,
/// becomes the byte 0xFF, which is never valid UTF-8, so the reader flags the value
/// that holds it (`encoding.utf8`, with its line and field) instead of reading a guess.
struct UTF16Decoder {
    let bigEndian: Bool
    /// A byte of a code unit cut by the chunk's end.
    private var oddByte: UInt8?
    /// A high surrogate waiting for its low half.
    private var highSurrogate: UInt16?

    init(bigEndian: Bool) { self.bigEndian = bigEndian }

    /// Output bytes `transcode` may write for `inputCount` bytes in (three per code unit,
    /// with the carried unit).
    static func capacity(forInput inputCount: Int) -> Int { (inputCount / 2 + 2) * 3 }

    /// Writes the UTF-8 of `input` (after what was carried) into `output`, which holds at
    /// least `capacity(forInput:)` bytes; returns the count written.
    mutating func transcode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        var n = 0
        var i = 0
        if let first = oddByte, !input.isEmpty {
            oddByte = nil
            unit(bigEndian ? UInt16(first) << 8 | UInt16(input[0]) : UInt16(input[0]) << 8 | UInt16(first), output, &n)
            i = 1
        }
        let end = input.count
        while i + 1 < end {
            let a = UInt16(input[i]), b = UInt16(input[i + 1])
            let value = bigEndian ? a << 8 | b : b << 8 | a
            if value < 0x80 && highSurrogate == nil {
                output[n] = UInt8(truncatingIfNeeded: value)
                n += 1
            } else {
                unit(value, output, &n)
            }
            i += 2
        }
        if i < end { oddByte = input[i] }
        return n
    }

    /// What is left at the end of the file: a marker byte for a cut unit or a lone high surrogate.
    mutating func finish(into output: UnsafeMutableRawBufferPointer) -> Int {
        var n = 0
        if highSurrogate != nil {
            highSurrogate = nil
            output[n] = 0xFF
            n += 1
        }
        if oddByte != nil {
            oddByte = nil
            output[n] = 0xFF
            n += 1
        }
        return n
    }

    private mutating func unit(_ value: UInt16, _ output: UnsafeMutableRawBufferPointer, _ n: inout Int) {
        if let high = highSurrogate {
            highSurrogate = nil
            if (0xDC00...0xDFFF).contains(value) {
                UTF8Bytes.write(0x10000 + (UInt32(high - 0xD800) << 10 | UInt32(value - 0xDC00)), into: output, at: &n)
                return
            }
            output[n] = 0xFF  // the high surrogate had no low half
            n += 1
        }
        switch value {
        case 0xD800...0xDBFF:
            highSurrogate = value
        case 0xDC00...0xDFFF:
            output[n] = 0xFF  // a low surrogate alone
            n += 1
        default:
            UTF8Bytes.write(UInt32(value), into: output, at: &n)
        }
    }

    /// The UTF-8 of a whole byte string (a file's first bytes, for detecting its dialect).
    static func transcoded(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var decoder = UTF16Decoder(bigEndian: bigEndian)
        var out = [UInt8](repeating: 0, count: capacity(forInput: bytes.count) + 2)
        let count = out.withUnsafeMutableBytes { output in
            bytes.withUnsafeBytes { input in
                let written = decoder.transcode(input, into: output)
                return written + decoder.finish(into: UnsafeMutableRawBufferPointer(rebasing: output[written...]))
            }
        }
        return Array(out.prefix(count))
    }
}
