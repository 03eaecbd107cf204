import ImpactCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input file's identity for provenance: its SHA-256 and size.
public struct InputFingerprint: Sendable, Codable, Equatable {
    public var sha256: String
    public var bytes: Int

    /// Reads the file in chunks into one reused buffer (a fresh buffer per chunk cost
    /// a page fault per 4 kB, on every byte of every input); nil when it cannot be read
    /// to the end.
    public static func of(path: String) -> InputFingerprint? {
        let file = open(path, O_RDONLY)
        guard file >= 0 else { return nil }
        defer { close(file) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 64)
        defer { buffer.deallocate() }
        let hasher = SHA256()
        var total = 0
        while true {
            let count = read(file, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            total += count
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        guard let digest = hasher.finalize() else { return nil }
        return InputFingerprint(sha256: digest, bytes: total)
    }
}
