#!/usr/bin/env bash
# A nightly run of every county: N generated county pipelines (default 2800, three sources each,
# make_counties.py) run
#   (a) with SQLite in one process: `yardstick run --skip-unchanged` over the folder, then the same
#       command again with every input unchanged;
#   (b) with 1, 2 and 4 `yardstick worker` processes against one PostgreSQL server on this machine
#       (scripts/pg-test-cluster.sh, a fresh database per worker count): the workers run every due
#       pipeline until the queue is empty, then `yardstick enqueue` queues them all again and the
#       workers rerun them, every input unchanged.
# Prints one table row per configuration: wall time, runs per minute and database size of the full
# run, the unchanged rerun's wall time and runs per minute, and how many times cheaper it was; and
# checks the runs tables (every pipeline ran twice, every rerun recorded `#checks unchanged`).
#
#   bash Benchmarks/nightly/run.sh [--counties N] [--workers "1 2 4"] [--sqlite-only | --postgres-only]
#
# The binary is a release build (`swift build -c release --product yardstick`), or YARDSTICK_BIN.
# The PostgreSQL rows need `yardstick worker` and `enqueue` in the binary and a PostgreSQL server
# (scripts/setup.sh installs it); without them they are reported missing, and the SQLite row still runs.
# Data goes under Benchmarks/data/nightly/ (git-ignored).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
count=2800
workers="1 2 4"
sqlite_only=0
postgres_only=0
while [ $# -gt 0 ]; do
    case "$1" in
    --counties) count="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --sqlite-only) sqlite_only=1; shift ;;
    --postgres-only) postgres_only=1; shift ;;
    [0-9]*) count="$1"; shift ;;  # the older positional form: run.sh COUNT ["1 2 4"]
    *) echo "usage: $0 [--counties N] [--workers \"1 2 4\"] [--sqlite-only | --postgres-only]" >&2; exit 64 ;;
    esac
done
data="$root/Benchmarks/data/nightly"
cd "$root"
if [ -n "${YARDSTICK_BIN:-}" ]; then
    bin="$YARDSTICK_BIN"
else
    swift build -c release --product yardstick >/dev/null
    bin="$root/.build/release/yardstick"
fi
build="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo +changes)"
rm -rf "$data"
mkdir -p "$data"
python3 Benchmarks/nightly/make_counties.py "$data" "$count" >/dev/null
now() { date +%s.%N; }
rows="$data/rows.tsv"
: >"$rows"
load1() { cut -d' ' -f1 /proc/loadavg; }
row() { # label, full seconds, unchanged seconds, size bytes, load average (1 min) when the row started
    printf '%s\t%s\t%s\t%s\t%s → %s\n' "$1" "$2" "$3" "$4" "$5" "$(load1)" >>"$rows"
}
missing=()
echo "nightly benchmark: $count county pipelines ($((3 * count)) sources), build $build, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# (a) SQLite, one process.
if [ "$postgres_only" -eq 1 ]; then
    missing+=("SQLite row not run (--postgres-only)")
else
sqlite="$data/sqlite/nightly.sqlite"
mkdir -p "$data/sqlite"
l0=$(load1)
t0=$(now)
"$bin" run --db "$sqlite" --skip-unchanged -q "$data/pipelines" >"$data/sqlite-full.log" 2>&1 \
    || { echo "the full SQLite run failed; see $data/sqlite-full.log" >&2; exit 1; }
t1=$(now)
"$bin" run --db "$sqlite" --skip-unchanged -q "$data/pipelines" >"$data/sqlite-unchanged.log" 2>&1 \
    || { echo "the unchanged SQLite rerun failed; see $data/sqlite-unchanged.log" >&2; exit 1; }
t2=$(now)
size=$(( $(stat -c %s "$sqlite") + $(stat -c %s "$sqlite-wal" 2>/dev/null || echo 0) ))
python3 - "$sqlite" "$count" <<'PY'
import sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
runs = c.execute("SELECT COUNT(*), COUNT(DISTINCT pipeline) FROM runs").fetchone()
twice = c.execute("SELECT COUNT(*) FROM (SELECT pipeline FROM runs GROUP BY pipeline HAVING COUNT(*) = 2)").fetchone()[0]
skipped = c.execute("SELECT COUNT(*) FROM run_sources WHERE source_id = '#checks' AND status = 'unchanged'").fetchone()[0]
bad = c.execute("SELECT COUNT(*) FROM runs WHERE status <> 'succeeded'").fetchone()[0]
if runs != (2 * n, n) or twice != n or skipped != n or bad:
    sys.exit(f"sqlite: {runs[0]} runs of {runs[1]} pipelines, {twice} ran twice, {skipped} reruns skipped their checks, {bad} did not succeed (wanted {2*n}, {n}, {n}, {n}, 0)")
PY
row "SQLite, one process" "$(python3 -c "print($t1 - $t0)")" "$(python3 -c "print($t2 - $t1)")" "$size" "$l0"
fi

# (b) PostgreSQL, 1, 2 and 4 workers.
if [ "$sqlite_only" -eq 1 ]; then
    missing+=("PostgreSQL rows not run (--sqlite-only)")
elif ! "$bin" worker --help >/dev/null 2>&1 || ! "$bin" enqueue --help >/dev/null 2>&1; then
    missing+=("PostgreSQL rows missing: this yardstick has no 'worker' / 'enqueue' command")
elif ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    missing+=("PostgreSQL rows missing: no PostgreSQL server installed (run scripts/setup.sh)")
else
    pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/yardstick-bench-pg.XXXXXX")"
    trap 'bash "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"' EXIT
    bash scripts/pg-test-cluster.sh start "$pg_dir" >/dev/null 2>"$data/pg-cluster.log"
    port="$(cat "$pg_dir/port")"
    psql() { command psql -X -q -t -A -h 127.0.0.1 -p "$port" -U yardstick "$@"; }
    ids=$(cd "$data/pipelines" && ls ./*.yaml | sed 's|^\./||; s/\.yaml$//' | tr '\n' ' ')
    for k in $workers; do
        db="bench_w$k"
        psql -d yardstick -c "CREATE DATABASE $db" >/dev/null
        url="postgres://yardstick@127.0.0.1:$port/$db"
        run_workers() { # phase
            local pids=() failed=0
            for w in $(seq 1 "$k"); do
                # The workers of one host share its cache folder (the default .yardstick/cache is
                # shared the same way); --poll 0.5 shortens the wait of a worker that finds the queue
                # empty while another still runs the last pipelines.
                "$bin" worker --db "$url" --until-idle --poll 0.5 --cache-dir "$data/cache-$db" -q "$data/pipelines" \
                    >"$data/worker-$db-$1-$w.log" 2>&1 &
                pids+=($!)
            done
            for p in "${pids[@]}"; do wait "$p" || failed=1; done
            [ "$failed" -eq 0 ] || { echo "a worker failed; see $data/worker-$db-$1-*.log" >&2; exit 1; }
        }
        l0=$(load1)
        t0=$(now); run_workers full; t1=$(now)
        # shellcheck disable=SC2086
        "$bin" enqueue --db "$url" -q $ids >/dev/null
        t2=$(now); run_workers unchanged; t3=$(now)
        size=$(psql -d "$db" -c "SELECT pg_database_size('$db')")
        runs=$(psql -d "$db" -c "SELECT COUNT(*) FROM runs")
        odd=$(psql -d "$db" -c "SELECT COUNT(*) FROM (SELECT pipeline FROM runs GROUP BY pipeline HAVING COUNT(*) <> 2) x")
        skipped=$(psql -d "$db" -c "SELECT COUNT(*) FROM run_sources WHERE source_id = '#checks' AND status = 'unchanged'")
        [ "$runs" -eq $((2 * count)) ] && [ "$odd" -eq 0 ] \
            || { echo "postgres, $k workers: $runs runs, $odd pipelines not run exactly twice" >&2; exit 1; }
        [ "$skipped" -eq "$count" ] || echo "postgres, $k workers: only $skipped of $count reruns skipped their checks" >&2
        row "PostgreSQL, $k worker(s)" "$(python3 -c "print($t1 - $t0)")" "$(python3 -c "print($t3 - $t2)")" "$size" "$l0"
    done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$rows" "$count" <<'PY'
import sys
rows, n = sys.argv[1], int(sys.argv[2])
print()
print("| configuration | full run | runs/min | database | unchanged rerun | runs/min | full ÷ unchanged | load (1 min, start → end) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
short = []
for line in open(rows, encoding="utf-8"):
    label, full, again, size, load = line.rstrip("\n").split("\t")
    full, again, size = float(full), float(again), int(size)
    ratio = full / again
    if ratio < 10:
        short.append(label)
    print(f"| {label} | {full:.1f} s | {n / full * 60:,.0f} | {size / 1e6:.1f} MB | {again:.1f} s | {n / again * 60:,.0f} | {ratio:.1f}× | {load} |")
print()
for label in short:
    print(f"short of 10×: {label}")
PY
for m in "${missing[@]+"${missing[@]}"}"; do echo "$m"; done
