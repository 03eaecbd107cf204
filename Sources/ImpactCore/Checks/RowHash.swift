/// A 64-bit hash of a row as read (every slot, identifying ones included,
/// kinds, lengths and bytes), for the `duplicate` check: the check keeps this
/// hash per row, never the row. Eight bytes at a time (xxHash64's round and
/// final mix, one lane); each slot starts with its kind and length, so
/// `"ab","c"` and `"a","bc"` differ. Held in memory for one run only.
public enum RowHash {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9

    @inline(__always)
    static func round(_ hash: inout UInt64, _ word: UInt64) {
        hash = ((hash &+ word &* p2) << 31 | (hash &+ word &* p2) >> 33) &* p1
    }

    /// `bytes` into the hash, preceded by a word of the slot's kind and length.
    @inline(__always)
    static func absorb(_ hash: inout UInt64, kind: RowBuffer.SlotKind, _ bytes: UnsafeRawBufferPointer) {
        round(&hash, UInt64(kind.rawValue) | UInt64(bytes.count) << 8)
        var i = 0
        while i + 8 <= bytes.count {
            round(&hash, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < bytes.count {
            var tail: UInt64 = 0
            for k in i..<bytes.count { tail |= UInt64(bytes[k]) << UInt64(8 * (k - i)) }
            round(&hash, tail)
        }
    }

    public static func of(_ row: RowBuffer) -> UInt64 {
        var hash: UInt64 = p3
        let count = max(row.columns.count, row.fieldCount)
        for slot in 0..<count {
            let kind = row.kind(slot)
            switch kind {
            case .missing:
                absorb(&hash, kind: kind, UnsafeRawBufferPointer(start: nil, count: 0))
            case .text:
                _ = row.withBytes(slot) { absorb(&hash, kind: kind, $0) }
            case .list:
                var text = row.string(slot) ?? ""
                text.withUTF8 { absorb(&hash, kind: kind, UnsafeRawBufferPointer($0)) }
            }
        }
        hash ^= hash >> 33
        hash = hash &* p2
        hash ^= hash >> 29
        hash = hash &* p3
        hash ^= hash >> 32
        return hash
    }
}
