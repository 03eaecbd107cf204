#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Removes the temporary files a killed run left in an output folder
/// (`.<name>.<pid>.tmp`, from AtomicWriter), when the process that made them
/// is gone, and unfinished rejected-rows files (`rejected/.<source>.csv.partial`,
/// `rejected/.<source>.csv.part-2-of-2.partial`). Called under the folder's
/// lock, so no live run of this folder owns them.
enum TemporaryFileSweep {
    static func sweep(folder: String) {
        for directory in [folder, folder + "/rejected"] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names.sorted() {
                if directory.hasSuffix("/rejected"), name.hasPrefix("."), name.hasSuffix(".partial") {
                    unlink(directory + "/" + name)
                    continue
                }
                guard let pid = owner(of: name), pid != getpid(), !isAlive(pid) else { continue }
                unlink(directory + "/" + name)
            }
        }
    }

    /// The process id in `.<name>.<pid>.tmp`, or nil when the name is not of that form.
    static func owner(of name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let stem = name.dropLast(4)
        guard let dot = stem.lastIndex(of: "."), let pid = Int32(stem[stem.index(after: dot)...]), pid > 0 else { return nil }
        return pid
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
