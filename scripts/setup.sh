#!/usr/bin/env bash
# Installs the system packages yardstick builds and tests with (Debian/Ubuntu; as root, or through
# sudo when run as another user). Idempotent: does nothing when every package is present.
#   libcurl4-openssl-dev, libxml2-dev, libsqlite3-dev, zlib1g-dev, libyaml-dev: the C libraries it links
#   iproute2 (ip): the redirect tests' network namespace (with util-linux's unshare)
#   libxml2-utils (xmllint): the XML benchmark's baseline
#   python3: external-adapter examples and the tests' local HTTP server
#   systemd: `systemd-analyze verify` of the generated units
#   chromium, fonts-noto-cjk: the headless check of the HTML scorecard and the PDFs the speech-text tests print
#   poppler-utils (pdftotext): the speech-text adapter reads PDFs through it
#   curl, wrk: the serve tests' HTTP client and the serve load benchmark (scripts/bench-serve.sh)
#   postgresql: the server the PostgreSQL store's tests and the nightly benchmark run against (a
#     throwaway cluster per run: scripts/pg-test-cluster.sh)
set -euo pipefail
packages=(libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev libyaml-dev iproute2 libxml2-utils python3 systemd chromium fonts-noto-cjk poppler-utils curl wrk postgresql)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all system packages present"
    exit 0
fi
echo "setup: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
        sudo=(sudo)
    else
        echo "setup: run as root to install: apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
