/// A text field's recent short values, by their bytes: a field of few distinct
/// values (an office, a sex, a district) gives the same `Value` row after row,
/// and making it from bytes again (`String(decoding:)`: a UTF-8 check, an ASCII
/// scan, the string built byte by byte) costs several times the lookup here.
///
/// Direct-mapped, 64 entries of values up to 16 bytes, one per `RowMapper` field
/// (a mapper is used by one thread). A field whose values rarely repeat (an id)
/// turns the memo off after its first `trial` lookups, so it pays for the trial only.
/// What the memo gives is what it was given for the same bytes: results never
/// depend on it.
struct SmallTextMemo {
    static let entryBits = 6
    static let trial = 4096
    /// At least this share of the trial's lookups must hit (in 1/16) to keep the memo on.
    static let keepAbove16ths = 8

    private struct Entry {
        var low: UInt64 = 0
        var high: UInt64 = 0
        /// 0: empty.
        var length = 0
        var value: Value = .missing
    }

    /// Allocated by the first lookup, freed by `release` (the mapper's deinit).
    private var entries: UnsafeMutablePointer<Entry>?
    private(set) var isOn = true
    private var lookups = 0
    private var hits = 0

    /// The field's bytes as two words and its length, or nil when longer than 16
    /// bytes. Two loads that stay inside the bytes (overlapping when shorter than 16):
    /// with the length, they tell the bytes apart.
    @inline(__always)
    private static func words(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        let n = bytes.count
        guard n > 0, n <= 16, let base = bytes.baseAddress else { return nil }
        if n >= 8 {
            return (base.loadUnaligned(as: UInt64.self), base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        }
        if n >= 4 {
            return (UInt64(base.loadUnaligned(as: UInt32.self)), UInt64(base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
        }
        let first = UInt64(base.load(as: UInt8.self))
        let middle = UInt64(base.load(fromByteOffset: n / 2, as: UInt8.self))
        let last = UInt64(base.load(fromByteOffset: n - 1, as: UInt8.self))
        return (first | middle << 8 | last << 16, 0)
    }

    @inline(__always)
    private static func index(_ low: UInt64, _ high: UInt64, _ n: Int) -> Int {
        let h = (low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h >> UInt64(64 - entryBits))
    }

    /// The value `make` gives for these bytes: from the memo when it gave it before.
    @inline(__always)
    mutating func value(_ bytes: UnsafeRawBufferPointer, _ make: (UnsafeRawBufferPointer) -> Value?) -> Value? {
        guard isOn, let (low, high) = Self.words(bytes) else { return make(bytes) }
        let entries = self.entries ?? allocate()
        let n = bytes.count
        let entry = entries + Self.index(low, high, n)
        let hit = entry.pointee.length == n && entry.pointee.low == low && entry.pointee.high == high
        let value: Value?
        if hit {
            value = entry.pointee.value
        } else {
            value = make(bytes)
            if let value, case .text = value { entry.pointee = Entry(low: low, high: high, length: n, value: value) }
        }
        if lookups < Self.trial { count(hit: hit) }
        return value
    }

    private mutating func allocate() -> UnsafeMutablePointer<Entry> {
        let made = UnsafeMutablePointer<Entry>.allocate(capacity: 1 << Self.entryBits)
        made.initialize(repeating: Entry(), count: 1 << Self.entryBits)
        entries = made
        return made
    }

    /// Frees the entries (the memo is then off).
    mutating func release() {
        isOn = false
        guard let entries else { return }
        entries.deinitialize(count: 1 << Self.entryBits)
        entries.deallocate()
        self.entries = nil
    }

    /// Counts a trial lookup; at the trial's end, turns the memo off when it hit too rarely.
    private mutating func count(hit: Bool) {
        lookups += 1
        if hit { hits += 1 }
        guard lookups == Self.trial else { return }
        if hits * 16 < Self.trial * Self.keepAbove16ths { release() }
    }
}
