#!/bin/sh
# Runs a command inside the network namespace this script was started in (`unshare -n`), where only
# loopback exists: no packet can leave the machine whatever the command does. Next to it listen
# three copies of the Fetch tests' server, each logging every connection and request to OUT:
#   127.0.0.1:8080       the configured host         OUT/origin.log
#   127.0.0.2:8081       another host                 OUT/other.log
#   169.254.169.254:80   the cloud metadata address   OUT/metadata.log (added to lo)
# Usage: netns_run.sh SERVER_SCRIPT OUT COMMAND [ARGS...]; exits with the command's status, or 97
# when the namespace cannot be set up.
set -u
server=$1
out=$2
shift 2
ip link set lo up || exit 97
ip addr add 169.254.169.254/32 dev lo || exit 97
python3 -u "$server" 127.0.0.1 8080 "$out/origin.log" >"$out/origin.port" &
p1=$!
python3 -u "$server" 127.0.0.2 8081 "$out/other.log" >"$out/other.port" &
p2=$!
python3 -u "$server" 169.254.169.254 80 "$out/metadata.log" >"$out/metadata.port" &
p3=$!
i=0
while [ $i -lt 300 ]; do
    if [ -s "$out/origin.port" ] && [ -s "$out/other.port" ] && [ -s "$out/metadata.port" ]; then break; fi
    sleep 0.1
    i=$((i + 1))
done
"$@"
status=$?
kill $p1 $p2 $p3 2>/dev/null
wait
exit $status
