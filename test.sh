#!/usr/bin/env bash
# One command: make sure everything is installed, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh --quiet
status=0
.venv/bin/python -m pytest -q -p no:cacheprovider "$@" || status=$?
# pytest exits 5 when it collected no tests: that is a failure here.
if [ "$status" -eq 5 ]; then echo "test.sh: no tests were collected" >&2; exit 1; fi
exit "$status"
