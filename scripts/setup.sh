#!/usr/bin/env bash
# Installs the system packages yardstick builds and tests with (Debian/Ubuntu; run as root).
#   libcurl4-openssl-dev, libxml2-dev, libsqlite3-dev, zlib1g-dev: the C libraries it links
#   libxml2-utils (xmllint): the XML benchmark's baseline
#   python3: external-adapter examples and the tests' local HTTP server
#   systemd: `systemd-analyze verify` of the generated units
#   chromium, fonts-noto-cjk: the headless check of the HTML scorecard and the PDFs the speech-text tests print
#   poppler-utils (pdftotext): the speech-text adapter reads PDFs through it
set -euo pipefail
packages=(libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev libxml2-utils python3 systemd chromium fonts-noto-cjk poppler-utils)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all system packages present"
    exit 0
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
