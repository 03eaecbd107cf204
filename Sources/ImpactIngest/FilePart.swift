/// One part of a file split for reading on several cores: a byte range that
/// starts at a record boundary.
public struct FilePart: Sendable, Equatable {
    public var range: Range<Int>
    /// The 1-based physical line on which the part starts.
    public var firstLine: Int
    /// The line ends in the part (about its records: a record over several lines counts more).
    public var lines: Int = 0
}

/// What reading one part found, as far as the caller must know to use it.
public protocol PartOutcome: Sendable {
    /// A part before the last ended between records (else the parts' results
    /// cannot be used, and the file is read again in one piece).
    var clean: Bool { get }
    var records: Int { get }
    var malformed: Int { get }
}
