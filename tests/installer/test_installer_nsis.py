"""The NSIS script compiles (makensis runs on Linux) and its uninstaller keeps user data."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "installer" / "windows" / "counter.nsi"


def test_installer_compiles_against_a_tiny_fake_app(tmp_path: Path) -> None:
    if shutil.which("makensis") is None:
        pytest.fail("makensis is missing: apt-get install nsis (scripts/install.sh --test does it)")
    app = tmp_path / "Counter"
    (app / "_internal").mkdir(parents=True)
    (app / "counter-app.exe").write_bytes(b"MZ fake")
    (app / "counter-admin.exe").write_bytes(b"MZ fake")
    (app / "_internal" / "data.txt").write_text("x")
    out = tmp_path / "out" / "Counter-setup.exe"
    proc = subprocess.run(["bash", str(ROOT / "installer" / "build_nsis.sh"), str(app), str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # -WX: a warning fails too
    data = out.read_bytes()
    assert data[:2] == b"MZ" and b"Nullsoft" in data
    assert len(data) < 1_000_000


def test_script_declares_what_a_hall_pc_needs() -> None:
    text = NSI.read_text(encoding="utf-8-sig")
    for needle in ("Unicode true", "RequestExecutionLevel admin", "$PROGRAMFILES64", "SetShellVarContext all",
                   '!insertmacro MUI_LANGUAGE "SimpChinese"', "CreateShortcut \"$DESKTOP\\",
                   "CreateShortcut \"${SM_FOLDER}\\", "VIProductVersion", "WriteUninstaller"):
        assert needle in text, needle


def test_uninstaller_never_deletes_the_data_folder() -> None:
    text = NSI.read_text(encoding="utf-8-sig")
    section = text[text.index('Section "Uninstall"'):]
    section = section[:section.index("SectionEnd")]
    recursive = re.findall(r'RMDir\s+/r\s+"([^"]+)"', section)
    assert recursive == ["$INSTDIR\\_internal"]  # only the program's own folder, recursively
    for line in section.splitlines():
        if line.strip().startswith(("Delete", "RMDir")):
            assert not re.search(r"APPDATA|LuoshanHall|PROFILE|DOCUMENTS|\*", line), line
