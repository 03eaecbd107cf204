#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The libFuzzer entry point. `IMPACT_FUZZ_TARGET` (csv, json, split, pipeline,
/// filter, template) picks what the input is fed to; scripts/fuzz.sh sets it.
///
/// Build with `swift build --sanitize=fuzzer --product impact-fuzz` (a plain
/// build gives a binary that does nothing). A target traps (so libFuzzer keeps
/// the input) when the code under test crashes or breaks one of its promises.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    switch FuzzTarget.selected {
    case .csv: FuzzReaders.csv(bytes)
    case .json: FuzzReaders.json(bytes)
    case .split: FuzzSplit.split(bytes)
    case .pipeline: FuzzConfig.pipeline(bytes)
    case .filter: FuzzConfig.filter(bytes)
    case .template: FuzzTemplate.render(bytes)
    }
    return 0
}

/// The code a fuzz run exercises.
enum FuzzTarget: String, CaseIterable, Sendable {
    case csv, json, split, pipeline, filter, template

    /// From `IMPACT_FUZZ_TARGET`; an unknown or missing name stops the run with a message.
    static let selected: FuzzTarget = {
        let name = getenv("IMPACT_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            fuzzSay("impact-fuzz: set IMPACT_FUZZ_TARGET to one of \(known) (found '\(name)')")
            exit(2)
        }
        return target
    }()
}

/// A broken promise: trap, so libFuzzer records the input as a crash.
func fuzzRequire(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        fuzzSay("impact-fuzz: promise broken: \(message())")
        abort()
    }
}

/// One line on standard error (fd 2; the C `stderr` global is not concurrency-safe in Swift 6).
func fuzzSay(_ message: String) {
    let line = message + "\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}
