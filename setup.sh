#!/usr/bin/env bash
# One command: install everything, then check the bundled Finnish sample draft.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh
mkdir -p out
# The sample draft has deliberate faults, so check exits 1: that is the point.
.venv/bin/drafter check corpus/samples/toimintaohjelma-luonnos.docx \
    --html out/sample-report.html --annotate out/sample-annotated.docx || [ $? -eq 1 ]
echo "Reports: out/sample-report.html, out/sample-annotated.docx" >&2
