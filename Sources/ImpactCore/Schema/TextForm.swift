import Foundation

/// Text read from exports, in one Unicode form (NFC). One system writes "José" with a
/// precomposed é, another (a Mac's file names, some form tools) with an e and a combining
/// accent: the same text to a reader, and it must be the same key to a distinct count (else
/// one person counts twice: an overstatement) and the same group of a table. ASCII text, most
/// ids and codes, is NFC already and is returned as it is.
public enum TextForm {
    /// `text` in NFC (canonical composition).
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// The text of `bytes` (UTF-8; an invalid sequence reads as U+FFFD), in NFC.
    @inline(__always)
    static func nfc(bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let base = bytes.baseAddress, !isASCII(base, bytes.count) else { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// True when the `count` bytes at `base` are all ASCII: a few overlapping loads for a short
    /// field (an id, a name), eight bytes at a time for a long one.
    @inline(__always)
    static func isASCII(_ base: UnsafeRawPointer, _ count: Int) -> Bool {
        if count >= 8 {
            var bits = base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            var i = 0
            while i + 8 < count {
                bits |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
            return bits & 0x8080_8080_8080_8080 == 0
        }
        if count >= 4 {
            let bits = base.loadUnaligned(as: UInt32.self) | base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            return bits & 0x8080_8080 == 0
        }
        var bits: UInt8 = 0
        for i in 0..<count { bits |= base.load(fromByteOffset: i, as: UInt8.self) }
        return bits & 0x80 == 0
    }
}
