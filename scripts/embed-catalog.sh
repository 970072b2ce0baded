#!/usr/bin/env bash
# Writes Sources/Normalize/BuiltInCatalog.swift from catalog/indicators.yaml, so the shipped catalog
# is compiled into every binary. Run it after editing the catalog; NormalizeTests fail until you do.
set -euo pipefail
exec bash "$(dirname "$0")/embed-text.sh" scripts/embed-catalog.sh catalog/indicators.yaml \
    Sources/Normalize/BuiltInCatalog.swift BuiltInCatalog \
    'The shipped indicator catalog, compiled in so a binary copied anywhere checks goals.' \
    'The name errors and `yardstick doctor` give the built-in catalog.'
