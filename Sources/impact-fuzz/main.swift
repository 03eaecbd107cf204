#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A plain build (no fuzzer) replays inputs: `impact-fuzz FILE...` feeds each
// file to the IMPACT_FUZZ_TARGET target once, so a crash found by a fuzz run can
// be checked without libFuzzer. Built with --sanitize=fuzzer, libFuzzer's own
// `main` runs instead and this code is not used.
var replayed = 0
for path in CommandLine.arguments.dropFirst() {
    guard let file = fopen(path, "rb") else {
        fuzzSay("impact-fuzz: cannot read \(path)")
        exit(2)
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    fclose(file)
    _ = bytes.withUnsafeBufferPointer { fuzzTestOneInput($0.baseAddress, $0.count) }
    replayed += 1
}
fuzzSay("impact-fuzz: replayed \(replayed) input(s) through '\(FuzzTarget.selected.rawValue)' without a crash")
