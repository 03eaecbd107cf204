extension Sequence where Element == Double {
    /// The middle value once sorted (the mean of the two middle ones for an even
    /// count); nil when empty.
    public func median() -> Double? {
        let sorted = self.sorted()
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
