"""Staff and windows: the staffing plan against who is registered and on duty today, the
staff list, and each clerk's training stage and authorization (who set it, when)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...models import ROLE_LABELS, ROLES, TRAINING_LABELS
from ...services.people.staffing import EMPLOYERS, StaffLine, StaffService, TrainingLine, WindowPlan
from .common import fill_table, make_table, message_label, say, submit


class StaffWidget(QWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffWidget")
        self.services, self.actor = services, actor
        self.svc: StaffService = services.service(StaffService)
        self.staff: list[StaffLine] = []
        self.plan_table = make_table("staffPlanTable")
        self.staff_table = make_table("staffTable")
        self.training_table = make_table("trainingTable")
        tabs = QTabWidget()
        tabs.addTab(self.plan_table, self.tr("Staffing plan"))
        tabs.addTab(self.staff_table, self.tr("Staff"))
        tabs.addTab(self.training_table, self.tr("Training and authorization"))
        self.message = message_label("staffMessage")
        # Training stage of the selected person
        self.person = QComboBox()
        self.person.setObjectName("trainingPerson")
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Window"), "window")
        self.scope.addItem(self.tr("Item"), "item")
        self.scope_code = QLineEdit()
        self.scope_code.setObjectName("trainingScopeCode")
        self.scope_code.setPlaceholderText(self.tr("Window or item code"))
        self.stage = QComboBox()
        self.stage.setObjectName("trainingStage")
        for key, label in TRAINING_LABELS.items():
            self.stage.addItem(label, key)
        self.stage_note = QLineEdit()
        set_stage = QPushButton(self.tr("Record stage"))
        set_stage.setObjectName("trainingSave")
        f1 = QFormLayout()
        f1.addRow(self.tr("Person"), self.person)
        f1.addRow(self.tr("Scope"), self.scope)
        f1.addRow(self.tr("Code"), self.scope_code)
        f1.addRow(self.tr("Stage"), self.stage)
        f1.addRow(self.tr("Note"), self.stage_note)
        f1.addRow(set_stage)
        box1 = QGroupBox(self.tr("Training stage / authorization"))
        box1.setLayout(f1)
        # New staff
        self.username, self.full_name, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_window = QComboBox()
        self.employer = QComboBox()
        for key, label in EMPLOYERS.items():
            self.employer.addItem(label, key)
        self.roles = {r: QCheckBox(ROLE_LABELS[r]) for r in ROLES}
        roles_row = QHBoxLayout()
        for box in self.roles.values():
            roles_row.addWidget(box)
        add = QPushButton(self.tr("Add staff"))
        deactivate = QPushButton(self.tr("Deactivate selected"))
        f2 = QFormLayout()
        f2.addRow(self.tr("User name"), self.username)
        f2.addRow(self.tr("Name"), self.full_name)
        f2.addRow(self.tr("Password"), self.password)
        f2.addRow(self.tr("Window"), self.new_window)
        f2.addRow(self.tr("Employer"), self.employer)
        f2.addRow(self.tr("Roles"), roles_row)
        f2.addRow(add)
        f2.addRow(deactivate)
        box2 = QGroupBox(self.tr("Staff"))
        box2.setLayout(f2)
        side = QVBoxLayout()
        side.addWidget(box1)
        side.addWidget(box2)
        side.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(tabs, 1)
        left.addWidget(self.message)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 3)
        lay.addLayout(side, 2)
        set_stage.clicked.connect(self.record_stage)
        add.clicked.connect(self.add_staff)
        deactivate.clicked.connect(self.deactivate)
        self.refresh()

    def refresh(self) -> None:
        submit(self, lambda: (self.svc.plan(), self.svc.staff(), self.svc.training()),
                                  self._show, lambda e: say(self.message, str(e), True))

    def _show(self, result: tuple[list[WindowPlan], list[StaffLine], list[TrainingLine]]) -> None:
        plan, staff, training = result
        self.staff = staff
        fill_table(self.plan_table, [self.tr("Window"), self.tr("Staffed by"), self.tr("Planned"),
                                     self.tr("Registered"), self.tr("On duty today"), self.tr("Gap")],
                   [*([w.name, EMPLOYERS.get(w.staffed_by, w.staffed_by), w.planned, w.registered,
                       w.on_duty, w.gap if w.staffed_by == "outsourced" else ""] for w in plan),
                    [self.tr("Total"), "", sum(w.planned for w in plan),
                     sum(w.registered for w in plan), sum(w.on_duty for w in plan), ""]])
        self.plan_table.setSortingEnabled(False)
        fill_table(self.staff_table, [self.tr("User name"), self.tr("Name"), self.tr("Window"),
                                      self.tr("Employer"), self.tr("Roles"), self.tr("Active")],
                   [[s.username, s.full_name, s.window_code, EMPLOYERS.get(s.employer, s.employer),
                     "、".join(ROLE_LABELS.get(r, r) for r in s.roles), "是" if s.active else "否"]
                    for s in staff])
        self.staff_table.setSortingEnabled(False)
        fill_table(self.training_table, [self.tr("Name"), self.tr("Window"), self.tr("Scope"),
                                         self.tr("Code"), self.tr("Stage"), self.tr("Set by"),
                                         self.tr("Set at"), self.tr("Note")],
                   [[t.full_name, t.window_code,
                     self.tr("Item") if t.scope == "item" else self.tr("Window"), t.scope_code,
                     t.stage_label, t.set_by, f"{t.set_at:%Y-%m-%d %H:%M}", t.note] for t in training])
        self.person.clear()
        for s in staff:
            if s.active and "clerk" in s.roles:
                self.person.addItem(f"{s.full_name}（{s.window_code}）", s.id)
        self.new_window.clear()
        self.new_window.addItem(self.tr("(none)"), "")
        for w in plan:
            self.new_window.addItem(w.name, w.code)

    def _run(self, fn, ok: str) -> None:
        def done(_r: object) -> None:
            say(self.message, ok)
            self.refresh()

        submit(self, fn, done, lambda e: say(self.message, str(e), True))

    def record_stage(self) -> None:
        staff_id, scope = self.person.currentData(), self.scope.currentData()
        code = self.scope_code.text().strip()
        if not staff_id or not code:
            say(self.message, self.tr("Choose a person and enter the window or item code"), True)
            return
        stage, note = self.stage.currentData(), self.stage_note.text()
        self._run(lambda: self.svc.set_stage(self.actor, staff_id, scope, code, stage, note),
                  self.tr("Training stage recorded"))

    def add_staff(self) -> None:
        roles = [r for r, box in self.roles.items() if box.isChecked()]
        args = dict(window_code=self.new_window.currentData() or "",
                    employer=self.employer.currentData())
        user, name, pw = self.username.text(), self.full_name.text(), self.password.text()
        self._run(lambda: self.svc.add(self.actor, user, name, pw, roles, **args),
                  self.tr("Staff added"))

    def deactivate(self) -> None:
        row = self.staff_table.currentRow()
        if not 0 <= row < len(self.staff):
            say(self.message, self.tr("Select a person in the staff list"), True)
            return
        sid = self.staff[row].id
        self._run(lambda: self.svc.update(self.actor, sid, active=False), self.tr("Deactivated"))
