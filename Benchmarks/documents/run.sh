#!/bin/sh
# Throughput of the speech-text adapter on HTML and PDF input beside plain text, and its peak
# memory on a 100 MB HTML page; release build.
#
#   Benchmarks/documents/run.sh [MEGABYTES] [PDF_ROUNDS]     (defaults 12 and 20)
#
# Writes its inputs under Benchmarks/data/ (git-ignored) from seeds/*.txt: MEGABYTES of text, an
# HTML page of MEGABYTES, a 100 MB HTML page, and a PDF printed by headless Chromium from
# PDF_ROUNDS copies of the documents. Each input is read by its own yardstick-bench process, so
# each peak RSS is that input's alone. MB/s counts input bytes (the PDF file's size for the PDF).
set -eu
cd "$(dirname "$0")/../.."
megabytes="${1:-12}"
rounds="${2:-20}"
swift build -c release --product yardstick-bench
mkdir -p Benchmarks/data
data=Benchmarks/data
gen=Benchmarks/documents/make_documents.py
python3 "$gen" text "$data/documents.txt" "$megabytes"
python3 "$gen" html "$data/documents.html" "$megabytes"
python3 "$gen" html "$data/documents-100mb.html" 100
if [ ! -s "$data/documents.pdf" ] || [ "$gen" -nt "$data/documents.pdf" ]; then
    python3 "$gen" print "$data/documents-print.html" "$rounds"
    profile=$(mktemp -d)
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$profile" \
        --print-to-pdf="$data/documents.pdf" "$data/documents-print.html" >/dev/null 2>&1
    rm -rf "$profile"
fi
echo "pdf: $(pdfinfo "$data/documents.pdf" | grep Pages)"
bench=.build/release/yardstick-bench
echo "== plain text"
$bench speech-text "$data/documents.txt" --repeat 3 | tail -1
echo "== HTML"
$bench speech-text "$data/documents.html" --repeat 3 | tail -1
echo "== PDF"
$bench speech-text "$data/documents.pdf" --repeat 3 | tail -1
echo "== HTML, 100 MB page (peak RSS)"
$bench speech-text "$data/documents-100mb.html" --repeat 1 | tail -1
