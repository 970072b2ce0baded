#!/usr/bin/env bash
# The load benchmark of `yardstick serve` (README, "Serving the site"): fills a store with
# 1,000 pipelines × 10 runs through the store's own write API (yardstick-site-store), starts the
# release `yardstick serve` on a free loopback port, and runs wrk with 200 connections for 60 s
# against (1) the scorecard API, each request for another of the 1,000 pipelines, and (2) the
# index page. Prints requests/s and latency percentiles of each, and the server's resident memory
# before, between and after the runs.
#
# Usage: scripts/bench-serve.sh [SECONDS] [CONNECTIONS]   (defaults 60 and 200)
# BUILD_FLAGS adds flags to its `swift build -c release` (e.g. BUILD_FLAGS="--scratch-path .build-release");
# CONFIG=debug measures the debug build instead (say so with the figures).
# Needs wrk and curl (scripts/setup.sh installs both). The store is kept in Benchmarks/data/ (not
# committed) and reused by later runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
connections=${2:-200}
command -v wrk >/dev/null || { echo "bench-serve: wrk not found; run scripts/setup.sh (apt-get install -y wrk)" >&2; exit 2; }
# shellcheck source=scripts/serve-lib.sh
. "$root/scripts/serve-lib.sh"

config=${CONFIG:-release}
echo "== building ($config)"
flags=(${BUILD_FLAGS:-})
swift build --package-path "$root" -c "$config" "${flags[@]}" --product yardstick >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 2; }
swift build --package-path "$root" -c "$config" "${flags[@]}" --product yardstick-site-store >>"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 2; }
bin=$(swift build --package-path "$root" -c "$config" "${flags[@]}" --show-bin-path)
db=$root/Benchmarks/data/site-bench.sqlite
mkdir -p "$(dirname "$db")"
if [ ! -f "$db" ]; then
    echo "== filling $db with 1000 pipelines × 10 runs"
    "$bin/yardstick-site-store" "$db" 1000 10 2>/dev/null
fi

start_serve 300 "$bin/yardstick" serve --db "$db" --port 0 -q
[ -n "$port" ] || { echo "bench-serve: serve did not start: $(cat "$work/serve.err")" >&2; exit 2; }
base=http://127.0.0.1:$port
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$server_pid/status"; }

curl -sf "$base/api/pipelines" -o "$work/pipelines.json" || { echo "bench-serve: /api/pipelines failed" >&2; exit 1; }
count=$(grep -o '"id" : "bench-' "$work/pipelines.json" | wc -l)
echo "store: $count pipelines; $(du -h "$db" | cut -f1) on disk"
curl -sf "$base/" -o "$work/index.html"
echo "index page: $(wc -c <"$work/index.html") bytes"
echo "RSS at start: $(rss)"

cat >"$work/scorecards.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", string.format("/api/pipelines/bench-%04d/scorecard", n % 1000))
end
LUA
report() {
    awk '/Requests\/sec/ {print "  requests/s: " $2} /Latency  / && !l {print "  mean latency: " $2; l=1}
        /^ +50%/ {print "  p50: " $2} /^ +90%/ {print "  p90: " $2} /^ +99%/ {print "  p99: " $2}
        /Non-2xx/ {print "  non-2xx responses: " $NF} /Socket errors/ {print "  " $0}' "$1"
}
echo "== scorecard API (/api/pipelines/bench-NNNN/scorecard, rotating over 1000), $connections connections, ${seconds}s"
wrk -t2 -c"$connections" -d"${seconds}s" --latency --timeout 10s -s "$work/scorecards.lua" "$base" >"$work/wrk1.txt"
report "$work/wrk1.txt"
echo "RSS after the scorecard run: $(rss)"
echo "== index (/), $connections connections, ${seconds}s"
wrk -t2 -c"$connections" -d"${seconds}s" --latency --timeout 10s "$base/" >"$work/wrk2.txt"
report "$work/wrk2.txt"
echo "RSS after the index run: $(rss)"
