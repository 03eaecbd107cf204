#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable run of bytes on memory of its own: the JSON reader's scratch values and the
/// dotted path of the key being read. Emptied and cut back by setting its count; an
/// `[UInt8]`'s `removeAll(keepingCapacity:)` and `removeSubrange` each went through
/// `replaceSubrange`, with its uniqueness checks, once or twice a value (about a twentieth
/// of a JSON Lines run). A copy shares the memory: only the owner calls `free()`, once.
struct JSONBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
    var string: String { String(decoding: bytes, as: UTF8.self) }
    var array: [UInt8] { Array(bytes) }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Keeps the first `length` bytes.
    @inline(__always)
    mutating func truncate(to length: Int) { count = min(count, max(0, length)) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// Whether these are the bytes of `other`.
    @inline(__always)
    func equals(_ other: borrowing [UInt8]) -> Bool {
        guard other.count == count else { return false }
        guard count > 0 else { return true }
        return other.withUnsafeBytes { other in other.baseAddress.map { memcmp($0, base, count) == 0 } ?? false }
    }

    private mutating func grow(to needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = size
    }
}
