# Sourced by the scripts that start `yardstick serve` (bench-serve.sh, check-site.sh): a work
# folder ($work) removed on exit, the server started by start_serve stopped first.
work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# start_serve TRIES COMMAND...: runs COMMAND (a `yardstick serve … --port 0`) in the background,
# its output in $work/serve.out and $work/serve.err, and waits up to TRIES tenths of a second for
# it to say where it listens; sets server_pid, and port (empty when it did not say).
start_serve() {
    local tries=$1
    shift
    "$@" >"$work/serve.out" 2>"$work/serve.err" &
    server_pid=$!
    for _ in $(seq 1 "$tries"); do
        grep -q 'http://127.0.0.1:' "$work/serve.out" 2>/dev/null && break
        sleep 0.1
    done
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 | sed 's/.*://')
}
