#!/usr/bin/env bash
# Runs the whole test suite (real Tesseract, real Prefect, real SQLite). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest "$@"
