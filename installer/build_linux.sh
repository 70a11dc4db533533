#!/usr/bin/env bash
# Linux build: PyInstaller one-folder "Counter" plus a tarball with the .desktop file, the
# icon and an install script. Run from anywhere; output goes to dist/:
#   dist/Counter/                                   the one-folder program
#   dist/counter-<version>-linux-<arch>.tar.gz      what you ship
# Installs the app and PyInstaller into .venv from requirements/build.lock, hash-checked
# (scripts/install.sh --build); SKIP_INSTALL=1 builds with the .venv as it is.
# The frozen program is smoke-tested offscreen before it is packed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
[ "${SKIP_INSTALL:-0}" = 1 ] || scripts/install.sh --build
PY=.venv/bin/python
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
ARCH=$(uname -m)
DIST=${DIST:-$ROOT/dist}
WORK=${WORK:-$ROOT/build/pyinstaller}

"$PY" scripts/i18n.py   # fresh .qm from the translation JSON
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" installer/counter.spec
QT_QPA_PLATFORM=offscreen "$DIST/Counter/counter-app" --smoke

STAGE="$WORK/stage/counter-$VERSION"
rm -rf "$WORK/stage" && mkdir -p "$STAGE"
cp -a "$DIST/Counter" "$STAGE/Counter"
cp installer/linux/counter-app.desktop installer/linux/install.sh "$STAGE/"
cp resources/icons/counter-512.png "$STAGE/counter-app.png"
cp installer/setup-example.yaml "$STAGE/"
TARBALL="$DIST/counter-$VERSION-linux-$ARCH.tar.gz"
tar -C "$WORK/stage" -czf "$TARBALL" "counter-$VERSION"
echo "built $TARBALL ($(du -h "$TARBALL" | cut -f1); folder $(du -sh "$DIST/Counter" | cut -f1))"
