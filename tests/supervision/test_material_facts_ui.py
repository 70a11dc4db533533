"""The catalog editor carries a material's counts, 来源渠道, medium and acceptance standard;
a count typed wrong is refused in Chinese naming the row and column (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

from counter_app.services.people.staffing import CatalogEditor
from counter_app.ui.fonts import install_app_font
from counter_app.ui.i18n import install_translator
from counter_app.ui.supervision.catalog_editor import MATERIAL_COLUMNS
from counter_app.ui.supervision.page import build as build_supervision

from ..conftest import Hall
from ..ui.keys import send_text


@pytest.fixture(scope="module", autouse=True)
def chinese(qapp: QApplication) -> Iterator[None]:
    install_app_font(qapp)
    translator = install_translator(qapp, "zh_CN")
    yield
    if translator is not None:
        qapp.removeTranslator(translator)


def _type_into(ed, qtbot, row: int, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into a material cell by keys, as a supervisor would: type over it, Enter."""
    table = ed.materials
    table.setFocus()
    table.setCurrentCell(row, MATERIAL_COLUMNS.index(name))
    send_text(table, text[0])  # typing on a cell starts editing it, replacing its text
    (editor,) = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    send_text(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    QApplication.processEvents()  # the closed editor goes before the next one opens


def test_the_editor_saves_the_facts_and_refuses_a_bad_count(  # type: ignore[no-untyped-def]
    hall: Hall, app_services, qtbot, tmp_path: Path
) -> None:
    page = build_supervision(app_services, hall.supervisor)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    ed = page.catalog
    page.setCurrentWidget(ed)
    qtbot.waitUntil(lambda: ed.items.count() > 50, timeout=10000)
    ed.select(hall.committed.code)
    headers = [ed.materials.horizontalHeaderItem(c).text() for c in range(len(MATERIAL_COLUMNS))]
    new = {"原件份数", "复印件份数", "来源渠道", "核发部门", "共享免提交", "载体", "受理标准"}
    assert new <= set(headers)
    _type_into(ed, qtbot, 0, "originals", "两")
    qtbot.mouseClick(ed.findChild(QWidget, "catalogSave"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "材料第 1 行「原件份数」应为整数，实为“两”" in ed.message.text(),
                    timeout=10000)
    first = CatalogEditor(hall.ctx).catalog().item(hall.committed.code).materials[0]
    assert first.originals is None  # nothing saved
    form = {"original": "1", "copy": "0", "original_and_copy": "1", "original_for_check": "1"}
    _type_into(ed, qtbot, 0, "originals", form[first.form])
    if first.form in ("copy", "original_and_copy"):
        _type_into(ed, qtbot, 0, "photocopies", "2")
    _type_into(ed, qtbot, 0, "standard", "须由申请人本人签字")
    _type_into(ed, qtbot, 0, "medium", "纸质或电子")
    qtbot.mouseClick(ed.findChild(QWidget, "catalogSave"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "第 2 版" in ed.message.text(), timeout=10000)
    saved = CatalogEditor(hall.ctx).catalog().item(hall.committed.code).materials[0]
    assert saved.standard == "须由申请人本人签字" and saved.medium == "either"
    assert saved.originals == int(form[first.form])
    shots = Path("/tmp/cat22-shots")
    shots.mkdir(exist_ok=True)
    for w, h in ((1366, 768), (1920, 1080)):
        page.resize(w, h)
        QApplication.processEvents()
        assert page.grab().save(str(shots / f"catalog-editor-{w}.png"))
