#!/usr/bin/env bash
# Install everything drafter needs on Debian + Python 3.11, idempotently:
# system packages (Voikko and its Finnish dictionary, LibreOffice for PDF
# conversion tests, Chromium for HTML report tests, pandoc for benchmarks) and
# a virtual environment in .venv with drafter and its test tools.
# Re-running it is cheap: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
quiet=${1:-}

say() { [ "$quiet" = "--quiet" ] || echo "drafter setup: $*" >&2; }

apt_packages=(libvoikko1 voikko-fi libreoffice-writer-nogui chromium pandoc fonts-dejavu-core)
missing=()
for pkg in "${apt_packages[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    say "installing system packages: ${missing[*]}"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    say "creating .venv"
    "$python" -m venv .venv
fi

# Reinstall only when the project's metadata changed since the last install.
stamp=.venv/.drafter-installed
digest=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    say "installing drafter and its Python dependencies into .venv"
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip setuptools wheel >/dev/null
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
    echo "$digest" > "$stamp"
fi
