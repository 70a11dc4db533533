#!/usr/bin/env bash
# Install everything Counter needs on a Debian/Ubuntu machine into ./.venv.
#   scripts/install.sh          the app (Qt runtime libraries + Python packages)
#   scripts/install.sh --test   plus what the tests need (poppler, CUPS with cups-pdf, NSIS,
#                               PostgreSQL server)
#   scripts/install.sh --build  the app plus PyInstaller (installer/build_linux.sh)
# Python packages come only from requirements/*.lock, hash-checked (scripts/lock.sh writes them).
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
lock=requirements/app.lock
case "${1:-}" in
  --test) want_test=1; lock=requirements/test.lock ;;
  --build) lock=requirements/build.lock ;;
  "") ;;
  *) echo "usage: scripts/install.sh [--test|--build]" >&2; exit 2 ;;
esac

SUDO=""
if [ "$(id -u)" != "0" ]; then
  command -v sudo >/dev/null 2>&1 && SUDO="sudo"
fi

# Qt's xcb/offscreen platforms need these shared libraries on a bare Debian.
pkgs=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
      libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
      fonts-hanazono)  # Hanazono Mincho: prints names with CJK Extension B-F characters
if [ "$want_test" = 1 ]; then
  # pdftoppm/pdffonts/pdftotext prove the printed documents; cups + cups-pdf give the
  # print tests a real spooler (they start their own cupsd); makensis builds the Windows
  # installer; the sync tests start their own PostgreSQL 15.
  pkgs+=(poppler-utils nsis cups printer-driver-cups-pdf)
  [ -x /usr/lib/postgresql/15/bin/initdb ] || pkgs+=(postgresql-15)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Please install: ${missing[*]}" >&2
  fi
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# Everything pinned and hash-checked (pip, setuptools and wheel too); then the project itself,
# built by those pinned setuptools (no isolated build that would fetch unpinned ones), its
# dependencies already there.
# PySide6-Pdf (6.12) ships the same QtPdf files as PySide6-Addons 6.11: remove it first, or its
# uninstall later would take Addons' copies with it.
if .venv/bin/python -m pip show -q PySide6-Pdf >/dev/null 2>&1; then
  .venv/bin/python -m pip uninstall -q -y PySide6-Pdf
fi
.venv/bin/python -m pip install -q --require-hashes -r "$lock"
# setuptools warns in English that a same-named folder may shadow the package: here the
# package is that folder, so the warning says nothing to whoever installs.
PYTHONWARNINGS="ignore:Editable installation" \
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
