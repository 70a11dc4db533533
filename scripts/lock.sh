#!/usr/bin/env bash
# Regenerates requirements/*.lock from pyproject.toml (and requirements/install-tools.in).
# Every install reads a lock with `pip install --require-hashes`, so a dependency (ruff, pytest,
# PySide6...) only changes when someone runs this and commits the result.
#   app.lock    the app:                       pyproject [project.dependencies]
#   test.lock   the app + test + build extras  (scripts/install.sh --test; the frozen-app test)
#   build.lock  the app + build extra          (installer/build_linux.sh, build_windows.ps1)
# One universal resolution per lock (Linux, Windows, macOS markers) for Python 3.11, the version
# the Windows build pins; each pin carries the hashes of all its files on PyPI, so the same lock
# installs on Linux x86_64 and Windows amd64.
#   scripts/lock.sh                  keep the current pins where still allowed
#   scripts/lock.sh --upgrade        move everything to the newest allowed versions
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
if [ "$(.venv/bin/python -m uv --version 2>/dev/null | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  .venv/bin/python -m pip install -q "uv==$UV_VERSION"
fi

compile() {  # compile OUT [--extra NAME]...
  local out=$1; shift
  .venv/bin/python -m uv pip compile -q pyproject.toml requirements/install-tools.in "$@" \
    --universal --python-version 3.11 --generate-hashes \
    --custom-compile-command "scripts/lock.sh" ${UPGRADE:+--upgrade} -o "$out"
}
UPGRADE=""
[ "${1:-}" = "--upgrade" ] && UPGRADE=1
compile requirements/app.lock
compile requirements/test.lock --extra test --extra build
compile requirements/build.lock --extra build
echo "locks written: requirements/{app,test,build}.lock"
