/// A 64-bit FNV-1a hash of a row as read (every slot, identifying ones
/// included, kinds and bytes), for the `duplicate` check: the check keeps
/// this hash per row, never the row. Stable across runs and machines.
public enum RowHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    public static func of(_ row: RowBuffer) -> UInt64 {
        var hash = offset
        @inline(__always) func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        let count = max(row.columns.count, row.fieldCount)
        for slot in 0..<count {
            let kind = row.kind(slot)
            mix(kind.rawValue)
            switch kind {
            case .missing:
                break
            case .text:
                _ = row.withBytes(slot) { buffer in
                    for byte in buffer { mix(byte) }
                }
            case .list:
                for byte in (row.string(slot) ?? "").utf8 { mix(byte) }
            }
            mix(0xFF) // slot separator: "ab","c" differs from "a","bc"
        }
        return hash
    }
}
