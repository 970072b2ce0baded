#!/usr/bin/env bash
# Builds the IndicatorKit (adapter SDK) documentation with the toolchain's docc, no plugin needed:
#   bash scripts/build-docs.sh [OUTPUT_DIR]      (default .build/docs/IndicatorKit.doccarchive)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/.build/docs/IndicatorKit.doccarchive}
graphs=$root/.build/symbol-graphs
rm -rf "$graphs" && mkdir -p "$graphs" "$(dirname "$out")"
cd "$root"
swift build --target IndicatorKit -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs"
find "$graphs" -type f ! -name 'IndicatorKit*' -delete
docc convert Sources/IndicatorKit/IndicatorKit.docc --additional-symbol-graph-dir "$graphs" \
    --fallback-display-name IndicatorKit --fallback-bundle-identifier yardstick.IndicatorKit --output-path "$out"
echo "documentation: $out (serve it with: docc preview Sources/IndicatorKit/IndicatorKit.docc --additional-symbol-graph-dir $graphs)"
