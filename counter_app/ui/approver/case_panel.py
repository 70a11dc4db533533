"""One case on the approver's desk: who applied for what, the checklist it was received
with, and its whole history (who held the file when). Return / approve / deny from here."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QSplitter, QVBoxLayout, QWidget

from ...services.handoff.timeline import CaseView
from ...services.intake.numbering import display
from .style import AMBER, BLUE, GREEN, RED, ROW_BAD, TITLE, big_button, cell, label, table, when

SIDE_LABELS = {"front": "前台", "back": "后台", "applicant": "申请人"}


class CasePanel(QWidget):
    back_requested = Signal()
    return_requested = Signal(str)
    decide_requested = Signal(str, str)  # case number, approved / denied

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePanel")
        self.view: CaseView | None = None
        self.came_from_batch = False
        self.back = QPushButton(self.tr("← Back to the batch (Esc)"))
        self.back.setObjectName("backToBatch")
        self.back.clicked.connect(self.back_requested)
        self.title = label("", TITLE, "caseTitle")
        self.facts = label("", name="caseFacts")
        self.holder = label("", name="caseHolder")
        self.holder.setStyleSheet("QLabel { font-size: 13pt; color: #1565c0; }")
        self.materials = table([self.tr("No."), self.tr("Material"), self.tr("Form"),
                                self.tr("Copies"), self.tr("Pages"), self.tr("State")], "caseMaterials")
        self.points = label("", name="reviewPoints")
        self.history = table([self.tr("Time"), self.tr("Step"), self.tr("By (role · terminal)"),
                              self.tr("Details"), self.tr("Responsible from here")], "caseHistory")
        for t, stretch in ((self.materials, 1), (self.history, 3)):
            hh = t.horizontalHeader()
            hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            hh.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(label(self.tr("Checklist (as received)"), TITLE))
        ll.addWidget(self.materials, 1)
        ll.addWidget(self.points)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(label(self.tr("History: who held the file when"), TITLE))
        rl.addWidget(self.history, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([440, 900])
        self.return_btn = big_button(self.tr("Return to front desk… (F6)"), AMBER, "returnButton")
        self.approve_btn = big_button(self.tr("Approve… (F5)"), GREEN, "approveButton")
        self.deny_btn = big_button(self.tr("Deny… (F7)"), RED, "denyButton")
        self.return_btn.clicked.connect(lambda: self.return_requested.emit(self.case_no))
        self.approve_btn.clicked.connect(lambda: self.decide_requested.emit(self.case_no, "approved"))
        self.deny_btn.clicked.connect(lambda: self.decide_requested.emit(self.case_no, "denied"))
        self.actions_hint = label("", name="caseActionsHint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.actions_hint, 1)
        for b in (self.return_btn, self.deny_btn, self.approve_btn):
            buttons.addWidget(b)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.facts)
        lay.addWidget(self.holder)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)

    @property
    def case_no(self) -> str:
        return self.view.case_no if self.view else ""

    def show_case(self, view: CaseView, can_go_back: bool) -> None:
        self.view = view
        self.came_from_batch = can_go_back
        self.back.setText(self.tr("← Back to the batch (Esc)") if can_go_back
                          else self.tr("← Back to the list (Esc)"))
        color = {"with_approver": BLUE, "returned": AMBER, "approved": GREEN, "denied": RED}.get(
            view.status, "#455a64")
        chip = f"<span style='color:white; background:{color}'>&nbsp;{view.status_label}&nbsp;</span>"
        self.title.setText(self.tr("Case %1").replace("%1", display(view.case_no)) + f"　{chip}")
        due = f"{view.promised_due:%Y-%m-%d}" if view.promised_due else "—"
        if view.overdue:
            due = f"<span style='color:{RED}; font-weight:bold'>{due} {self.tr('(past due)')}</span>"
        facts = [
            f"<b>{view.item_name}</b>（{view.item_code}）· {view.department_name}",
            self.tr("Applicant: %1 (%2)").replace("%1", view.applicant_name)
            .replace("%2", view.applicant_id_shown or "—")
            + (" · " + self.tr("Phone: %1").replace("%1", view.phone_shown) if view.phone_shown else "")
            + (" · " + self.tr("Agent: %1").replace("%1", view.agent_name) if view.agent_name else ""),
            self.tr("Received %1 by %2 at %3 · accepted %4 · promised by %5").replace(
                "%1", when(view.received_at)).replace("%2", view.clerk_name)
            .replace("%3", view.window_name)
            .replace("%4", f"{view.accepted_on:%Y-%m-%d}" if view.accepted_on else "—")
            .replace("%5", due),
        ]
        if view.returns:
            facts.append(f"<span style='color:{AMBER}'>" + self.tr("Returned before: %1").replace(
                "%1", "；".join(view.returns)) + "</span>")
        if view.decision:
            facts.append(self.tr("Decision: %1").replace("%1", view.decision))
        self.facts.setText("<br>".join(facts))
        chain = [f"{c.holder}（{SIDE_LABELS.get(c.side, c.side)}，{when(c.since)} 起）"
                 for c in view.custody]
        if chain:
            chain[-1] = f"<b>{chain[-1]}</b>"
        self.holder.setText(self.tr("Custody: %1").replace("%1", " → ".join(chain)))
        self.holder.setWordWrap(True)
        self._fill(view)
        active = view.status == "with_approver"
        for b in (self.return_btn, self.approve_btn, self.deny_btn):
            b.setVisible(active)
        self.actions_hint.setText(
            self.tr("Next: return the file with a reason, or record the decision.") if active else
            self.tr("Sign for the batch first to act on this case.") if view.status == "in_handoff"
            else "")

    def _fill(self, view: CaseView) -> None:
        self.materials.setRowCount(0)
        for row, m in enumerate(view.materials):
            self.materials.insertRow(row)
            bad = ROW_BAD if m.state in ("missing", "defective") else None
            for col, text in enumerate([m.seq, m.name, m.form, m.copies, m.pages, m.state_label]):
                self.materials.setItem(row, col, cell(text, bad))
        self.materials.resizeRowsToContents()
        self.points.setText(
            (self.tr("Review points:") + "<br>" + "<br>".join(f"• {p}" for p in view.review_points))
            if view.review_points else "")
        self.history.setRowCount(0)
        shown = ""
        for row, s in enumerate(view.steps):
            self.history.insertRow(row)
            holder = s.holder if s.holder and s.holder != shown else ""
            shown = s.holder or shown
            who = self.tr("%1 (%2 · terminal %3)").replace("%1", s.actor_name).replace(
                "%2", s.role or "—").replace("%3", s.terminal)
            values = [f"{s.at:%Y-%m-%d %H:%M}", s.label, who, s.detail, holder]
            hot = ROW_BAD if s.kind in ("discrepancy", "returned") else None
            for col, text in enumerate(values):
                self.history.setItem(row, col, cell(text, hot, bold=col in (1, 4)))
        self.history.resizeRowsToContents()
        self.history.scrollToBottom()
