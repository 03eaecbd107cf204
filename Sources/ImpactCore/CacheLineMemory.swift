/// Memory that shares no cache line with any other allocation.
///
/// Parts of a file read on several cores each write their own parser and row
/// state per byte or per field; small blocks from one heap can sit side by
/// side in one 64-byte line (128 with the adjacent-line prefetcher), and two
/// cores writing one line take turns owning it ("false sharing"): measured here,
/// it cost the second core about a third of its speed. Each block is aligned to
/// 128 bytes and rounded up to a multiple of 128.
public enum CacheLineMemory {
    public static let alignment = 128

    @inlinable
    public static func roundedUp(_ bytes: Int) -> Int {
        (max(bytes, 1) + alignment - 1) / alignment * alignment
    }

    /// Room for `capacity` values of `T`, uninitialized; free with `deallocate()`.
    @inlinable
    public static func allocate<T>(_ type: T.Type, capacity: Int = 1) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer.allocate(byteCount: roundedUp(MemoryLayout<T>.stride * capacity), alignment: alignment)
            .bindMemory(to: T.self, capacity: capacity)
    }

    /// `count` raw bytes (rounded up); free with `deallocate()`.
    @inlinable
    public static func allocateBytes(_ count: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer.allocate(byteCount: roundedUp(count), alignment: alignment)
    }

    /// One `value` in a block of its own: state a class touches for every row, held
    /// behind a `let` pointer (no dynamic exclusivity check per access, no false
    /// sharing with another core's). Free with `release(_:)`.
    @inlinable
    public static func holding<T>(_ value: T) -> UnsafeMutablePointer<T> {
        let pointer = allocate(T.self)
        pointer.initialize(to: value)
        return pointer
    }

    /// Ends what `holding(_:)` began.
    @inlinable
    public static func release<T>(_ pointer: UnsafeMutablePointer<T>) {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
