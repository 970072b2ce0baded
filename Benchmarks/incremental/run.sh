#!/usr/bin/env bash
# Incremental runs: time a full run of a pipeline against a run whose inputs did not change.
#
#   bash Benchmarks/incremental/run.sh [ROWS]
#
# Builds yardstick in release, writes a CSV of ROWS rows (default 200000) and a pipeline reading it
# twice (two sources) under Benchmarks/data/ (git-ignored), then runs: a first run (reads and stores
# everything), a second run (inputs unchanged: every source skipped) and a --full-refresh run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rows=${1:-200000}
data="$root/Benchmarks/data/incremental"
mkdir -p "$data"
cd "$root"
swift build -c release --product yardstick >/dev/null
bin="$root/.build/release/yardstick"
python3 - "$data/indicators.csv" "$rows" <<'PY'
import sys, random
path, rows = sys.argv[1], int(sys.argv[2])
random.seed(7)
with open(path, "w", encoding="utf-8") as f:
    f.write("subject,period,value,unit,region\n")
    for i in range(rows):
        f.write(f"指标{i % 500},{2000 + i % 23},{random.random() * 1000:.3f},万元,县{i % 97}\n")
PY
cp "$data/indicators.csv" "$data/indicators-copy.csv"
cat > "$data/pipeline.yaml" <<YAML
pipeline: incremental-bench
sources:
  - id: a
    adapter: open-data
    location: indicators.csv
  - id: b
    adapter: open-data
    location: indicators-copy.csv
report:
  formats: [table]
YAML
rm -f "$data"/db.sqlite*
now() { date +%s.%N; }
t0=$(now); "$bin" run "$data/pipeline.yaml" --db "$data/db.sqlite" -q >/dev/null; t1=$(now)
"$bin" run "$data/pipeline.yaml" --db "$data/db.sqlite" -q > "$data/second.txt"; t2=$(now)
"$bin" run "$data/pipeline.yaml" --db "$data/db.sqlite" -q --full-refresh >/dev/null; t3=$(now)
grep -c "unchanged since the last run" "$data/second.txt" | xargs -I{} echo "second run: {} of 2 sources skipped as unchanged"
python3 - "$t0" "$t1" "$t2" "$t3" "$rows" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:5]); rows = int(sys.argv[5])
full, unchanged, refresh = t1 - t0, t2 - t1, t3 - t2
print(f"{2 * rows} rows in 2 sources")
print(f"first run (read and store all): {full:.2f} s")
print(f"unchanged inputs (all skipped):  {unchanged:.2f} s  = {unchanged / full * 100:.1f}% of the full run")
print(f"--full-refresh (read all again):  {refresh:.2f} s")
PY
