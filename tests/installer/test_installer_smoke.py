"""counter-app --smoke from the source tree (the frozen build runs it in test_installer_frozen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app import smoke

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_passes_and_leaves_the_notice(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "counter_app.app", "--smoke", "--data-dir", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("自检通过：事项 "), proc.stdout
    assert (tmp_path / smoke.PDF_NAME).read_bytes().startswith(b"%PDF-")


def test_smoke_fails_loudly_without_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COUNTER_RESOURCES", str(tmp_path / "nothing"))
    assert smoke.run(str(tmp_path / "data")) == 1
    err = capsys.readouterr().err
    assert err.startswith("自检失败（数据库、事项目录与告知单）：") and "luoshan.yaml" in err


def test_barcode_check_rejects_a_wrong_module_string(monkeypatch: pytest.MonkeyPatch) -> None:
    smoke._check_barcode("41152126112710100001")
    monkeypatch.setattr("counter_app.documents.barcodes.code128_modules", lambda data: "1101")
    with pytest.raises(smoke.SmokeFailure, match="模块串不对"):
        smoke._check_barcode("41152126112710100001")


def test_setup_and_smoke_modules_load_no_qt() -> None:
    code = ("import sys, counter_app.setup_file, counter_app.smoke, counter_app.cli.commands_setup\n"
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=120).returncode == 0
