#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the benchmark, in a temporary folder on a free
# loopback port.
#   scripts/pg-test-cluster.sh start [DIR]   initdb (as the postgres user when run as root: the server
#                                            refuses to run as root), start, print the URL
#   scripts/pg-test-cluster.sh stop DIR      stop the server and delete DIR
#   scripts/pg-test-cluster.sh down DIR      stop the server, keep its data (fault tests)
#   scripts/pg-test-cluster.sh up DIR        start it again on the same port
# The URL is postgres://yardstick@127.0.0.1:PORT/yardstick (trust authentication on loopback only:
# a test cluster, never a server to keep); the role yardstick_pw must log in with the password
# test-secret-pw (the password tests). DIR defaults to a new folder under ${TMPDIR:-/tmp}.
set -euo pipefail
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "pg-test-cluster: no PostgreSQL server found under /usr/lib/postgresql; run scripts/setup.sh (it installs Debian's postgresql)" >&2
    exit 1
fi
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
case "${1:-}" in
start)
    dir="${2:-$(mktemp -d "${TMPDIR:-/tmp}/yardstick-pg.XXXXXX")}"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { echo "pg-test-cluster: initdb failed; see $dir/initdb.log" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    # One role that must give a password (scram), so the tests can read it from the URL, PGPASSWORD
    # or a .pgpass; every other role is trusted on loopback.
    hba="$dir/data/pg_hba.conf"
    { echo "host all yardstick_pw 127.0.0.1/32 scram-sha-256"; cat "$hba"; } >"$hba.new" && mv "$hba.new" "$hba"
    [ "$(id -u)" -eq 0 ] && chown postgres "$hba"
    port="$(free_port)"
    echo "-p $port -k $dir -h 127.0.0.1 -c fsync=off -c max_connections=200" >"$dir/options"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" start >/dev/null \
        || { echo "pg-test-cluster: the server did not start; see $dir/server.log" >&2; cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE yardstick LOGIN SUPERUSER" \
        -c "CREATE ROLE yardstick_pw LOGIN SUPERUSER PASSWORD 'test-secret-pw'" -c "CREATE DATABASE yardstick OWNER yardstick" >/dev/null
    echo "$port" >"$dir/port"
    echo "postgres://yardstick@127.0.0.1:$port/yardstick"
    echo "pg-test-cluster: started in $dir (stop with: $0 stop $dir)" >&2
    ;;
stop)
    dir="${2:?usage: $0 stop DIR}"
    if [ -d "$dir/data" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
down)
    dir="${2:?usage: $0 down DIR}"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
up)
    dir="${2:?usage: $0 up DIR}"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" start >/dev/null
    ;;
*)
    echo "usage: $0 start [DIR] | stop DIR | down DIR | up DIR" >&2
    exit 2
    ;;
esac
