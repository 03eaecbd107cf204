import Foundation
import ImpactCore

/// An input file's identity for provenance: its SHA-256 and size, read in chunks.
public struct InputFingerprint: Sendable, Codable, Equatable {
    public var sha256: String
    public var bytes: Int

    public static func of(path: String) -> InputFingerprint? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let hasher = SHA256()
        var total = 0
        while true {
            guard let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
            total += chunk.count
            hasher.update(chunk)
        }
        guard let digest = hasher.finalize() else { return nil }
        return InputFingerprint(sha256: digest, bytes: total)
    }
}
