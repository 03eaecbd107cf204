import Dispatch
import ImpactCore

/// Quotes and line ends in stretches of a file, counted on all cores: the
/// pass that lets `CSVSplit` place split points outside quotes and number lines.
struct ByteTally: Sendable {
    var quotes = 0
    /// Line ends as the CSV reader counts them: LF, CR, and CRLF once. A stretch
    /// starting with the LF of a CRLF does not count that LF (the CR, in the
    /// stretch before, did).
    var lines = 0

    /// Bytes per block of the vector pass (128 steps of 16: lane counters stay below 256).
    private static let block = 16 * 128

    /// Counts one stretch of bytes; `before` is the byte just before it (0 at the file's start).
    /// Whole blocks are counted 16 bytes at a time, the tail a word at a time. A block
    /// with a CR (a Windows export: every line) also counts its CRLF pairs, 16 at a
    /// time, so that a CRLF counts once: lines = LFs + CRs - CRLFs.
    static func count(_ bytes: UnsafeRawBufferPointer, before: UInt8, into tally: inout ByteTally) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        var previous = before
        while i + block <= n {
            let (quotes, lfs, crs) = vectorCounts(base + i)
            tally.quotes += quotes
            tally.lines += lfs + crs - (crs == 0 ? 0 : crlfPairs(base + i))
            // A CRLF across the border: the CR, in the block before, counted the line.
            if previous == 0x0D && base.load(fromByteOffset: i, as: UInt8.self) == 0x0A { tally.lines -= 1 }
            previous = base.load(fromByteOffset: i + block - 1, as: UInt8.self)
            i += block
        }
        countWords(UnsafeRawBufferPointer(start: base + i, count: n - i), before: previous, into: &tally)
    }

    /// CRs followed by an LF within `block` bytes at `start` (a pair across the
    /// block's end is left to the next block's first byte). Each step compares 16
    /// bytes with the 16 after them, one byte on; the last step, which may not read
    /// past the block, compares the 16 bytes one byte back with its own and leaves
    /// out its first lane (the step before counted that pair).
    @inline(__always)
    private static func crlfPairs(_ start: UnsafeRawPointer) -> Int {
        let lf = SIMD16<UInt8>(repeating: 0x0A), cr = SIMD16<UInt8>(repeating: 0x0D)
        var pairMisses = SIMD16<UInt8>(repeating: 0)
        var offset = 0
        while offset + 16 < block {
            let here = start.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
            let next = start.loadUnaligned(fromByteOffset: offset + 1, as: SIMD16<UInt8>.self)
            pairMisses &+= miss(here ^ cr) | miss(next ^ lf)
            offset += 16
        }
        let back = start.loadUnaligned(fromByteOffset: offset - 1, as: SIMD16<UInt8>.self)
        let here = start.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
        var firstLane = SIMD16<UInt8>(repeating: 0)
        firstLane[0] = 1
        pairMisses &+= miss(back ^ cr) | miss(here ^ lf) | firstLane
        let pairs = SIMD16<UInt8>(repeating: UInt8(block / 16)) &- pairMisses
        return Int(SIMD16<UInt16>(truncatingIfNeeded: pairs).wrappedSum())
    }

    /// 1 in each lane that is not 0, else 0. A lane equals c when (lane ^ c) is 0; a lane
    /// x is not 0 exactly when the top bit of (x + 0x7F) | x is set. Counting misses that
    /// way (plain lane arithmetic, which the compiler inlines and vectorizes) avoids mask
    /// types, which it does not vectorize well, and `pointwiseMin`, which it left as a call
    /// per 16 bytes.
    @inline(__always)
    private static func miss(_ x: SIMD16<UInt8>) -> SIMD16<UInt8> {
        ((x &+ SIMD16<UInt8>(repeating: 0x7F)) | x) &>> 7
    }

    /// Quotes, LFs and CRs in `block` bytes at `start`.
    @inline(__always)
    private static func vectorCounts(_ start: UnsafeRawPointer) -> (Int, Int, Int) {
        let quote = SIMD16<UInt8>(repeating: 0x22), lf = SIMD16<UInt8>(repeating: 0x0A), cr = SIMD16<UInt8>(repeating: 0x0D)
        var quoteMisses = SIMD16<UInt8>(repeating: 0), lfMisses = quoteMisses, crMisses = quoteMisses
        var offset = 0
        while offset < block {
            let v = start.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
            quoteMisses &+= miss(v ^ quote)
            lfMisses &+= miss(v ^ lf)
            crMisses &+= miss(v ^ cr)
            offset += 16
        }
        let steps = block / 16
        let quotes = SIMD16<UInt8>(repeating: UInt8(steps)) &- quoteMisses
        let lfs = SIMD16<UInt8>(repeating: UInt8(steps)) &- lfMisses
        let crs = SIMD16<UInt8>(repeating: UInt8(steps)) &- crMisses
        return (Int(SIMD16<UInt16>(truncatingIfNeeded: quotes).wrappedSum()),
                Int(SIMD16<UInt16>(truncatingIfNeeded: lfs).wrappedSum()),
                Int(SIMD16<UInt16>(truncatingIfNeeded: crs).wrappedSum()))
    }

    /// The word-at-a-time count (exact for CR, LF and CRLF).
    static func countWords(_ bytes: UnsafeRawBufferPointer, before: UInt8, into tally: inout ByteTally) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        var previous = before
        while i + 8 <= n {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            tally.quotes += word.bytes(equalTo: 0x22).nonzeroBitCount
            let lf = word.bytes(equalTo: 0x0A), cr = word.bytes(equalTo: 0x0D)
            if cr == 0 {
                tally.lines += lf.nonzeroBitCount
                // An LF first in the word after a CR ending the previous word is part of a CRLF.
                if previous == 0x0D && lf & 0x80 != 0 { tally.lines -= 1 }
            } else {
                for k in 0..<8 {
                    let b = UInt8(truncatingIfNeeded: word >> (8 * UInt64(k)))
                    if b == 0x0D || (b == 0x0A && (k > 0 ? UInt8(truncatingIfNeeded: word >> (8 * UInt64(k - 1))) : previous) != 0x0D) {
                        tally.lines += 1
                    }
                }
            }
            previous = UInt8(truncatingIfNeeded: word >> 56)
            i += 8
        }
        while i < n {
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            if b == 0x22 { tally.quotes += 1 }
            if b == 0x0D || (b == 0x0A && previous != 0x0D) { tally.lines += 1 }
            previous = b
            i += 1
        }
    }

    /// One tally per stretch, the stretches read in parallel (one reader each).
    static func count(path: String, stretches: [Range<Int>]) throws -> [ByteTally] {
        let results = ResultSlots<Result<ByteTally, IngestError>>(count: stretches.count)
        DispatchQueue.concurrentPerform(iterations: stretches.count) { k in
            results.set(k, Result { () throws(IngestError) -> ByteTally in
                let stretch = stretches[k]
                var tally = ByteTally()
                var before = try CSVSplit.byte(path, at: stretch.lowerBound - 1)
                let chunks = try FileChunks(path: path, chunkSize: 1 << 20, range: stretch)
                while true {
                    let chunk = try chunks.next()
                    guard let last = chunk.last else { break }
                    count(chunk, before: before, into: &tally)
                    before = last
                }
                return tally
            })
        }
        return try results.values().map { try $0.get() }
    }
}
