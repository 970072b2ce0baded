#!/usr/bin/env bash
# A nightly run of every county: COUNT generated county pipelines (default 2800) run with 1, 2 and 4
# workers against one PostgreSQL server on this machine, and with SQLite in one process; each beside
# the unchanged rerun that follows it.
#
#   bash Benchmarks/nightly/run.sh [COUNT] [WORKER_COUNTS]      e.g. run.sh 2800 "1 2 4"
#
# Builds yardstick in release, writes the pipelines under Benchmarks/data/nightly/ (git-ignored,
# make_counties.py), starts a throwaway PostgreSQL cluster (scripts/pg-test-cluster.sh; stopped on
# exit) and, for each worker count, a fresh database: the workers queue every pipeline (its
# schedule's 02:00 has come) and run them until the queue is empty (`worker --until-idle`); then
# `yardstick enqueue` queues every pipeline again and the workers rerun them, all inputs unchanged.
# SQLite: `yardstick run --skip-unchanged` of every file in one process, twice. YARDSTICK_BIN=PATH
# uses that binary instead of a release build. Prints one line per configuration:
# wall time, runs per minute and database size, full and unchanged, and checks the runs tables.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
count=${1:-2800}
workers=${2:-"1 2 4"}
data="$root/Benchmarks/data/nightly"
cd "$root"
if [ -n "${YARDSTICK_BIN:-}" ]; then
    bin="$YARDSTICK_BIN"          # an existing build (say a debug one), instead of building release
else
    swift build -c release --product yardstick >/dev/null
    bin="$root/.build/release/yardstick"
fi
rm -rf "$data"
mkdir -p "$data"
python3 Benchmarks/nightly/make_counties.py "$data" "$count"
pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/yardstick-bench-pg.XXXXXX")"
trap 'bash scripts/pg-test-cluster.sh stop "$pg_dir"' EXIT
base="$(bash scripts/pg-test-cluster.sh start "$pg_dir" 2>/dev/null)"
port="$(cat "$pg_dir/port")"
psql() { command psql -X -q -t -A -h 127.0.0.1 -p "$port" -U yardstick "$@"; }
now() { date +%s.%N; }
sub() { python3 -c "print($1 - $2)"; }
report() { # label, count, full seconds, unchanged seconds, size bytes
    python3 - "$@" <<'PY'
import sys
label, n, full, again, size = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(f"{label:<22} full {full:8.1f} s {n / full * 60:8.0f} runs/min | unchanged {again:7.1f} s {n / again * 60:8.0f} runs/min"
      f" ({full / again:5.1f}x cheaper) | db {size / 1e6:7.1f} MB")
PY
}
ids=$(cd "$data/pipelines" && ls *.yaml | sed 's/\.yaml$//' | tr '\n' ' ')
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $count pipelines"
for k in $workers; do
    db="bench_w$k"
    psql -d yardstick -c "CREATE DATABASE $db" >/dev/null
    url="postgres://yardstick@127.0.0.1:$port/$db"
    run_workers() {
        local pids=()
        for w in $(seq 1 "$k"); do
            "$bin" worker --db "$url" --until-idle --poll 0.5 --cache-dir "$data/cache-$db" -q "$data/pipelines" \
                >"$data/worker-$db-$w.log" 2>&1 &
            pids+=($!)
        done
        local failed=0
        for p in "${pids[@]}"; do wait "$p" || failed=1; done
        [ "$failed" -eq 0 ] || { echo "a worker failed; see $data/worker-$db-*.log" >&2; exit 1; }
    }
    t0=$(now); run_workers; t1=$(now)
    "$bin" enqueue --db "$url" -q $ids >/dev/null
    t2=$(now); run_workers; t3=$(now)
    size=$(psql -d "$db" -c "SELECT pg_database_size('$db')")
    runs=$(psql -d "$db" -c "SELECT COUNT(*) FROM runs")
    dup=$(psql -d "$db" -c "SELECT COUNT(*) FROM (SELECT pipeline FROM runs GROUP BY pipeline HAVING COUNT(*) <> 2) x")
    [ "$runs" -eq $((2 * count)) ] && [ "$dup" -eq 0 ] || { echo "postgres $k: $runs runs, $dup pipelines not run twice" >&2; exit 1; }
    report "postgres, $k worker(s)" "$count" "$(sub $t1 $t0)" "$(sub $t3 $t2)" "$size"
done
sqlite="$data/nightly.sqlite"
t0=$(now); "$bin" run --db "$sqlite" --skip-unchanged -q "$data"/pipelines/*.yaml >/dev/null; t1=$(now)
t2=$(now); "$bin" run --db "$sqlite" --skip-unchanged -q "$data"/pipelines/*.yaml >/dev/null; t3=$(now)
size=$(( $(stat -c %s "$sqlite") + $(stat -c %s "$sqlite-wal" 2>/dev/null || echo 0) ))
report "sqlite, one process" "$count" "$(sub $t1 $t0)" "$(sub $t3 $t2)" "$size"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
