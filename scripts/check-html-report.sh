#!/usr/bin/env bash
# Opens an HTML scorecard in headless Chromium and checks it as a reader would see it:
#   1. one row per goal is rendered (the rows in the file are all in the live DOM, all visible);
#   2. the status filter works: for every status in the file, opening REPORT.html#status=S leaves
#      exactly the rows with that status visible; the area filter works the same way;
#   3. at 400 px wide (a phone) no goal's status is cut off or outside the screen and the page does
#      not scroll sideways: the page is loaded in a 400 px frame with a probe script that measures it;
#   4. it prints: a PDF is made (and, with pdftotext present, holds the title);
#   5. screenshots of the page are saved, at desktop width and at 400 px (SCREENSHOT-400.png).
#
# Usage: scripts/check-html-report.sh [REPORT.html] [SCREENSHOT.png]
#   Without REPORT.html, the sample scorecard of the Reports tests is rendered first
#   (YARDSTICK_HTML_SAMPLE=… swift test --filter ReportsTests).
#   SCREENSHOT.png defaults to docs/scorecard-screenshot.png.
# Needs Debian's chromium (apt-get install -y chromium fonts-noto-cjk). Exits 0 when every check
# passes, 1 when one fails, 2 when it cannot run.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

html=${1:-}
shot=${2:-$root/docs/scorecard-screenshot.png}
if [ -z "$html" ]; then
    html=$work/sample-scorecard.html
    YARDSTICK_HTML_SAMPLE=$html swift test --package-path "$root" --filter ReportsTests >"$work/test.log" 2>&1 || {
        cat "$work/test.log" >&2
        echo "check-html-report: the Reports tests failed; fix them first" >&2
        exit 2
    }
fi
[ -f "$html" ] || { echo "check-html-report: no such file: $html" >&2; exit 2; }
html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "check-html-report: chromium not found; apt-get install -y chromium" >&2; exit 2; }
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --no-default-browser-check
    --hide-scrollbars --user-data-dir="$work/profile" --virtual-time-budget=3000)

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

# The DOM after the page's script has run, for a URL fragment.
dom() { "$browser" "${flags[@]}" --dump-dom "file://$html$1" 2>"$work/browser.log"; }
rows() { grep -o '<tr class="goal"[^>]*>' || true; }
count() { grep -c . || true; }

expected=$(rows <"$html" | count)
[ "$expected" -gt 0 ] || { echo "check-html-report: $html has no goal rows (tr.goal)" >&2; exit 2; }

# 1. Every goal rendered and visible.
page=$(dom "")
rendered=$(rows <<<"$page" | count)
visible=$(rows <<<"$page" | grep -v ' hidden' | count)
if [ "$rendered" -eq "$expected" ] && [ "$visible" -eq "$expected" ] && grep -q "data-shown=\"$expected\"" <<<"$page"; then
    pass "$rendered of $expected goal rows rendered and visible"
else
    fail "expected $expected visible goal rows, rendered $rendered, visible $visible"
fi

# 2. The status filter, for every status present.
for status in $(grep -o '<tr class="goal"[^>]*data-status="[a-z_]*"' "$html" | sed 's/.*data-status="//; s/"$//' | sort -u); do
    want=$(rows <"$html" | grep -c "data-status=\"$status\"" || true)
    page=$(dom "#status=$status")
    shown=$(rows <<<"$page" | grep -v ' hidden' | count)
    wrong=$(rows <<<"$page" | grep -v ' hidden' | grep -vc "data-status=\"$status\"" || true)
    if [ "$shown" -eq "$want" ] && [ "$wrong" -eq 0 ]; then
        pass "#status=$status shows its $want row(s) only"
    else
        fail "#status=$status: expected $want row(s), $shown visible, $wrong of another status"
    fi
done

# The area filter, for the first area, combined with no status.
area=$(grep -o '<tr class="goal"[^>]*data-area="[^"]*"' "$html" | sed 's/.*data-area="//; s/"$//' | sort | head -1)
want=$(rows <"$html" | grep -c "data-area=\"$area\"" || true)
page=$(dom "#area=$area")
shown=$(rows <<<"$page" | grep -v ' hidden' | count)
if [ "$shown" -eq "$want" ]; then pass "#area=$area shows its $want row(s) only"; else fail "#area=$area: expected $want, $shown visible"; fi

# 3. 400 px wide. Headless Chromium will not make a window narrower than 500 px, so the page is
# opened in a 400 px frame; a probe added to a copy of it measures the layout and posts the verdict.
probe=$work/probe.html
frame=$work/frame.html
python3 - "$html" "$probe" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
probe = """<script>
(function () {
  var vw = window.innerWidth, bad = [];
  if (document.documentElement.scrollWidth > vw + 1) bad.push('the page is ' + document.documentElement.scrollWidth + ' px wide');
  Array.prototype.forEach.call(document.querySelectorAll('tr.goal'), function (r) {
    var s = r.querySelector('.status'), b = s && s.getBoundingClientRect();
    if (!b || b.width === 0 || b.left < 0 || b.right > vw + 1) bad.push(r.id + ': status not on screen');
  });
  window.parent.postMessage({ vw: vw, verdict: bad.length ? bad.slice(0, 5).join('; ') : 'ok' }, '*');
})();
</script>
</body>"""
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</body>", probe, 1))
PY
cat >"$frame" <<'HTML'
<!doctype html><html><body style="margin:0"><iframe src="probe.html" style="width:400px;height:900px;border:0"></iframe>
<script>window.addEventListener('message', function (e) {
  document.body.setAttribute('data-vw', String(e.data.vw)); document.body.setAttribute('data-narrow', e.data.verdict); });</script>
</body></html>
HTML
narrow=$("$browser" "${flags[@]}" --window-size=1200,900 --dump-dom "file://$frame" 2>"$work/browser.log" | grep -o '<body[^>]*>' || true)
if grep -q 'data-vw="400" data-narrow="ok"' <<<"$narrow"; then
    pass "at 400 px every goal's status is on screen and the page does not scroll sideways"
else
    fail "at 400 px: ${narrow:-no verdict from the probe}"
fi

# 4. Print.
pdf=$work/print.pdf
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$html" 2>"$work/browser.log" >/dev/null || true
if [ ! -s "$pdf" ]; then
    fail "no PDF printed"
elif command -v pdftotext >/dev/null; then
    title=$(python3 -c 'import re,sys; m=re.search(r"<h1>([^<]*)</h1>", open(sys.argv[1], encoding="utf-8").read()); print(re.sub(r"[\s0-9]", "", m.group(1))[:6] if m else "")' "$html")
    if pdftotext "$pdf" - 2>/dev/null | tr -d ' \n0-9' | grep -qF "$title"; then
        pass "prints: the PDF holds the title"
    else
        fail "the printed PDF does not hold the title '$title'"
    fi
else
    pass "prints: a PDF was made (pdftotext not installed, its text not checked)"
fi

# 5. Screenshots, at desktop width and at 400 px.
mkdir -p "$(dirname "$shot")"
"$browser" "${flags[@]}" --window-size=1200,860 --screenshot="$shot" "file://$html" 2>"$work/browser.log" >/dev/null
if [ -s "$shot" ]; then pass "screenshot saved to $shot"; else fail "no screenshot written to $shot"; fi
narrow_shot=${shot%.png}-400.png
"$browser" "${flags[@]}" --window-size=400,900 --screenshot="$narrow_shot" "file://$html" 2>"$work/browser.log" >/dev/null
if [ -s "$narrow_shot" ]; then pass "screenshot at 400 px saved to $narrow_shot"; else fail "no screenshot written to $narrow_shot"; fi

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
