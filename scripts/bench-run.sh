#!/usr/bin/env bash
# End-to-end benchmark (issue 7): the full three-source pipeline to HTML and text
# on N generated rescue rows, beside `impact query` on the same rescue file,
# measured in one run, alternating, best of R. Prints seconds and peak RSS.
#
#   scripts/bench-run.sh [ROWS=1000000] [REPEATS=3]
#   scripts/bench-run.sh 200000 1 instructions
#
# With `instructions`, each command runs once under valgrind's cachegrind (no cache
# simulation) and the script prints instructions executed instead of seconds: a count that
# does not drift with the load of a shared machine, for judging a small step. Instructions
# are not time (cache misses are not counted): confirm a step with the timed run.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
repeats="${2:-3}"
dir="bench-data/run-$rows"

swift build -c release --product impact >&2
bin="$(swift build -c release --show-bin-path)/impact"
[ -f "$dir/rescues.csv" ] || "$bin" generate --rows "$rows" --out "$dir" --seed 3 >&2

templates="$(pwd)/reports/templates"
cat > "$dir/pipeline.yml" <<YAML
name: bench-run
period: { since: 2000-01-01 }
templates: $templates
sources:
  rescues: { path: rescues.csv }
  suspects:
    path: suspects.csv
    checks:
      - order: verdict_date >= arrest_date
  trainings: { path: trainings.csv }
metrics:
  survivors_rescued: { count_distinct: person_id, from: rescues, by: year(date) }
  minors: { count_distinct: person_id, from: rescues, where: age < 18 }
  by_office: { count: rows, from: rescues, by: office }
  criminals_restrained: { count_distinct: suspect_id, from: suspects, date: [arrest_date, charge_date] }
  convictions: { count: rows, from: suspects, where: verdict == "convicted", by: year(verdict_date) }
  officials_trained: { sum: participants, from: trainings, by: year(date) }
factsheet:
  title: Benchmark office
  heading: Progress since 2000
  headline:
    - { metric: survivors_rescued, label: survivors rescued, round: { down: 10 } }
    - { metric: criminals_restrained, label: criminals restrained }
    - { metric: officials_trained, label: officials trained, round: { significant: 3 } }
  milestones:
    - { first: convictions, text: First conviction }
    - { reach: survivors_rescued, value: 100000, text: "{nth} survivor" }
  chart: { metric: survivors_rescued, title: Survivors brought to safety each year }
  tables:
    - { metric: by_office, title: Rescues by office }
YAML

if [ "${3:-}" = "instructions" ]; then
    command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind): skipped"; exit 0; }
    # valgrind 3.19 cannot read the Swift compiler's debug information: count a copy without it.
    strip --strip-debug -o "$dir/.impact-counted" "$bin"
    count() { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$dir/.impact-counted" "$@" \
                  2>&1 >/dev/null | sed -n 's/.*I *refs: *//p' | tr -d ,; }
    iq=$(count query "$dir/rescues.csv" --count --distinct person_id --by 'year(date),office' --format csv)
    ir=$(count run "$dir/pipeline.yml" --as-of 2025-12-31 --out "$dir/out" --quiet)
    echo "impact bench-run: $rows rescue rows, instructions (cachegrind)"
    echo "| command | instructions | per rescue row |"
    echo "| --- | ---: | ---: |"
    printf '| impact query | %s | %s |\n' "$iq" "$((iq / rows))"
    printf '| impact run | %s | %s |\n' "$ir" "$((ir / rows))"
    exit 0
fi

# shellcheck source=scripts/bench-lib.sh
source scripts/bench-lib.sh  # the cwd is the repository root (see the cd above)

best_q=999999; best_r=999999; rss_q=0; rss_r=0
rounds=()
for _ in $(seq "$repeats"); do
    read -r s k < <(measure "$bin" query "$dir/rescues.csv" --count --distinct person_id --by 'year(date),office' --format csv)
    if (( $(echo "$s < $best_q" | bc) )); then best_q=$s; rss_q=$k; fi
    q=$s
    read -r s k < <(measure "$bin" run "$dir/pipeline.yml" --as-of 2025-12-31 --out "$dir/out" --quiet)
    if (( $(echo "$s < $best_r" | bc) )); then best_r=$s; rss_r=$k; fi
    rounds+=("$(echo "scale=4; $s / $q" | bc)")
done
mb=$(echo "scale=1; $(stat -c %s "$dir/rescues.csv") / 1000000" | bc)
echo "impact bench-run: $rows rescue rows ($mb MB), best of $repeats, alternating"
echo "| command | seconds | peak RSS MB |"
echo "| --- | ---: | ---: |"
printf '| impact query (count, distinct persons by year and office) | %.2f | %.0f |\n' "$best_q" "$(echo "$rss_q / 1024" | bc)"
printf '| impact run (3 sources, 6 metrics, HTML + text + figures.json) | %.2f | %.0f |\n' "$best_r" "$(echo "$rss_r / 1024" | bc)"
ratio=$(echo "scale=2; $best_r / $best_q" | bc)
# Each round's run over the query just before it, the middle one: a second reading that a
# shared machine's drift from one minute to the next moves less than the two bests.
paired=$(printf '%s\n' "${rounds[@]}" | sort -n | awk '{ r[NR] = $1 } END { printf "%.2f", (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')
echo "run / query: $ratio (target: under 2); median of the rounds' own ratios: $paired"
