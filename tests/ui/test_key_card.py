"""The key card, docs/KEYS.md and F1 come from one list (ui/keyhelp.py), so they cannot drift:
the card is one page holding every screen's keys, the doc's tables are what the lists make
now, and F1 shows the page's own blocks of the same lists and prints the card (Ctrl+P)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from counter_app.cli.main import main as admin
from counter_app.ui.keycard import BEGIN, CARD_NAME, DOC, END, card_pdf, markdown
from counter_app.ui.keyhelp import KeyHelpDialog, all_sections, sections

from ..conftest import PASSWORD
from .conftest import screenshot
from .winkeys import WindowKeys, sign_in


def _text(pdf: bytes, tmp: Path) -> str:
    """The page's text column by column (the card has three), as one string without spaces."""
    path = tmp / "card.pdf"
    path.write_bytes(pdf)
    width, height = (round(float(v)) for v in PdfReader(path).pages[0].mediabox[2:])
    text = ""
    for i in range(3):
        out = subprocess.run(["pdftotext", "-r", "72", "-x", str(i * width // 3), "-y", "0", "-W",
                              str(width // 3), "-H", str(height), str(path), "-"],
                             capture_output=True, check=True)
        text += out.stdout.decode("utf-8")
    return "".join(text.split())


def test_the_card_is_one_page_with_every_screens_keys(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = card_pdf()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = _text(pdf, tmp_path)
    blocks = all_sections(card=True)
    assert len(blocks) >= 14 and blocks[0][0] == "全局"  # in the hall's language
    for title, keys in blocks:
        assert "".join(title.split()) in text, title
        for key, what in keys:
            assert "".join(what.split()) in text, (title, what)
            assert "".join(key.split())[:6] in text, (title, key)


def test_keys_md_is_what_the_lists_make(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = DOC.read_text(encoding="utf-8")
    block = doc[doc.index(BEGIN):doc.index(END) + len(END)]
    assert block == markdown(qapp), "run: python -m counter_app.ui.keycard --markdown"


def test_f1_lists_the_pages_blocks_and_prints_the_card(window, ui_hall, qtbot, pdf_folder) -> None:  # type: ignore[no-untyped-def]
    kb = WindowKeys(qtbot)
    window.login.user.setFocus()
    sign_in(kb, window, qtbot, "clerk", PASSWORD)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    kb.key(Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # 流转交接
    page = window.current_page()
    assert page.property("pageKey") == "handoff"
    kb.key(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: isinstance(window.help_dialog, KeyHelpDialog))
    dialog = window.help_dialog
    queue = [k for k, _w in window.queue_bar.key_help()] if window.queue_bar is not None else []
    assert dialog.keys() == [k for _title, keys in sections(page) for k, _w in keys] + queue
    assert "Ctrl+A" in dialog.keys() and "Ctrl+Shift+Q" in dialog.keys()
    dialog.resize(900, 640)
    screenshot(dialog, "key-help-handoff")
    kb.ctrl(Qt.Key.Key_P)  # no printer on this PC: the card is saved in the print folder
    qtbot.waitUntil(lambda: dialog.card_output != "", timeout=20000)
    saved = pdf_folder / CARD_NAME
    assert dialog.card_output == str(saved) and str(saved) in dialog.status.text()
    assert len(PdfReader(saved).pages) == 1
    kb.key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.help_dialog is None)


def test_counter_admin_makes_the_card(qapp, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "卡.pdf"
    assert admin(["keycard", "--out", str(out)]) == 0
    assert "已保存" in capsys.readouterr().out
    assert len(PdfReader(out).pages) == 1 and "材料清单" in _text(out.read_bytes(), tmp_path)
    assert admin(["keycard", "--printer", "没有这台"]) == 2
    assert "没有名为“没有这台”的打印机" in capsys.readouterr().err
