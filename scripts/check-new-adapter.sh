#!/usr/bin/env bash
# From a clean copy of this checkout: `yardstick new-adapter Weather`, then `swift build`,
# `swift test --filter WeatherAdapterTests` and `yardstick adapters | grep weather` must pass with
# no edits. Also checks that the scaffold refuses to overwrite, and that the external python and
# swift scaffolds speak the record protocol.
#
#   scripts/check-new-adapter.sh            # builds yardstick here first
#   YARDSTICK=/path/to/yardstick scripts/check-new-adapter.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/yardstick-new-adapter.XXXXXX")"
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'check-new-adapter: FAILED: %s\n' "$*" >&2; exit 1; }

yardstick="${YARDSTICK:-}"
if [ -z "$yardstick" ]; then
    step "building yardstick in $root"
    swift build --package-path "$root" --product yardstick
    yardstick="$(swift build --package-path "$root" --show-bin-path)/yardstick"
fi
[ -x "$yardstick" ] || fail "no yardstick executable at $yardstick"

step "copying the tracked files of $root to $work"
git -C "$root" ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$root/$f" ] && printf '%s\0' "$f"; done |
    tar -C "$root" --null -T - -cf - | tar -C "$work" -xf -
[ -f "$work/Package.swift" ] || fail "the copy has no Package.swift"
[ ! -e "$work/.build" ] || fail "the copy has a .build folder"

step "yardstick new-adapter Weather"
(cd "$work" && "$yardstick" new-adapter Weather)
for f in Plugins/WeatherAdapter/WeatherAdapter.swift Tests/WeatherAdapterTests/WeatherAdapterTests.swift \
    Tests/WeatherAdapterTests/Fixtures/sample.csv; do
    [ -f "$work/$f" ] || fail "new-adapter did not create $f"
done
grep -q '("WeatherAdapter", \[\]),' "$work/Package.swift" || fail "Package.swift does not list WeatherAdapter"
grep -q '^import WeatherAdapter$' "$work/Sources/BuiltinAdapters/BuiltinAdapters.swift" || fail "BuiltinAdapters.swift does not import WeatherAdapter"
grep -q 'WeatherAdapter.self,' "$work/Sources/BuiltinAdapters/BuiltinAdapters.swift" || fail "BuiltinAdapters.swift does not list WeatherAdapter"

step "a second run refuses to overwrite"
before="$(cat "$work/Package.swift" "$work/Plugins/WeatherAdapter/WeatherAdapter.swift" | cksum)"
set +e
(cd "$work" && "$yardstick" new-adapter Weather) 2>"$work/refusal.txt"
status=$?
set -e
[ "$status" -eq 2 ] || fail "a second new-adapter Weather exited $status, expected 2"
grep -q "already exist" "$work/refusal.txt" || fail "the refusal does not say the files exist: $(cat "$work/refusal.txt")"
[ "$before" = "$(cat "$work/Package.swift" "$work/Plugins/WeatherAdapter/WeatherAdapter.swift" | cksum)" ] ||
    fail "the refused run changed files"
rm "$work/refusal.txt"

step "swift build"
swift build --package-path "$work"

step "swift test --filter WeatherAdapterTests"
swift test --package-path "$work" --filter WeatherAdapterTests

step "yardstick adapters | grep weather"
"$(swift build --package-path "$work" --show-bin-path)/yardstick" adapters | grep -E '^weather ' ||
    fail "yardstick adapters does not list weather"

step "yardstick new-adapter Weather --external python"
(cd "$work" && "$yardstick" new-adapter Weather --external python)
python3 "$work/adapters/weather/weather.py" describe |
    python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["protocol"]==1 and d["name"]=="weather", d'
python3 "$work/adapters/weather/weather.py" read --options '{"region":"柘城县"}' --input "$work/adapters/weather/sample.csv" |
    python3 -c '
import json, sys
lines = sys.stdin.read().splitlines()
assert len(lines) == 5, lines
first = json.loads(lines[0])
assert list(first) == ["type","subject","indicator","kind","value","unit","period","region","redacted","text","location"], first
assert first["subject"] == "一般公共预算收入" and first["value"] == 12.6 and first["region"] == "柘城县", first
'
set +e
python3 "$work/adapters/weather/weather.py" read --options '{"colour":"red"}' --input "$work/adapters/weather/sample.csv" 2>"$work/err.txt"
status=$?
set -e
[ "$status" -eq 2 ] && grep -q "colour" "$work/err.txt" || fail "an unknown option gave exit $status: $(cat "$work/err.txt")"

step "yardstick new-adapter Rainfall --external swift"
(cd "$work" && "$yardstick" new-adapter Rainfall --external swift)
swift build --package-path "$work/adapters/rainfall" -c release
rainfall="$work/adapters/rainfall/.build/release/rainfall-adapter"
"$rainfall" describe | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["protocol"]==1 and d["name"]=="rainfall", d'
count="$("$rainfall" read --options '{}' --input "$work/adapters/rainfall/sample.csv" | python3 -c '
import json, sys
print(sum(1 for line in sys.stdin if json.loads(line)["type"] == "observation"))')"
[ "$count" -eq 5 ] || fail "the swift external adapter wrote $count records, expected 5"

printf '\ncheck-new-adapter: all checks passed\n'
