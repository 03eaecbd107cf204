/// One result slot per parallel task; each task writes only its own slot.
public final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    public init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    public func set(_ index: Int, _ value: T) { slots[index] = value }

    /// Every slot's value, in order (call after all tasks are done); a slot never set is left
    /// out, so a caller that needs every task's answer compares the count.
    public func values() -> [T] { slots.compactMap { $0 } }
}
