#!/usr/bin/env bash
# Prints what failed in a CI log: the failed step (given as $2), the failed Swift Testing tests and
# suites, failed XCTest cases and compile errors. `.ci/run` calls it when a step fails.
#   bash scripts/ci-failures.sh LOG [STEP]
set -uo pipefail
log="$1"
step="${2:-}"
[ -n "$step" ] && echo "failed step: $step"
tests="$(grep -aE '✘ Test [^ ]+.* (failed|recorded an issue)' "$log" | grep -avE '✘ Test run with [0-9]+ tests' | sed -E 's/^.*✘ Test ([^ ]+).*$/\1/' | sort -u)"
suites="$(grep -aE '✘ Suite [^ ]+ failed' "$log" | sed -E 's/^.*✘ Suite ([^ ]+) failed.*$/\1/' | sort -u)"
xctest="$(grep -aE "^Test Case '.*' failed" "$log" | sed -E "s/^Test Case '([^']+)' failed.*$/\1/" | sort -u)"
other="$(grep -aE '^error: ' "$log" | sort -u | head -5)"
compile="$(grep -aE '^/[^:]+:[0-9]+:[0-9]+: error: ' "$log" | sort -u | head -20)"
[ -n "$tests" ] && { echo "failed tests:"; echo "$tests" | sed 's/^/  /'; }
[ -n "$suites" ] && { echo "failed suites:"; echo "$suites" | sed 's/^/  /'; }
[ -n "$xctest" ] && { echo "failed XCTest cases:"; echo "$xctest" | sed 's/^/  /'; }
[ -n "$other" ] && { echo "errors:"; echo "$other" | sed 's/^/  /'; }
[ -n "$compile" ] && { echo "compile errors:"; echo "$compile" | sed 's/^/  /'; }
exit 0
