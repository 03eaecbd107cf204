#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive lock on an output folder (`<folder>/.impact.lock`, flock), so
/// that two runs writing the same report cannot interleave. The kernel releases
/// it when the process ends, however it ends.
public final class OutputLock {
    public enum LockError: Error, CustomStringConvertible {
        case busy(String)
        case cannotOpen(String, String)

        public var description: String {
            switch self {
            case .busy(let folder):
                return "another impact run is writing \(folder); try again when it ends (or run without --no-wait to wait for it)"
            case .cannotOpen(let path, let reason):
                return "cannot open the lock file \(path): \(reason)"
            }
        }
    }

    private var fd: Int32

    /// Takes the lock; waits for another run to finish unless `wait` is false.
    public init(folder: String, wait: Bool) throws(LockError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(folder, error.localizedDescription)
        }
        let path = folder + "/.impact.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw .cannotOpen(path, String(cString: strerror(errno))) }
        while flock(fd, wait ? LOCK_EX : (LOCK_EX | LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw .busy(folder) }
            throw .cannotOpen(path, String(cString: strerror(code)))
        }
    }

    deinit { release() }

    public func release() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }
}
