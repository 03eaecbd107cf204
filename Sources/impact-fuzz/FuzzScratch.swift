#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private folder for this fuzzing process (readers and the template
/// loader take paths): `$TMPDIR/impact-fuzz-<pid>`, made once.
enum FuzzScratch {
    static let folder: String = {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        let path = "\(base)/impact-fuzz-\(getpid())"
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            fuzzSay("impact-fuzz: cannot make \(path)")
            exit(2)
        }
        return path
    }()

    /// Writes `bytes` to `name` inside the folder and returns its path.
    static func write(_ bytes: UnsafeRawBufferPointer, name: String) -> String {
        let path = folder + "/" + name
        guard let file = fopen(path, "wb") else {
            fuzzSay("impact-fuzz: cannot write \(path)")
            exit(2)
        }
        if let base = bytes.baseAddress, bytes.count > 0 { _ = fwrite(base, 1, bytes.count, file) }
        fclose(file)
        return path
    }
}
