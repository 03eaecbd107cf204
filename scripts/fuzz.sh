#!/usr/bin/env bash
# Runs one libFuzzer target for a number of seconds.
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   TARGET: csv | json | split | pipeline | filter | template
#
# Builds `impact-fuzz` with --sanitize=fuzzer (plus AddressSanitizer) into
# .build-fuzz when needed, seeds fuzz-corpus/TARGET from fixtures/ (the
# regressions under fixtures/hostile/regressions/TARGET included), and writes any
# crash to fuzz-artifacts/TARGET/. Both folders are git-ignored. Exit status:
# libFuzzer's (0 when no crash). The last lines show the run's figures.
# FUZZ_CONFIG=release builds optimised (faster runs, slower build).
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-}"
seconds="${2:-60}"
shift 2 || true
case "$target" in
    csv|json|split|pipeline|filter|template) ;;
    *) echo "usage: scripts/fuzz.sh csv|json|split|pipeline|filter|template SECONDS [libFuzzer flags]" >&2; exit 2 ;;
esac
config="${FUZZ_CONFIG:-debug}"

swift build --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -c "$config" \
    --scratch-path .build-fuzz --product impact-fuzz >&2
binary=".build-fuzz/$config/impact-fuzz"

corpus="fuzz-corpus/$target"
artifacts="fuzz-artifacts/$target"
mkdir -p "$corpus" "$artifacts"
seed() { # copy files as seeds, named by content so reruns add nothing twice
    for file in "$@"; do
        [ -f "$file" ] || continue
        [ "$(wc -c <"$file")" -le 65536 ] || continue
        cp "$file" "$corpus/seed-$(sha1sum "$file" | cut -c1-16)"
    done
}
shopt -s nullglob globstar
case "$target" in
    csv) seed fixtures/**/*.csv fixtures/**/*.tsv fixtures/**/*.txt ;;
    json) seed fixtures/**/*.json fixtures/**/*.jsonl ;;
    split) seed fixtures/**/*.csv fixtures/**/*.jsonl ;;
    pipeline) seed fixtures/**/*.yml fixtures/**/*.yaml pipelines/*.yml ;;
    template) seed reports/templates/*.html reports/templates/*.txt ;;
    filter)
        n=0
        while IFS= read -r line; do
            n=$((n + 1)); printf '%s' "$line" >"$corpus/seed-filter-$n"
        done < fixtures/hostile/seeds/filters.txt ;;
esac
seed fixtures/hostile/regressions/"$target"/*

export IMPACT_FUZZ_TARGET="$target"
export SWIFT_BACKTRACE=enable=no   # else a crash exits 132 without writing its input
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
TMPDIR="$scratch" "$binary" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
    -max_len=16384 -print_final_stats=1 -artifact_prefix="$artifacts/" "$@"
