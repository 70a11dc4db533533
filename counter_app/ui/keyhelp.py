"""Every key of every screen, in one place: F1, the hint lines, the key card and docs/KEYS.md.

The lists below are the only source. A page's F1 shows its screen's lists (``sections``) and
the keys that work everywhere; the grey hint lines at the bottom of the counter, handoff,
approver and issuing screens are the first entries of the same lists; the printable key card
(``keycard.py``, F1 then Ctrl+P, or ``counter-admin keycard``) and the tables in
``docs/KEYS.md`` (``python -m counter_app.ui.keycard --markdown``; a test keeps them equal)
are made from ``SCREENS``. So a key added to a screen is added here, and everywhere follows.

Each list keeps the translation context of the page it describes (its Chinese is in the
page's area file). The dialog closes with Esc, Enter or F1 again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate  # lupdate extracts translate("KeyHelp", "...")

KeyList = Sequence[tuple[str, str]]


def window_keys() -> list[tuple[str, str]]:
    """Keys of the main window, on every page."""
    return [
        ("F1", translate("KeyHelp", "This list of keys")),
        ("Ctrl+Tab / Ctrl+Shift+Tab", translate("KeyHelp", "Next / previous page")),
        ("Alt+1 … Alt+9", translate("KeyHelp", "Go to page 1 … 9 (numbered on the tabs)")),
        ("Ctrl+Shift+Q", translate("KeyHelp", "Switch user: sign out and hand the PC to a colleague "
                                               "(an unfinished intake is kept for you)")),
        ("Ctrl+Shift+L", translate("KeyHelp", "Lock the screen now")),
    ]


def login_keys() -> list[tuple[str, str]]:
    return [
        ("Enter", translate("KeyHelp", "User name → password → sign in")),
        ("Shift+Tab", translate("KeyHelp", "Lock screen: back to the user name, to sign in as "
                                            "someone else")),
        ("Ctrl+Shift+Q", translate("KeyHelp", "Lock screen: sign the locked user out")),
    ]


def counter_keys() -> list[tuple[str, str]]:
    return [
        ("F2", translate("CounterPage", "new intake")),
        ("F3", translate("CounterPage", "item search")),
        ("F4", translate("CounterPage", "case number / notice")),
        ("Ctrl+L", translate("CounterPage", "checklist")),
        ("Ctrl+O", translate("CounterPage", "person / organisation")),
        ("Ctrl+G", translate("CounterPage", "agent")),
        ("F5", translate("CounterPage", "accept (resumed case: record the supplement)")),
        ("F6", translate("CounterPage", "one-time notice")),
        ("F7", translate("CounterPage", "not accept")),
        ("F8", translate("CounterPage", "finish on the spot")),
        ("Enter", translate("CounterPage", "next field")),
        ("Esc", translate("CounterPage", "back")),
    ]


def checklist_keys() -> list[tuple[str, str]]:
    """The checklist's keys, for its hint line and for F1."""
    return [
        (translate("ChecklistEditor", "Space"), translate("ChecklistEditor", "received")),
        ("M", translate("ChecklistEditor", "missing")),
        ("D", translate("ChecklistEditor", "defective (why)")),
        ("N", translate("ChecklistEditor", "not applicable")),
        ("F", translate("ChecklistEditor", "original / copy")),
        ("+ −", translate("ChecklistEditor", "copies")),
        ("0-9", translate("ChecklistEditor", "pages")),
        (translate("ChecklistEditor", "Enter"), translate("ChecklistEditor", "next")),
    ]


def handoff_keys() -> list[tuple[str, str]]:
    return [
        (translate("HandoffPage", "Space"), translate("HandoffPage", "tick / untick the file")),
        ("Ctrl+A",
         translate("HandoffPage", "tick all")), ("Ctrl+Shift+A", translate("HandoffPage", "untick all")),
        ("F9 / Ctrl+Enter", translate("HandoffPage", "make the sheets and print")),
        ("F5",
         translate("HandoffPage", "refresh")), ("Tab", translate("HandoffPage", "to the buttons and lists")),
        (translate("HandoffPage", "Up / Down"), translate("HandoffPage", "move in the table or list")),
        ("Ctrl+P", translate("HandoffPage", "reprint the sheet selected in the list")),
    ]


def approver_keys() -> list[tuple[str, str]]:
    return [
        ("F4", translate("ApproverDesk", "number field (or scan anywhere)")),
        ("F2", translate("ApproverDesk", "batches waiting to be signed")),
        ("F3", translate("ApproverDesk", "cases signed, to decide")),
        ("Enter", translate("ApproverDesk", "open the batch or case under the cursor")),
        ("F5", translate("ApproverDesk", "batch: sign for it · case: approve")),
        ("F6", translate("ApproverDesk", "case: return to the front desk")),
        ("F7", translate("ApproverDesk", "case: deny")),
        (translate("ApproverDesk", "Space"), translate("ApproverDesk", "batch: tick “In folder”")),
        ("D", translate("ApproverDesk", "batch: record a discrepancy")),
        ("Esc", translate("ApproverDesk", "back")),
        ("Ctrl+Enter", translate("ApproverDesk", "forms: confirm")),
    ]


def issue_keys() -> list[tuple[str, str]]:
    return [
        ("F4", translate("IssuePage", "case number (or scan the notice)")),
        ("Ctrl+1/2/3", translate("IssuePage", "in person / agent / post")),
        ("Enter", translate("IssuePage", "next field; on the last one: issue")),
        ("F5", translate("IssuePage", "issue and print")),
        ("F2", translate("IssuePage", "results waiting (Enter loads)")),
        ("F9", translate("IssuePage", "the applicant rates the case just issued")),
    ]


def cases_keys() -> list[tuple[str, str]]:
    return [
        ("Ctrl+F", translate("KeyHelp", "Search: case number, name or ID number, then Enter")),
        ("Ctrl+1/2/3", translate("KeyHelp", "Today / awaiting the applicant / search results")),
        ("F5", translate("KeyHelp", "Refresh")),
        ("F7", translate("KeyHelp", "Search the hall service for cases this PC does not hold "
                                    "(the look is logged)")),
        ("Enter", translate("KeyHelp", "On a case: reopen it at the counter (clerks)")),
    ]


def queue_keys() -> list[tuple[str, str]]:
    """The window's queue keys (ui/queue/window_bar.py), on every page of a clerk's window."""
    return [
        ("Ctrl+F10", translate("QueueBar", "Open or close this window for calls")),
        ("F10", translate("QueueBar", "Call the next ticket (the one served is finished)")),
        ("F11", translate("QueueBar", "Call the same ticket again")),
        ("F12", translate("QueueBar", "The applicant is not present (过号)")),
        ("Shift+F11", translate("QueueBar", "Transfer the ticket to another window or group")),
        ("Shift+F10", translate("QueueBar", "Finish the ticket without calling the next")),
    ]


def guide_keys() -> list[tuple[str, str]]:
    """The help desk's ticket screen (ui/queue/guide_page.py)."""
    return [
        ("F3", translate("GuidePage", "Item search: type, ↑/↓ choose, Enter issues the ticket")),
        ("F2", translate("GuidePage", "Window groups: ↑/↓ choose, Enter issues the ticket")),
        ("F6", translate("GuidePage", "Priority and its reason (Enter in the reason issues)")),
        ("Ctrl+P", translate("GuidePage", "Print the last ticket again")),
        ("F5", translate("GuidePage", "Refresh people waiting")),
        ("F11", translate("GuidePage", "Open the hall display (second screen)")),
    ]


def consult_keys() -> list[tuple[str, str]]:
    return [
        ("Tab", translate("KeyHelp", "Item → question → case number")),
        ("F5 / F6 / F7 / F8", translate("KeyHelp", "Log it: answered / materials pre-checked / "
                                                   "sent to a window / helped fill in the form")),
        ("Ctrl+R", translate("KeyHelp", "The rating box: a case number, then Enter shows the rating screen")),
    ]


def rating_keys() -> list[tuple[str, str]]:
    return [
        ("5 4 3 2 1", translate("KeyHelp", "The applicant's keypad: very satisfied … very dissatisfied")),
        ("Esc", translate("KeyHelp", "Close without a rating")),
    ]


def supervision_keys() -> list[tuple[str, str]]:
    return [
        ("Ctrl+1 … Ctrl+9, Ctrl+0",
         translate("KeyHelp", "Bulletin, deadlines, complaints, ratings, staff, catalog, holidays, "
                              "personal data, audit, hall seal")),
        ("F2", translate("KeyHelp", "Bulletin: daily / weekly / monthly (Up / Down)")),
        ("F3", translate("KeyHelp", "Bulletin: the date (Up / Down, or type it)")),
        ("F5", translate("KeyHelp", "Bulletin: refresh")),
        ("F6 / Shift+F6", translate("KeyHelp", "Bulletin: next / previous table, to read it")),
        ("Ctrl+S / Ctrl+Shift+S",
         translate("KeyHelp", "Bulletin: save as PDF / Excel (Enter in the dialog saves)")),
    ]


def catalog_keys() -> list[tuple[str, str]]:
    return [
        ("Alt+F, Enter",
         translate("KeyHelp", "Catalog: filter the items, Enter to the list (Up / Down picks)")),
        ("Alt+M", translate("KeyHelp", "Catalog: the materials (arrows move, F2 edits a cell, "
                                       "Tab leaves); Alt+A / Alt+R add / remove one")),
        ("Alt+S / Alt+N",
         translate("KeyHelp", "Catalog: save as a new version / a new item")),
    ]


def settings_keys() -> list[tuple[str, str]]:
    return [
        ("Tab / Shift+Tab", translate("KeyHelp", "From field to field")),
        (translate("KeyHelp", "Space"), translate("KeyHelp", "Press the button or tick the box")),
        ("F5", translate("KeyHelp", "Hall service: sync now")),
    ]


def home_keys() -> list[tuple[str, str]]:
    return [("Tab", translate("Home", "Switch user / lock buttons")),
            (translate("Home", "Space"), translate("Home", "Press the focused button"))]


def preview_keys() -> list[tuple[str, str]]:
    return [
        ("Ctrl+P", translate("KeyHelp", "Print (no printer: save the PDF)")),
        ("Ctrl+S", translate("KeyHelp", "Save the PDF")),
        ("Esc", translate("KeyHelp", "Close")),
    ]


def form_keys() -> list[tuple[str, str]]:
    return [
        ("Enter", translate("KeyHelp", "Next field; on the last one: OK")),
        ("Ctrl+Enter", translate("KeyHelp", "OK from a field of several lines")),
        ("Esc", translate("KeyHelp", "Cancel")),
        ("1-9", translate("KeyHelp", "Pick a listed reason (defect, not accepted)")),
    ]


@dataclass(frozen=True)
class Screen:
    """One block of the key card and of docs/KEYS.md; ``page``: the page whose F1 shows it;
    ``on_card``: on the counter's one-page card (full at 8 pt: the queue's blocks are on F1
    and in docs/KEYS.md)."""

    title: Callable[[], str]
    keys: Callable[[], list[tuple[str, str]]]
    page: str = ""
    on_card: bool = True


def _page_title(key: str) -> Callable[[], str]:
    def title() -> str:
        from .pages import PAGES

        return next(p.title() for p in PAGES if p.key == key)
    return title


SCREENS: list[Screen] = [
    Screen(lambda: translate("KeyHelp", "Everywhere"), window_keys),
    Screen(lambda: translate("KeyHelp", "Sign in / lock screen"), login_keys),
    Screen(_page_title("counter"), counter_keys, "counter"),
    Screen(lambda: translate("KeyHelp", "Checklist"), checklist_keys, "counter"),
    Screen(_page_title("cases"), cases_keys, "cases"),
    Screen(_page_title("handoff"), handoff_keys, "handoff"),
    Screen(_page_title("approver"), approver_keys, "approver"),
    Screen(_page_title("issue"), issue_keys, "issue"),
    Screen(lambda: translate("KeyHelp", "Rating screen (faces the applicant)"), rating_keys, "issue"),
    # The queue bar's buttons name their keys; its block is on F1 and in docs/KEYS.md.
    Screen(lambda: translate("KeyHelp", "Queue (every page of a clerk)"), queue_keys, on_card=False),
    Screen(_page_title("queue"), guide_keys, "queue", on_card=False),
    Screen(_page_title("consult"), consult_keys, "consult"),
    Screen(_page_title("supervision"), supervision_keys, "supervision"),
    # The catalog editor's buttons show their Alt keys; its block is on F1 and in docs/KEYS.md.
    Screen(lambda: translate("KeyHelp", "Catalog editor"), catalog_keys, "supervision", on_card=False),
    Screen(_page_title("settings"), settings_keys, "settings"),
    Screen(_page_title("home"), home_keys, "home"),
    Screen(lambda: translate("KeyHelp", "Print preview"), preview_keys),
    Screen(lambda: translate("KeyHelp", "Forms and dialogs"), form_keys),
]


def all_sections(card: bool = False) -> list[tuple[str, KeyList]]:
    """Every screen's title and keys, in the current language (docs/KEYS.md); ``card``: the
    key card's content."""
    return [(screen.title(), screen.keys()) for screen in SCREENS if screen.on_card or not card]


def sections(page: QWidget | None) -> list[tuple[str, KeyList]]:
    """F1 on ``page``: its screen's blocks, then the common ones (preview, forms, everywhere)."""
    key = page.property("pageKey") if page is not None else None
    own = [(s.title(), s.keys()) for s in SCREENS if key and s.page == key]
    common = [(s.title(), s.keys()) for s in SCREENS if s.keys in (preview_keys, form_keys, window_keys)]
    return [*own, *common]


def hint_line(keys: KeyList) -> str:
    """A one-line hint for the bottom of a screen: "Space received · M missing · ..."."""
    return "  ·  ".join(f"{k} {what}" for k, what in keys)


class KeyHelpDialog(QDialog):
    def __init__(self, title: str, sections: Sequence[tuple[str, KeyList]],
                 parent: QWidget | None = None, ops: Any = None) -> None:
        super().__init__(parent)
        self.ops = ops  # operations.Operations: the card prints on its print thread
        self.setObjectName("keyHelpDialog")
        self.setWindowTitle(translate("KeyHelp", "Keys: %1").replace("%1", title))
        self.setMinimumSize(720, 480)
        lay = QVBoxLayout(self)
        head = QLabel(translate("KeyHelp", "Keys: %1").replace("%1", title))
        head.setStyleSheet("font-size: 15pt; font-weight: bold;")
        lay.addWidget(head)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("keyTable")
        self.table.setHorizontalHeaderLabels([translate("KeyHelp", "Key"), translate("KeyHelp", "Does")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setStyleSheet("QTableWidget { font-size: 12pt; }")
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for name, keys in sections:
            if not keys:
                continue
            r = self.table.rowCount()
            self.table.insertRow(r)
            head_item = QTableWidgetItem(name)
            f = head_item.font()
            f.setBold(True)
            head_item.setFont(f)
            head_item.setBackground(Qt.GlobalColor.lightGray)
            self.table.setItem(r, 0, head_item)
            self.table.setSpan(r, 0, 1, 2)
            for key, what in keys:
                r = self.table.rowCount()
                self.table.insertRow(r)
                k = QTableWidgetItem(key)
                kf = k.font()
                kf.setFamily("monospace")
                kf.setBold(True)
                k.setFont(kf)
                self.table.setItem(r, 0, k)
                self.table.setItem(r, 1, QTableWidgetItem(what))
        self.table.resizeRowsToContents()
        lay.addWidget(self.table, 1)
        # Tall enough for every row where the window allows (it opened at its minimum, with
        # half the keys below a scroll bar).
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        room = parent.window().height() - 40 if parent is not None else 900
        self.resize(860, max(480, min(rows + self.table.horizontalHeader().height() + 130, room)))
        self.status = QLabel("")
        self.status.setObjectName("keyCardStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(translate("KeyHelp", "Close (Esc)"))
        self.card_button = buttons.addButton(translate("KeyHelp", "Print the key card (Ctrl+P)"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.card_button.setAutoDefault(False)
        self.card_button.clicked.connect(self.print_card)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        for seq in ("F1", "Return", "Enter"):
            QShortcut(QKeySequence(seq), self, self.accept)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_card)
        self.card_output: str = ""  # where the card went: a printer's name or the PDF's path

    def print_card(self) -> None:
        """The one-page key card of every screen, for the counter (keycard.py): to the
        remembered printer, else saved as a PDF in the print folder. Off the GUI thread."""
        from .keycard import send_card

        self.card_button.setEnabled(False)
        self.status.setText(translate("KeyHelp", "Printing the key card…"))

        def done(where: str) -> None:
            self.card_output = where
            self.card_button.setEnabled(True)
            self.status.setText(translate("KeyHelp", "Key card: %1").replace("%1", where))

        def failed(exc: BaseException) -> None:
            self.card_button.setEnabled(True)
            self.status.setText(str(exc))

        send_card(self.ops, self, done, failed)

    def keys(self) -> list[str]:
        """Every key listed (section titles left out), for tests."""
        return [self.table.item(r, 0).text()  # type: ignore[union-attr]  # every row has one
                for r in range(self.table.rowCount())
                if self.table.columnSpan(r, 0) == 1]
