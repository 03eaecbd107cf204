# Shared by the benchmark scripts (sourced, not run). `dir` must be set.

# Runs a command; prints "seconds peak_kb" (wall time, peak resident memory in kB).
measure() {
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$dir/.rss" "$@" >/dev/null 2>"$dir/.err" || { cat "$dir/.err" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) $(cat "$dir/.rss")"
}
