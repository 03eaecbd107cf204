import ImpactCore
/// Transcodes single-byte encodings (Windows-1252, ISO-8859-1) to UTF-8. Every
/// byte is one character, so a chunk boundary never splits one.
enum SingleByteDecoder {
    /// Windows-1252's 0x80...0x9F; the five unassigned bytes map to the C1 controls, as WHATWG's decoder does.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func scalar(_ byte: UInt8, _ encoding: TextEncoding) -> UInt32 {
        if encoding == .windows1252, (0x80...0x9F).contains(byte) { return windows1252High[Int(byte) - 0x80] }
        return UInt32(byte)
    }

    /// Writes the UTF-8 of `input` into `output` (which holds at least 3 bytes per input byte); returns the count.
    static func transcode(_ input: UnsafeRawBufferPointer, from encoding: TextEncoding,
                          into output: UnsafeMutableRawBufferPointer) -> Int {
        var n = 0
        for byte in input {
            if byte < 0x80 {
                output[n] = byte
                n += 1
                continue
            }
            UTF8Bytes.write(scalar(byte, encoding), into: output, at: &n)
        }
        return n
    }
}
