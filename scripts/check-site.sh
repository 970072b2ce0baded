#!/usr/bin/env bash
# Opens the site in headless Chromium and uses it as a reader would, twice: the static site written
# by `yardstick site` (from disk, file://) and the same pages from `yardstick serve` (over HTTP on a
# free loopback port, under the server's Content-Security-Policy). Each time it
#   1. loads the index and checks the page's script ran (body[data-ready]) and every pipeline is listed;
#   2. follows the index's link to the china-2022 pipeline (the href read from the live DOM);
#   3. filters that page by status (#status=S) and checks only rows with status S stay visible,
#      for every status on the page, and searches it (#q=…);
#   4. opens a figure's source view (a target's link, read from the DOM) and checks that the figure
#      is open and its clause is marked in the document's lines;
# then saves screenshots of the index and of a pipeline page (docs/site-index.png,
# docs/site-pipeline.png; another folder as $1).
#
# Usage: scripts/check-site.sh [SCREENSHOT_DIR]
# Needs Debian's chromium and curl, and builds yardstick first. Exits 0 when every check passes,
# 1 when one fails, 2 when it cannot run.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shots=${1:-$root/docs}
# shellcheck source=scripts/serve-lib.sh
. "$root/scripts/serve-lib.sh"

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "check-site: chromium not found; apt-get install -y chromium" >&2; exit 2; }
command -v curl >/dev/null || { echo "check-site: curl not found; apt-get install -y curl" >&2; exit 2; }
swift build --package-path "$root" --product yardstick >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 2; }
bin=$(swift build --package-path "$root" --show-bin-path)/yardstick

db=$work/db.sqlite
for p in zhecheng-2022 china-2022; do
    (cd "$root" && "$bin" run "pipelines/$p.yaml" --db "$db" --report-dir "$work/reports" -q >/dev/null) ||
        { echo "check-site: yardstick run pipelines/$p.yaml failed" >&2; exit 2; }
done
"$bin" site "$work/site" --db "$db" >/dev/null

flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --no-default-browser-check
    --hide-scrollbars --user-data-dir="$work/profile" --virtual-time-budget=3000)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }
dom() { "$browser" "${flags[@]}" --dump-dom "$1" 2>>"$work/browser.log"; }
visible_rows() { grep -o '<tr class="item goal"[^>]*>' | grep -v ' hidden' || true; }

check() {
    local base=$1 label=$2
    # 1. The index, with its script run.
    local index
    index=$(dom "${base}index.html")
    if grep -q '<body[^>]*data-ready="true"' <<<"$index"; then pass "$label: the index's script ran"; else fail "$label: the index's script did not run (CSP?)"; fi
    local listed
    listed=$(grep -o '<tr class="item pipeline"[^>]*>' <<<"$index" | grep -vc ' hidden' || true)
    if [ "$listed" -eq 2 ]; then pass "$label: the index lists both pipelines"; else fail "$label: the index lists $listed pipelines, expected 2"; fi

    # 2. Follow the link to china-2022.
    local href
    href=$(grep -o 'href="[^"]*china-2022[^"]*"' <<<"$index" | head -1 | sed 's/href="//; s/"$//')
    [ -n "$href" ] || { fail "$label: no link to china-2022 on the index"; return; }
    local page
    page=$(dom "${base}${href}")
    local all
    all=$(visible_rows <<<"$page" | grep -c . || true)
    if [ "$all" -eq 5 ] && grep -q '国务院政府工作报告\|政府工作报告\|china-2022' <<<"$page"; then
        pass "$label: followed $href: 5 goals shown"
    else
        fail "$label: $href shows $all goals, expected 5"
    fi

    # 3. Filter by status: every status on the page.
    for status in $(grep -o '<tr class="item goal"[^>]*data-status="[a-z_]*"' <<<"$page" | sed 's/.*data-status="//; s/"$//' | sort -u); do
        local want shown wrong filtered
        want=$(grep -o '<tr class="item goal"[^>]*>' <<<"$page" | grep -c "data-status=\"$status\"" || true)
        filtered=$(dom "${base}${href}#status=$status")
        shown=$(visible_rows <<<"$filtered" | grep -c . || true)
        wrong=$(visible_rows <<<"$filtered" | grep -vc "data-status=\"$status\"" || true)
        if [ "$shown" -eq "$want" ] && [ "$wrong" -eq 0 ] && grep -q "data-shown=\"$want\"" <<<"$filtered"; then
            pass "$label: #status=$status leaves its $want row(s)"
        else
            fail "$label: #status=$status: expected $want, $shown visible, $wrong of another status"
        fi
    done
    local searched
    searched=$(dom "${base}${href}#q=%E5%B0%B1%E4%B8%9A")   # 就业
    local hits
    hits=$(visible_rows <<<"$searched" | grep -c . || true)
    if [ "$hits" -ge 1 ] && [ "$hits" -lt 5 ]; then pass "$label: searching 就业 leaves $hits row(s)"; else fail "$label: searching 就业 leaves $hits rows"; fi

    # 4. A figure's source view.
    local fig
    fig=$(grep -o 'class="fig goal-fig" href="[^"]*"' <<<"$page" | head -1 | sed 's/.*href="//; s/"$//')
    [ -n "$fig" ] || { fail "$label: no figure link on $href"; return; }
    local target=${fig#*#}
    local dir=${href%/*}/
    local source
    source=$(dom "${base}${dir}${fig}")
    local details
    details=$(grep -o "<details[^>]*id=\"$target\"[^>]*>" <<<"$source" || true)
    if grep -q ' open' <<<"$details" && grep -q 'target' <<<"$details"; then pass "$label: $fig opens figure $target"; else fail "$label: $fig: figure $target not opened ($details)"; fi
    local body
    body=$(awk -v id="id=\"$target\"" 'index($0, id) {on=1} on {print} on && /<\/details>/ {exit}' <<<"$source")
    local marked clause
    marked=$(grep -o '<mark>[^<]*</mark>' <<<"$body" | head -1 | sed 's/<[^>]*>//g')
    clause=$(grep -o '<blockquote class="clause">[^<]*' <<<"$body" | head -1 | sed 's/<[^>]*>//g')
    if [ -n "$marked" ] && [[ "$clause" == *"$marked"* ]]; then pass "$label: the source view marks '$marked'"; else fail "$label: the source view marks '$marked', clause '$clause'"; fi
}

check "file://$work/site/" "static"

start_serve 100 "$bin" serve --db "$db" --port 0
if [ -z "$port" ]; then
    fail "serve did not start: $(cat "$work/serve.err")"
else
    check "http://127.0.0.1:$port/" "serve"
fi

mkdir -p "$shots"
"$browser" "${flags[@]}" --window-size=1200,900 --screenshot="$shots/site-index.png" "file://$work/site/index.html" 2>>"$work/browser.log" >/dev/null
"$browser" "${flags[@]}" --window-size=1200,900 --screenshot="$shots/site-pipeline.png" "file://$work/site/pipelines/china-2022.html" 2>>"$work/browser.log" >/dev/null
if [ -s "$shots/site-index.png" ] && [ -s "$shots/site-pipeline.png" ]; then pass "screenshots saved in $shots"; else fail "no screenshots in $shots"; fi

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
