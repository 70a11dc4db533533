"""Translations: every UI string has Chinese; the .qm loads; English switches the UI only.

English is the source language of every UI string (Qt's convention), so the English UI is
complete by construction: only Chinese can be missing, and --check finds that.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.bootstrap import open_database
from counter_app.documents import render
from counter_app.ui.first_run import FirstRunDialog
from counter_app.ui.i18n import install_translator
from counter_app.ui.login import LoginWidget
from counter_app.ui.worker import DbLane
from tests.documents.samples import notice_case

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def language(qapp: QApplication) -> Iterator[object]:
    """Install a language the way counter-app --lang does; undo it afterwards."""
    locale = QLocale()
    installed = []

    def use(lang: str) -> None:
        tr = install_translator(qapp, lang)
        if tr is not None:
            installed.append(tr)

    yield use
    for tr in installed:
        qapp.removeTranslator(tr)
    QLocale.setDefault(locale)


def test_no_ui_string_lacks_chinese() -> None:
    proc = subprocess.run([sys.executable, "scripts/i18n.py", "--check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert "untranslated" not in proc.stdout, proc.stdout
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_qm_loads_and_speaks_chinese(qapp: QApplication, language) -> None:  # type: ignore[no-untyped-def]
    language("zh_CN")
    assert QCoreApplication.translate("LoginWidget", "Log in") == "登录"
    assert QCoreApplication.translate("FirstRunDialog", "Set up this counter PC") == "本机首次设置"
    assert QLocale().language() == QLocale.Language.Chinese


def _dialog_title(qtbot: QtBot, folder: Path) -> str:
    lane = DbLane()
    dlg = FirstRunDialog(lane, lambda: open_database(folder))
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.save.isEnabled(), timeout=30_000)
    lane.stop()
    if dlg.db is not None:
        dlg.db.dispose()
    return dlg.windowTitle()


@pytest.mark.parametrize("lang, login, title", [
    ("en", "Log in", "Set up this counter PC"),
    ("zh_CN", "登录", "本机首次设置"),
])  # fmt: skip
def test_language_switch_changes_the_ui_not_the_documents(
    qtbot: QtBot, tmp_path: Path, language, lang: str, login: str, title: str  # type: ignore[no-untyped-def]
) -> None:
    language(lang)
    widget = LoginWidget()
    qtbot.addWidget(widget)
    assert widget.button.text() == login
    assert _dialog_title(qtbot, tmp_path / "data") == title
    pdf = render("one_time_notice", notice_case(), layout="a4")
    (tmp_path / "notice.pdf").write_bytes(pdf)
    text = PdfReader(tmp_path / "notice.pdf").pages[0].extract_text()
    assert "一次性告知单" in text and "补正" in text  # a legal document is Chinese in any UI language
