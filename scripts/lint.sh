#!/usr/bin/env bash
# Checks the Swift sources against .swift-format (4 spaces, 120 columns) and exits non-zero on any
# finding, naming FILE:LINE:COLUMN and the rule. `scripts/format.sh` fixes what the formatter can.
#
#   scripts/lint.sh                 # Sources Plugins Tests Benchmarks
#   scripts/lint.sh PATH...         # only these files or folders
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "$#" -eq 0 ]; then set -- Sources Plugins Tests Benchmarks; fi
if ! out="$(swift format lint --strict --configuration "$root/.swift-format" --recursive --parallel "$@" 2>&1)"; then
    printf '%s\n' "$out"
    count="$(printf '%s\n' "$out" | grep -c ': \(warning\|error\): ' || true)"
    echo "lint: $count finding(s); run scripts/format.sh to fix the formatting ones, then fix the rest by hand" >&2
    exit 1
fi
[ -z "$out" ] || printf '%s\n' "$out"
echo "lint: no findings in $# path(s): $*" | cut -c1-200
