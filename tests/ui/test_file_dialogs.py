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
