#!/usr/bin/env bash
# Writes Sources/Vocabulary/BuiltInVocabulary.swift from catalog/units.yaml, so the shipped
# vocabulary (units, comparator words, cue words, folding) is compiled into every binary. Run it
# after editing catalog/units.yaml; VocabularyTests fail until you do.
set -euo pipefail
exec bash "$(dirname "$0")/embed-text.sh" scripts/embed-vocabulary.sh catalog/units.yaml \
    Sources/Vocabulary/BuiltInVocabulary.swift BuiltInVocabulary \
    'The shipped vocabulary, compiled in so a binary copied anywhere reads the same words.' \
    'The name errors give the built-in vocabulary.'
