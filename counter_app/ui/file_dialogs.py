"""File dialogs that speak the interface's language and open in a sensible folder.

PySide6-Essentials ships no ``qtbase_zh_CN.qm`` (its ``qt_zh_CN.qm`` only points to it), so
Qt's own file dialog showed "Look in:" and "Files of type:" in a Chinese interface. Qt's own
strings are translated in ``resources/i18n/zh_CN/qt.json`` (built into the app's .qm by
scripts/i18n.py), and the dialogs here are Qt's own widget dialog, the same on every PC, so
those translations always apply. They open in the folder last used for the same purpose, else
the user's Documents folder, never the program's working folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFileSystemModel,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)
from shiboken6 import isValid

from .prefs import ui_settings

LAST_DIR_KEY = "files/last_dir/%s"


def documents_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(docs) if docs else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(purpose: str) -> Path:
    remembered = str(ui_settings().value(LAST_DIR_KEY % purpose, "") or "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember(purpose: str, path: str) -> None:
    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    ui_settings().setValue(LAST_DIR_KEY % purpose, str(folder))


def make_dialog(parent: QWidget | None, title: str, purpose: str, name_filter: str = "",
                file_name: str = "", save: bool = False, folder: bool = False) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start_folder(purpose)), name_filter)
    dialog.setObjectName(f"fileDialog_{purpose}")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if folder:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    elif save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if file_name:
            dialog.selectFile(file_name)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.resize(900, 560)
    split = dialog.findChild(QSplitter, "splitter")
    if split is not None:  # the places on the left readable ("计算机", not "计…")
        split.setSizes([170, 730])
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:  # name wide, size, type and date whole ("64…IB" and "P…档" were cut)
        for col, width in ((0, 300), (1, 90), (2, 110), (3, 150)):
            tree.header().resizeSection(col, width)
        tree.setItemDelegateForColumn(3, _DateDelegate(tree))
    return dialog


class _DateDelegate(QStyledItemDelegate):
    """The modified date as 2026-12-06 07:57: the model's own short format printed "6 12 2026"
    in a Chinese interface (issue 15, finding 9)."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        model = index.model()
        if isinstance(model, QFileSystemModel):
            when = model.lastModified(index)
            if when.isValid():
                option.text = when.toString("yyyy-MM-dd HH:mm")


def _run(dialog: QFileDialog, purpose: str) -> str:
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    path = dialog.selectedFiles()[0]
    remember(purpose, path)
    return path


def ask_save(parent: QWidget | None, title: str, purpose: str, file_name: str, name_filter: str) -> str:
    return _run(make_dialog(parent, title, purpose, name_filter, file_name, save=True), purpose)


def ask_save_then(parent: QWidget | None, title: str, purpose: str, file_name: str,
                  name_filter: str, then: Callable[[str], None]) -> QFileDialog:
    """``ask_save`` without a nested event loop: the dialog opens (window-modal) and the key
    that asked returns at once; ``then(path)`` runs when a file is chosen."""
    dialog = make_dialog(parent, title, purpose, name_filter, file_name, save=True)

    def chosen() -> None:
        files = dialog.selectedFiles()
        if files:
            remember(purpose, files[0])
            then(files[0])
    focus = QApplication.focusWidget()

    def back() -> None:  # the keys return to where they were (no window manager may do it)
        if focus is not None and isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.PopupFocusReason)
    dialog.accepted.connect(chosen)
    dialog.finished.connect(back)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def ask_open(parent: QWidget | None, title: str, purpose: str, name_filter: str) -> str:
    return _run(make_dialog(parent, title, purpose, name_filter), purpose)


def ask_folder(parent: QWidget | None, title: str, purpose: str, current: str = "") -> str:
    dialog = make_dialog(parent, title, purpose, folder=True)
    if current and Path(current).is_dir():
        dialog.setDirectory(current)
    return _run(dialog, purpose)
