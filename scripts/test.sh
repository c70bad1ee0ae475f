#!/usr/bin/env bash
# Runs the whole test suite (real Tesseract, real Prefect, real SQLite) on every core: a file's tests stay on one
# worker so its expensive module fixtures (the golden grids) are built once. Extra arguments go to pytest
# (`-n 0` runs it in one process, e.g. to debug).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest -n auto --dist loadfile "$@"
