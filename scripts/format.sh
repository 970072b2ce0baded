#!/usr/bin/env bash
# Formats the Swift sources in place with .swift-format (the configuration scripts/lint.sh checks).
#
#   scripts/format.sh               # Sources Plugins Tests Benchmarks
#   scripts/format.sh PATH...       # only these files or folders
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "$#" -eq 0 ]; then set -- Sources Plugins Tests Benchmarks; fi
swift format format --in-place --configuration "$root/.swift-format" --recursive --parallel "$@"
