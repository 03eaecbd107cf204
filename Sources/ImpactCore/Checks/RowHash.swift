/// A 64-bit hash of a row as read (every slot, identifying ones included),
/// for the `duplicate` check: the check keeps this hash per row, never the row.
///
/// Two streams, each eight bytes at a time (xxHash64's round and final mix, one
/// lane): the slots' kinds and lengths, and the bytes of every text slot one
/// after another. Together they tell `"ab","c"` from `"a","bc"`. When the text
/// slots lie in the row's byte block in slot order (a CSV row), the bytes are
/// hashed as one block; otherwise slot by slot, with the same result, as does
/// `Builder` as a reader meets the fields (`RowBuffer.hashAsRead`). Missing
/// slots after the last present one are left out (a row read before a JSON
/// file's late column hashes as the same row read after it). Held in memory for
/// one run only.
public enum RowHash {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9

    @inline(__always)
    static func round(_ hash: inout UInt64, _ word: UInt64) {
        let x = hash &+ word &* p2
        hash = (x << 31 | x >> 33) &* p1
    }

    /// Bytes fed in pieces hash as if fed at once.
    struct Stream {
        var hash: UInt64 = p1
        var pending: UInt64 = 0
        var pendingCount = 0

        @inline(__always)
        mutating func feed(_ bytes: UnsafeRawBufferPointer) {
            let n = bytes.count
            guard let base = bytes.baseAddress, n > 0 else { return }
            var i = 0
            if pendingCount > 0 {
                // Fill the word begun by the piece before (a short field: most of them).
                let take = min(8 - pendingCount, n)
                pending |= base.loadShortWord(count: take) << UInt64(8 * pendingCount)
                pendingCount += take
                i = take
                if pendingCount < 8 { return }
                round(&hash, pending)
                (pending, pendingCount) = (0, 0)
            }
            while i + 8 <= n {
                round(&hash, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            if i < n {
                pending = (base + i).loadShortWord(count: n - i)
                pendingCount = n - i
            }
        }

        mutating func finish() -> UInt64 {
            if pendingCount > 0 { round(&hash, pending | UInt64(pendingCount) << 60) }
            return hash
        }
    }

    /// The same hash built field by field as a reader meets them (`RowBuffer.hashAsRead`):
    /// a CSV reader hashes every column, those it leaves out of the row included, so that
    /// a run need not copy a column it does not map just for this check.
    public struct Builder: Sendable {
        var shape = p3
        var content = Stream()
        var missingRun = 0

        public init() {}

        /// The next slot, missing.
        @inline(__always)
        public mutating func missing() { missingRun += 1 }

        /// The next slot, text.
        @inline(__always)
        public mutating func text(_ bytes: UnsafeRawBufferPointer) {
            while missingRun > 0 {
                round(&shape, UInt64(RowBuffer.SlotKind.missing.rawValue))
                missingRun -= 1
            }
            round(&shape, UInt64(RowBuffer.SlotKind.text.rawValue) | UInt64(bytes.count) << 8)
            content.feed(bytes)
        }

        /// The hash (missing slots after the last text one left out, as `of` does).
        public func finish() -> UInt64 {
            var content = content
            return RowHash.finish(content: content.finish(), shape: shape)
        }
    }

    @inline(__always)
    static func finish(content: UInt64, shape: UInt64) -> UInt64 {
        var hash = content ^ (shape &* p2)
        hash ^= hash >> 33
        hash = hash &* p2
        hash ^= hash >> 29
        hash = hash &* p3
        hash ^= hash >> 32
        return hash
    }

    public static func of(_ row: RowBuffer) -> UInt64 {
        if let hash = row.hashAsRead { return hash }
        // Straight from the row's slot array. Missing slots at the end are not hashed
        // (a slot never set reads as missing): a row hashes the same whatever the
        // number of slots its buffer holds, e.g. after a JSON file's late column.
        let storage = row.storage
        let slots = storage.pointee.slots
        let count = storage.pointee.slotCount
        var shape = p3
        var inOrder = true
        var next = 0
        var missingRun = 0
        for slot in 0..<count {
            let entry = slots[slot]
            var length = 0
            switch entry.kind {
            case .missing:
                missingRun += 1
                continue
            case .text:
                length = entry.end - entry.start
                if entry.start != next { inOrder = false }
                next = entry.end
            case .list:
                inOrder = false
                length = row.string(slot)?.utf8.count ?? 0
            }
            while missingRun > 0 {
                round(&shape, UInt64(RowBuffer.SlotKind.missing.rawValue))
                missingRun -= 1
            }
            round(&shape, UInt64(entry.kind.rawValue) | UInt64(length) << 8)
        }
        var content = Stream()
        let whole = inOrder && row.withByteBlock { block in
            guard block.count == next else { return false }
            content.feed(block)
            return true
        }
        if !whole {
            for slot in 0..<count {
                switch row.kind(slot) {
                case .missing: break
                case .text: _ = row.withBytes(slot) { content.feed($0) }
                case .list:
                    var text = row.string(slot) ?? ""
                    text.withUTF8 { content.feed(UnsafeRawBufferPointer($0)) }
                }
            }
        }
        return finish(content: content.finish(), shape: shape)
    }
}
