#!/usr/bin/env bash
# One command from a fresh clone to a rendered fact sheet:
# installs what is missing, builds, and runs the Mumbai brochure pipeline on the
# bundled fixtures (reports/mumbai-brochure/).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
swift build -c release --product impact
bin="$(swift build -c release --show-bin-path)/impact"
"$bin" run pipelines/mumbai-brochure.yml --as-of 2019-12-31
echo
echo "the built tool: $bin"
