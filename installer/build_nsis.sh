#!/usr/bin/env bash
# Build the Windows installer with makensis (runs on Linux too, Debian package "nsis").
#   installer/build_nsis.sh APP_DIR [OUTFILE]
# APP_DIR is the PyInstaller one-folder "Counter" built ON WINDOWS (PyInstaller does not
# cross-compile); any folder works to prove the script compiles (tests use a tiny fake one).
# OUTFILE defaults to dist/Counter-<version>-setup.exe. Warnings fail the build (-WX).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
APP_DIR="$(cd "${1:?usage: build_nsis.sh APP_DIR [OUTFILE]}" && pwd)"
read -r VERSION VERSION4 < <("${PYTHON:-python3}" - "$ROOT/pyproject.toml" <<'PY'
import re, sys, tomllib
v = tomllib.load(open(sys.argv[1], "rb"))["project"]["version"]
nums = [int(n) for n in re.findall(r"\d+", v)[:4]]
print(v, ".".join(map(str, nums + [0] * (4 - len(nums)))))
PY
)
OUTFILE="${2:-$ROOT/dist/Counter-$VERSION-setup.exe}"
mkdir -p "$(dirname "$OUTFILE")"
OUTFILE="$(cd "$(dirname "$OUTFILE")" && pwd)/$(basename "$OUTFILE")"
makensis -V2 -WX -INPUTCHARSET UTF8 -DAPP_DIR="$APP_DIR" -DVERSION="$VERSION" -DVERSION4="$VERSION4" \
  -DOUTFILE="$OUTFILE" "$ROOT/installer/windows/counter.nsi"
echo "built $OUTFILE ($(du -h "$OUTFILE" | cut -f1))"
