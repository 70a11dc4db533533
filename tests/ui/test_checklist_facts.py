"""The counter's checklist shows what the catalog asks for: 原件 and 复印件 counts, the medium
and the acceptance standard; a material its issuer shares is shown waived, not asked for."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.services.intake.service import IntakeService
from counter_app.services.people.staffing import CatalogEditor
from counter_app.ui.counter.checklist import ChecklistEditor

from ..conftest import Hall


def test_the_checklist_shows_counts_standard_and_a_waived_material(ui_hall: Hall, qtbot) -> None:  # type: ignore[no-untyped-def]
    hall = ui_hall
    editor = CatalogEditor(hall.ctx)
    spec = editor.catalog().item(hall.committed.code)
    mats = list(spec.materials)
    mats[0] = dataclasses.replace(mats[0], form="original_and_copy", copies=1, originals=1,
                                  photocopies=2, standard="复印件须与原件一致，A4 纸")
    mats[1] = dataclasses.replace(mats[1], form="copy", copies=1, originals=None, photocopies=1,
                                  source="issuer", issuer="罗山县公安局", shared=True,
                                  requirement="required", condition=None, condition_key=None)
    editor.save_item(hall.supervisor, dataclasses.replace(spec, materials=tuple(mats)))
    intake = IntakeService(hall.ctx).new_intake(hall.committed.code, "person")
    table = ChecklistEditor()
    qtbot.addWidget(table)
    table.load(intake.materials)
    table.show()
    assert table.item(0, 2).text() == "必需\n原件 1 份、复印件 2 份"
    assert table.item(0, 1).text().endswith("\n标准：复印件须与原件一致，A4 纸")
    assert table.item(1, 3).text() == "不适用" and table.item(1, 2).text() == "免提交（共享）"
    assert "免提交：由罗山县公安局共享提供" in table.item(1, 1).text()
    assert table.next_open_row(0) != 1  # Enter passes over the waived row
    qtbot.keyClick(table, Qt.Key.Key_Space)  # received, with the catalog's form
    assert intake.materials[0].state == "received"
    assert intake.materials[0].form == "original_and_copy"
    shots = Path("/tmp/cat22-shots")
    shots.mkdir(exist_ok=True)
    for w, h in ((1366, 768), (1920, 1080)):
        table.resize(w - 400, h - 300)  # its place on the counter page beside the item
        QApplication.processEvents()
        assert table.grab().save(str(shots / f"checklist-{w}.png"))
