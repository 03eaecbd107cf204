#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file so that readers see the old contents or the new, never a
/// half: the bytes go to a temporary file beside the target, are flushed to
/// disk, and the temporary file is renamed over the target.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let writer = try AtomicWriter(path: path)
        try writer.write(bytes)
        try writer.commit()
    }
}

/// A streaming atomic writer: `write` as often as needed, then `commit` renames
/// the temporary file into place; `discard` (or deinit without commit) removes it.
public final class AtomicWriter {
    public let path: String
    public let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var committed = false

    public init(path: String) throws(AtomicFile.WriteError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw AtomicFile.WriteError(path: path, reason: "cannot create folder \(directory): \(error.localizedDescription)")
            }
        }
        let name = (path as NSString).lastPathComponent
        temporaryPath = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 {
            throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !committed {
            if fd >= 0 { close(fd) }
            unlink(temporaryPath)
        }
    }

    public func write(_ text: String) throws(AtomicFile.WriteError) {
        try write(Array(text.utf8))
    }

    public func write(_ bytes: [UInt8]) throws(AtomicFile.WriteError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws(AtomicFile.WriteError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the temporary file over the target.
    public func commit() throws(AtomicFile.WriteError) {
        try flush()
        if fsync(fd) != 0 {
            throw AtomicFile.WriteError(path: path, reason: "fsync failed: \(String(cString: strerror(errno)))")
        }
        close(fd)
        fd = -1
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw AtomicFile.WriteError(path: path, reason: reason)
        }
        committed = true
    }

    /// Removes the temporary file; the target keeps its previous contents.
    public func discard() {
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(temporaryPath)
        committed = true
    }
}
