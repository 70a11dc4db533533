#!/usr/bin/env bash
# Fresh machine → every test run: installs the test needs, then runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check counter_app tests bench scripts
.venv/bin/mypy  # [tool.mypy] in pyproject.toml: counter_app
# The whole run must fit CI's 90 minutes, install included.
exec timeout 80m .venv/bin/python -m pytest -p no:cacheprovider "$@"
