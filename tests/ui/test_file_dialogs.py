"""File dialogs in Chinese and in a sensible folder (issue 15, finding 9). PySide6-Essentials
ships no qtbase_zh_CN.qm: Qt's own strings come from resources/i18n/zh_CN/qt.json."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QHeaderView, QLabel, QPushButton, QTreeView

from counter_app.ui.file_dialogs import make_dialog, remember, start_folder

from .conftest import screenshot


def test_the_file_dialog_speaks_chinese_and_opens_in_documents(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    assert QCoreApplication.translate("QFileSystemModel", "Type", "All other platforms") == "类型"
    dialog = make_dialog(None, "导出通报", "bulletin-test", "PDF (*.pdf)", "每日通报.pdf", save=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileNameLabel"] == "文件名(&N)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    buttons = {b.text() for b in dialog.findChildren(QPushButton)}
    assert {"保存(&S)", "取消"} <= buttons
    tree = dialog.findChild(QTreeView, "treeView")
    header: QHeaderView = tree.header()
    titles = [tree.model().headerData(i, header.orientation()) for i in range(4)]
    assert titles == ["名称", "大小", "类型", "修改日期"]
    assert Path(dialog.directory().absolutePath()) == start_folder("bulletin-test")
    assert Path(dialog.directory().absolutePath()) != Path(os.getcwd())  # not the program's folder
    screenshot(dialog, "file-dialog-export")
    dialog.close()
    remember("bulletin-test", str(tmp_path / "通报.pdf"))  # the folder last used comes back
    again = make_dialog(None, "导出通报", "bulletin-test", "PDF (*.pdf)", save=True)
    qtbot.addWidget(again)
    assert Path(again.directory().absolutePath()) == tmp_path


def test_the_dates_read_as_dates_and_no_column_is_cut(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The model's short date printed "6 12 2026" in Chinese; size and type were "64…IB", "P…档"."""
    import re

    from PySide6.QtWidgets import QFileSystemModel, QStyleOptionViewItem

    (tmp_path / "通报.pdf").write_bytes(b"%PDF-1.4 " * 8000)
    remember("dates-test", str(tmp_path / "x.pdf"))
    dialog = make_dialog(None, "导出通报", "dates-test", "PDF (*.pdf)", save=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.findChild(QTreeView, "treeView")
    model = tree.model()
    assert isinstance(model, QFileSystemModel)
    qtbot.waitUntil(lambda: model.index(str(tmp_path / "通报.pdf")).isValid()
                    and model.rowCount(model.index(str(tmp_path))) == 1, timeout=5000)
    row = model.index(str(tmp_path / "通报.pdf"))
    option = QStyleOptionViewItem()
    tree.itemDelegateForColumn(3).initStyleOption(option, row.siblingAtColumn(3))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", option.text), option.text
    fm = tree.fontMetrics()
    for col in (1, 2):
        text = model.data(row.siblingAtColumn(col))
        assert fm.horizontalAdvance(text) + 12 <= tree.header().sectionSize(col), (col, text)
    screenshot(dialog, "file-dialog-dates")
    dialog.close()
