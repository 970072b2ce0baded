#!/bin/sh
# Throughput of the speech-text adapter on >= 10 MB of concatenated seed documents, release build.
#
#   Benchmarks/speech/run.sh [MEGABYTES]     (default 12)
#
# Builds yardstick-bench in release, writes Benchmarks/data/speech-corpus.txt (git-ignored) by
# repeating the documents in seeds/, and prints the bench's lines: MB/s, records/s, peak RSS.
set -eu
cd "$(dirname "$0")/../.."
megabytes="${1:-12}"
swift build -c release --product yardstick-bench
mkdir -p Benchmarks/data
corpus=Benchmarks/data/speech-corpus.txt
round=Benchmarks/data/speech-round.txt
# Each document starts with a "# name" line, which the adapter reads as the start of a new document.
: > "$round"
for f in seeds/*.txt; do
    printf '# %s\n' "$(basename "$f")" >> "$round"
    cat "$f" >> "$round"
    printf '\n' >> "$round"
done
round_bytes=$(wc -c < "$round")
target=$((megabytes * 1024 * 1024))
rounds=$(((target + round_bytes - 1) / round_bytes))
: > "$corpus"
i=0
while [ "$i" -lt "$rounds" ]; do
    cat "$round" >> "$corpus"
    i=$((i + 1))
done
rm -f "$round"
echo "corpus: $corpus, $(wc -c < "$corpus") bytes ($rounds rounds of seeds/*.txt)"
.build/release/yardstick-bench speech-text "$corpus" --repeat 3
