// No statements here on purpose. Built with `--sanitize=fuzzer`, SwiftPM parses
// this target as a library and libFuzzer's `main` drives `LLVMFuzzerTestOneInput`
// (FuzzEntry.swift); a plain `swift build` needs a main file to link, and gives
// a binary that does nothing. To replay a crash: `impact-fuzz fuzz-artifacts/T/crash-…`
// with IMPACT_FUZZ_TARGET=T (see scripts/fuzz.sh).
