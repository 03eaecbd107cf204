#!/usr/bin/env bash
# The other ways users read the bench pipeline's data (issue 7), beside the plain run that
# scripts/bench-run.sh measures: the cron job's run with a monthly report, a run in a
# terminal (its progress line drawn), an analyst's `query --pipeline`, `export` to SQLite,
# and `inspect` of the rescues. Alternating, best of R; prints seconds, peak RSS and each
# over the plain run.
#
#   scripts/bench-paths.sh [ROWS=1000000] [REPEATS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
repeats="${2:-3}"
dir="bench-data/run-$rows"

# The data and the plain pipeline are bench-run.sh's.
[ -f "$dir/pipeline.yml" ] || bash scripts/bench-run.sh "$rows" 1 >/dev/null
bin="$(swift build -c release --show-bin-path)/impact"
{ cat "$dir/pipeline.yml"; cat <<'YAML'
monthly:
  title: Benchmark office monthly report
  place: Somewhere
  suppress_below: 11
  metrics:
    - { metric: survivors_rescued, label: Survivors brought to safety }
    - { metric: minors, label: Minors among them }
    - { metric: criminals_restrained, label: Criminals restrained }
    - { metric: convictions, label: Convictions }
    - { metric: officials_trained, label: Officials trained }
YAML
} > "$dir/pipeline-monthly.yml"

# shellcheck source=scripts/bench-lib.sh
source scripts/bench-lib.sh  # the cwd is the repository root (see the cd above)

names=("impact run (the plain run, for reference)" "impact run with a monthly report" \
       "impact run in a terminal (progress line)" "impact query rescues --pipeline" "impact export --sqlite" \
       "impact inspect rescues.csv")
commands=(
    "$bin run $dir/pipeline.yml --as-of 2025-12-31 --out $dir/out --quiet"
    "$bin run $dir/pipeline-monthly.yml --as-of 2025-12-31 --out $dir/out-monthly --quiet"
    "TTY $bin run $dir/pipeline.yml --as-of 2025-12-31 --out $dir/out-tty"
    "$bin query rescues --pipeline $dir/pipeline.yml --count --distinct person_id --by year(date),sex --where age<30 --format csv"
    "$bin export $dir/pipeline.yml --sqlite $dir/out/bench.sqlite --quiet"
    "$bin inspect $dir/rescues.csv"
)
best=(); peak=()
for k in "${!commands[@]}"; do best[$k]=999999; peak[$k]=0; done
for _ in $(seq "$repeats"); do
    for k in "${!commands[@]}"; do
        read -r -a command <<< "${commands[$k]}"
        if [ "${command[0]}" = TTY ]; then
            # A terminal for stderr: `script` runs the command under a pseudo-terminal.
            command -v script >/dev/null || { best[$k]=-1; continue; }
            read -r s kb < <(measure script -qec "${command[*]:1}" /dev/null)
        else
            read -r s kb < <(measure "${command[@]}")
        fi
        if (( $(echo "$s < ${best[$k]}" | bc) )); then best[$k]=$s; peak[$k]=$kb; fi
    done
done
echo "impact bench-paths: $rows rescue rows, best of $repeats, alternating"
echo "| command | seconds | peak RSS MB | over the plain run |"
echo "| --- | ---: | ---: | ---: |"
for k in "${!commands[@]}"; do
    if [ "${best[$k]}" = -1 ]; then printf '| %s | skipped (no `script`) | | |\n' "${names[$k]}"; continue; fi
    printf '| %s | %.2f | %.0f | %.2f |\n' "${names[$k]}" "${best[$k]}" "$(echo "${peak[$k]} / 1024" | bc)" \
        "$(echo "scale=2; ${best[$k]} / ${best[0]}" | bc)"
done
