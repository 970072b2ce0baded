#!/usr/bin/env bash
# Benchmark of the xml-bulletin adapter on the 1,000,000-observation SDMX-ML 2.1
# StructureSpecificData file made by ../shared/bench/gen_synthetic.py, side by side with
# libxml2's own streaming parse (xmllint --stream --noout) and, when installed, sdmx1.
#
#   bash Benchmarks/xml/run.sh [--obs N] [--format ss|generic] [--sdmx1]
#
# The generated file goes to Benchmarks/data/ (git-ignored). shared/ is found beside the
# repository (../shared from the repository root), as CI lays it out. YARDSTICK_SCRATCH_PATH
# builds yardstick-bench in another build folder (swift build --scratch-path; default .build).
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

scratch="${YARDSTICK_SCRATCH_PATH:-$root/.build}"
echo "building yardstick-bench (release) ..."
(cd "$root" && swift build -c release --product yardstick-bench --scratch-path "$scratch" >/dev/null)
bench="$scratch/release/yardstick-bench"

# Runs a command under /usr/bin/time; prints "wall_seconds cpu_seconds peak_kib".
measure() {
    local t
    t=$(mktemp)
    /usr/bin/time -o "$t" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
    awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$t"
    rm -f "$t"
}

# Best wall and CPU time of three runs each, and the peak RSS. The two tools take turns, so a
# change in the machine's load falls on both.
rounds=3
bw_a="" bc_a="" kib_a=0 bw_l="" bc_l="" kib_l=0
keep_best() {  # name value: the smaller of $name and value
    local current="${!1}"
    if [[ -z "$current" ]] || awk "BEGIN{exit !($2 < $current)}"; then printf -v "$1" '%s' "$2"; fi
}

echo "running xml-bulletin ..."
"$bench" xml-bulletin "$file" | tail -1
echo "running xml-bulletin and xmllint --stream --noout in turns, $rounds rounds ..."
for _ in $(seq "$rounds"); do
    read -r w c k < <(measure "$bench" xml-bulletin "$file")
    keep_best bw_a "$w"; keep_best bc_a "$c"
    if (( k > kib_a )); then kib_a=$k; fi
    read -r w c k < <(measure xmllint --stream --noout "$file")
    keep_best bw_l "$w"; keep_best bc_l "$c"
    if (( k > kib_l )); then kib_l=$k; fi
done
adapter_wall=$bw_a adapter_cpu=$bc_a adapter_kib=$kib_a
lint_wall=$bw_l lint_cpu=$bc_l lint_kib=$kib_l

sdmx1_line=""
if [[ $with_sdmx1 == 1 ]] && python3 -c 'import sdmx' 2>/dev/null; then
    echo "running sdmx1 ..."
    read -r w c k < <(measure python3 -c "import sdmx,sys; sdmx.read_sdmx(sys.argv[1])" "$file")
    sdmx1_line=$(awk -v w="$w" -v c="$c" -v k="$k" -v n="$obs" \
        'BEGIN{printf "| sdmx1 read_sdmx | %.2f | %.2f | %.0f | %.0f | %.1f |", w, c, n/w, n/c, k/1024}')
fi

echo
echo "file: $file ($(awk -v b="$bytes" 'BEGIN{printf "%.1f MB", b/1e6}'), $obs observations); $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| tool | wall s (best of 3) | CPU s (best of 3) | obs/s (wall) | obs/s (CPU) | peak RSS MB |"
echo "|---|---|---|---|---|---|"
awk -v w="$adapter_wall" -v c="$adapter_cpu" -v k="$adapter_kib" -v n="$obs" \
    'BEGIN{printf "| yardstick xml-bulletin | %.2f | %.2f | %.0f | %.0f | %.1f |\n", w, c, n/w, n/c, k/1024}'
awk -v w="$lint_wall" -v c="$lint_cpu" -v k="$lint_kib" -v n="$obs" \
    'BEGIN{printf "| xmllint --stream --noout | %.2f | %.2f | %.0f | %.0f | %.1f |\n", w, c, n/w, n/c, k/1024}'
[[ -n "$sdmx1_line" ]] && echo "$sdmx1_line"
awk -v aw="$adapter_wall" -v lw="$lint_wall" -v ac="$adapter_cpu" -v lc="$lint_cpu" \
    'BEGIN{printf "\nadapter / xmllint throughput: %.2f by wall time, %.2f by CPU time (aim: at least 1.00)\n", lw/aw, lc/ac}'
