#!/usr/bin/env bash
# Benchmark of the xml-bulletin adapter on the 1,000,000-observation SDMX-ML 2.1
# StructureSpecificData file made by ../shared/bench/gen_synthetic.py, side by side with
# libxml2's own streaming parse (xmllint --stream --noout) and, when installed, sdmx1.
#
#   bash Benchmarks/xml/run.sh [--obs N] [--format ss|generic] [--sdmx1]
#
# The generated file goes to Benchmarks/data/ (git-ignored). shared/ is found beside the
# repository (../shared from the repository root), as CI lays it out.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="$(cd "$root/../shared" 2>/dev/null && pwd || true)"
if [[ -z "$shared" || ! -f "$shared/bench/gen_synthetic.py" ]]; then
    echo "error: ../shared/bench/gen_synthetic.py not found beside the repository ($root/../shared)" >&2
    exit 2
fi
obs=1000000
format=ss
with_sdmx1=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --obs) obs="$2"; shift 2 ;;
        --format) format="$2"; shift 2 ;;
        --sdmx1) with_sdmx1=1; shift ;;
        *) echo "usage: $0 [--obs N] [--format ss|generic] [--sdmx1]" >&2; exit 2 ;;
    esac
done

python3 -c 'import lxml' 2>/dev/null || python3 -m pip install --quiet lxml
command -v xmllint >/dev/null || { echo "error: xmllint not found (apt-get install libxml2-utils)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }

data="$root/Benchmarks/data"
mkdir -p "$data"
file="$data/ECB_EXR_${format}_${obs}.xml"
if [[ ! -s "$file" ]]; then
    echo "generating $file ..."
    python3 "$shared/bench/gen_synthetic.py" \
        --dsd "$shared/data/sdmx/khaeru__sdmx-test-data/ECB_EXR/1/structure-full.xml" \
        --obs "$obs" --format "$format" --out "$file"
fi
bytes=$(stat -c %s "$file")

echo "building yardstick-bench (release) ..."
(cd "$root" && swift build -c release --product yardstick-bench >/dev/null)
bench="$root/.build/release/yardstick-bench"

# Runs a command under /usr/bin/time; prints "seconds peak_kib".
measure() {
    local out
    out=$( { /usr/bin/time -f "__TIME__ %e %M" "$@" >/dev/null 2>/dev/null; } 2>&1 | grep __TIME__ || true)
    if [[ -z "$out" ]]; then
        out=$( { /usr/bin/time -f "__TIME__ %e %M" "$@" >/dev/null; } 2>&1 | grep __TIME__ )
    fi
    echo "$out" | awk '{print $2, $3}'
}

echo "running xml-bulletin ..."
adapter_out=$("$bench" xml-bulletin "$file" --repeat 3)
echo "$adapter_out"
records=$(echo "$adapter_out" | tail -1 | sed -E 's/.* ([0-9]+) records, .*/\1/')
adapter_best=$(echo "$adapter_out" | tail -1 | sed -E 's/.*best ([0-9.]+) s.*/\1/')
adapter_rss=$(echo "$adapter_out" | tail -1 | sed -E 's/.*peak RSS ([0-9.]+) MB.*/\1/')

echo "running xmllint --stream --noout ..."
best_lint=""
lint_rss=0
for _ in 1 2 3; do
    read -r s kib < <(measure xmllint --stream --noout "$file")
    if [[ -z "$best_lint" ]] || awk "BEGIN{exit !($s < $best_lint)}"; then best_lint=$s; fi
    lint_rss=$kib
done

sdmx1_line=""
if [[ $with_sdmx1 == 1 ]] && python3 -c 'import sdmx' 2>/dev/null; then
    echo "running sdmx1 ..."
    read -r s kib < <(measure python3 -c "import sdmx,sys; m=sdmx.read_sdmx(sys.argv[1]); print(sum(len(ds.obs) for ds in m.data))" "$file")
    sdmx1_line=$(awk -v s="$s" -v k="$kib" -v n="$obs" 'BEGIN{printf "| sdmx1 read_sdmx | %.2f | %.0f | %.1f |", s, n/s, k/1024}')
fi

echo
echo "file: $file ($(awk -v b="$bytes" 'BEGIN{printf "%.1f MB", b/1e6}'), $records observations)"
echo
echo "| tool | seconds (best of 3) | observations/s | peak RSS MB |"
echo "|---|---|---|---|"
awk -v s="$adapter_best" -v n="$records" -v r="$adapter_rss" 'BEGIN{printf "| yardstick xml-bulletin | %.2f | %.0f | %.1f |\n", s, n/s, r}'
awk -v s="$best_lint" -v n="$records" -v k="$lint_rss" 'BEGIN{printf "| xmllint --stream --noout | %.2f | %.0f | %.1f |\n", s, n/s, k/1024}'
[[ -n "$sdmx1_line" ]] && echo "$sdmx1_line"
awk -v a="$adapter_best" -v l="$best_lint" 'BEGIN{printf "\nadapter throughput / xmllint throughput = %.2f (aim: at least 0.50)\n", l/a}'
