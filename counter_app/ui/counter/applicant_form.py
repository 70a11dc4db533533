"""The applicant (a person or an organisation), the optional agent and how the result goes back.

Enter moves to the next field of the current kind and past the last one emits ``finished``;
every field validates as it is typed with the services' Chinese messages. A credit code that
fails its checksum shows a warning and an override-reason field (the clerk may go on with a
reason, DOMAIN.md "Numbers and checksums").
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...services.intake import validation as v
from ...services.intake.scan_detector import CREDIT_CODE_TYPED, PHONE_TYPED, RESIDENT_ID_TYPED
from ...services.intake.service import AgentInput, PartyInput
from ..scan_filter import expect_typed
from .fields import CheckedField

ID_TYPES = ("resident_id", "passport", "other")


def _id_check(kind_box: QComboBox, label: str):
    def check(text: str) -> v.Checked:
        if kind_box.currentData() == "resident_id":
            return v.check_resident_id(text, label)
        return v.check_required(text, label)
    return check


class ApplicantForm(QWidget):
    changed = Signal()
    kind_changed = Signal(str)
    agent_toggled = Signal(bool)
    finished = Signal()  # Enter past the last field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantForm")
        self._loading = False
        self.person_radio = QRadioButton(self.tr("&Person"))
        self.org_radio = QRadioButton(self.tr("&Organisation"))
        self.person_radio.setObjectName("kindPerson")
        self.org_radio.setObjectName("kindOrganisation")
        self.person_radio.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.person_radio)
        kinds.addButton(self.org_radio)
        self.id_type = QComboBox()
        self.id_type.setObjectName("idType")
        for key, label in zip(ID_TYPES, (self.tr("Resident ID"), self.tr("Passport"),
                                         self.tr("Other ID")), strict=True):
            self.id_type.addItem(label, key)
        self.name = CheckedField("applicantName", lambda t: v.check_person_name(t, "申请人姓名"))
        self.id_no = CheckedField("applicantId", _id_check(self.id_type, "申请人身份证号"))
        self.org_name = CheckedField("orgName", lambda t: v.check_org_name(t, "单位名称"))
        self.credit = CheckedField("creditCode", lambda t: v.check_credit_code(t, "统一社会信用代码"))
        self.override = CheckedField("overrideReason")
        self.override.edit.setPlaceholderText(self.tr("Reason to go on despite the warning"))
        self.legal_rep = CheckedField("legalRep", lambda t: v.check_person_name(t, "法定代表人"))
        self.contact = CheckedField("contactName",
                                    lambda t: v.check_person_name(t, "联系人", required=False))
        self.phone = CheckedField("phone", lambda t: v.check_phone(t, "联系电话"))
        self.address = CheckedField("address")
        self.agent_box = QCheckBox(self.tr("&Agent applies on the applicant's behalf"))
        self.agent_box.setObjectName("agentBox")
        self.agent_name = CheckedField("agentName", lambda t: v.check_person_name(t, "代办人姓名"))
        self.agent_id = CheckedField("agentId", lambda t: v.check_resident_id(t, "代办人身份证号"))
        self.agent_phone = CheckedField("agentPhone",
                                        lambda t: v.check_phone(t, "代办人电话", required=False))
        self.delivery = QComboBox()
        self.delivery.setObjectName("delivery")
        self.delivery.addItem("窗口领取")
        self.fee_tier = QComboBox()  # the row of a tiered fee schedule that applies
        self.fee_tier.setObjectName("feeTier")
        for f in (self.id_no, self.credit, self.agent_id, self.phone, self.agent_phone):
            f.edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferLatin)
        # Typed fast, what a field expects is typing, not a scan (ui/scan_filter.py).
        for f, pattern in ((self.id_no, RESIDENT_ID_TYPED), (self.agent_id, RESIDENT_ID_TYPED),
                           (self.credit, CREDIT_CODE_TYPED), (self.phone, PHONE_TYPED),
                           (self.agent_phone, PHONE_TYPED)):
            expect_typed(f.edit, pattern)
        self._build()
        self._form.setRowVisible(self.fee_tier, False)  # until an item with tiers is picked
        self._wire()
        self._show_kind()
        chain = [self.person_radio, self.name.edit, self.id_type, self.id_no.edit,
                 self.org_name.edit, self.credit.edit, self.override.edit, self.legal_rep.edit,
                 self.contact.edit, self.phone.edit, self.address.edit, self.delivery,
                 self.fee_tier, self.agent_box, self.agent_name.edit, self.agent_id.edit,
                 self.agent_phone.edit]
        for a, b in pairwise(chain):  # Tab follows the form; hidden rows are skipped
            QWidget.setTabOrder(a, b)

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        kinds = QHBoxLayout()
        kinds.addWidget(self.person_radio)
        kinds.addWidget(self.org_radio)
        kinds.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
        self._form = form
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("ID type"), self.id_type)
        form.addRow(self.tr("ID number"), self.id_no)
        form.addRow(self.tr("Organisation"), self.org_name)
        form.addRow(self.tr("Credit code"), self.credit)
        form.addRow(self.tr("Override reason"), self.override)
        form.addRow(self.tr("Legal rep."), self.legal_rep)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Delivery"), self.delivery)
        form.addRow(self.tr("Fee"), self.fee_tier)
        self.agent_group = QGroupBox()
        self.agent_group.setFlat(True)
        agent_form = QFormLayout(self.agent_group)
        agent_form.setContentsMargins(0, 0, 0, 0)
        agent_form.setVerticalSpacing(4)
        agent_form.addRow(self.tr("Agent name"), self.agent_name)
        agent_form.addRow(self.tr("Agent ID no."), self.agent_id)
        agent_form.addRow(self.tr("Agent phone"), self.agent_phone)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(kinds)
        lay.addLayout(form)
        lay.addWidget(self.agent_box)
        lay.addWidget(self.agent_group)
        self.hint = QLabel(self.tr("Enter: next field · Ctrl+O: person/organisation · "
                                   "Ctrl+G: agent"))
        self.hint.setStyleSheet("color: #666;")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        lay.addStretch(1)

    def _wire(self) -> None:
        for f in self._all_fields():
            f.edit.textChanged.connect(self._edited)
            f.edit.returnPressed.connect(lambda f=f: self._advance(f))
        self.credit.edit.textChanged.connect(self._show_override)
        def id_type_changed(_i: int) -> None:
            self.id_no.validate()
            self._edited()

        self.id_type.currentIndexChanged.connect(id_type_changed)
        self.delivery.currentIndexChanged.connect(lambda _i: self._edited())
        self.fee_tier.currentIndexChanged.connect(lambda _i: self._edited())
        self.person_radio.toggled.connect(self._kind_toggled)
        self.agent_box.toggled.connect(self._agent_toggled)

    def _all_fields(self) -> list[CheckedField]:
        return [self.name, self.id_no, self.org_name, self.credit, self.override, self.legal_rep,
                self.contact, self.phone, self.address, self.agent_name, self.agent_id,
                self.agent_phone]

    def chain(self) -> list[CheckedField]:
        """The fields Enter walks through, for the current kind and agent."""
        if self.kind == "person":
            fields = [self.name, self.id_no]
        else:
            fields = [self.org_name, self.credit]
            if self.override.isVisible() or self.credit.severity == "warning":
                fields.append(self.override)
            fields += [self.legal_rep, self.contact]
        fields += [self.phone, self.address]
        if self.agent_box.isChecked():
            fields += [self.agent_name, self.agent_id, self.agent_phone]
        return fields

    def field_for(self, label: str) -> CheckedField | None:
        """The field a service's Issue names (``Issue.field``, e.g. "申请人身份证号")."""
        return {"申请人姓名": self.name, "申请人身份证号": self.id_no, "申请人证件号码": self.id_no,
                "单位名称": self.org_name, "统一社会信用代码": self.credit,
                "法定代表人": self.legal_rep, "联系电话": self.phone, "代办人姓名": self.agent_name,
                "代办人身份证号": self.agent_id, "代办人电话": self.agent_phone}.get(label)

    def _advance(self, field: CheckedField) -> None:
        if field.validate() == "error":  # e.g. an ID checksum error: stay and fix it first
            return
        chain = self.chain()
        i = chain.index(field) if field in chain else len(chain) - 1
        if i + 1 < len(chain):
            chain[i + 1].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.finished.emit()

    def _set_row_visible(self, widget: QWidget, visible: bool) -> None:
        self._form.setRowVisible(widget, visible)

    def _show_kind(self) -> None:
        person = self.kind == "person"
        for w in (self.name, self.id_type, self.id_no):
            self._set_row_visible(w, person)
        for w in (self.org_name, self.credit, self.legal_rep, self.contact):
            self._set_row_visible(w, not person)
        self._show_override()
        self.agent_group.setVisible(self.agent_box.isChecked())

    def _show_override(self) -> None:
        show = self.kind == "organisation" and (self.credit.validate() == "warning"
                                                or bool(self.override.text()))
        self._set_row_visible(self.override, show)

    # -- state -------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return "person" if self.person_radio.isChecked() else "organisation"

    def set_kind(self, kind: str) -> None:
        (self.person_radio if kind == "person" else self.org_radio).setChecked(True)

    def toggle_kind(self) -> None:
        self.set_kind("organisation" if self.kind == "person" else "person")
        self.first_field().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def first_field(self) -> CheckedField:
        return self.name if self.kind == "person" else self.org_name

    def _kind_toggled(self, _checked: bool) -> None:
        self._show_kind()
        if not self._loading:
            self.kind_changed.emit(self.kind)
            self.changed.emit()

    def _agent_toggled(self, on: bool) -> None:
        self.agent_group.setVisible(on)
        if not self._loading:
            self.agent_toggled.emit(on)
            self.changed.emit()
            if on:
                self.agent_name.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def set_delivery_options(self, options: tuple[str, ...]) -> None:
        current = self.delivery.currentText()
        self.delivery.blockSignals(True)
        self.delivery.clear()
        self.delivery.addItems(list(options))
        if current in options:
            self.delivery.setCurrentText(current)
        self.delivery.blockSignals(False)

    def set_fee_options(self, tiers: tuple[str, ...], chosen: str = "") -> None:
        """The fee rows the clerk chooses from; the row is shown only when there is a choice."""
        self.fee_tier.blockSignals(True)
        self.fee_tier.clear()
        for name in tiers:
            self.fee_tier.addItem(name, name)
        if chosen in tiers:
            self.fee_tier.setCurrentText(chosen)
        self.fee_tier.blockSignals(False)
        self._form.setRowVisible(self.fee_tier, len(tiers) > 1)

    def fee_choice(self) -> str:
        return str(self.fee_tier.currentData() or "") if self.fee_tier.count() > 1 else ""

    def set_agent_allowed(self, allowed: bool) -> None:
        self.agent_box.setEnabled(allowed)
        if not allowed and self.agent_box.isChecked():
            self.agent_box.setChecked(False)

    def party(self) -> PartyInput:
        if self.kind == "person":
            return PartyInput(kind="person", name=self.name.text(),
                              id_type=self.id_type.currentData(), id_no=self.id_no.text(),
                              phone=self.phone.text(), address=self.address.text())
        return PartyInput(kind="organisation", name=self.org_name.text(), id_type="credit_code",
                          id_no=self.credit.text(), legal_rep=self.legal_rep.text(),
                          contact_name=self.contact.text(), phone=self.phone.text(),
                          address=self.address.text())

    def agent(self) -> AgentInput | None:
        if not self.agent_box.isChecked():
            return None
        return AgentInput(self.agent_name.text(), self.agent_id.text(), self.agent_phone.text())

    def override_reason(self) -> str:
        return self.override.text() if self.kind == "organisation" else ""

    def load(self, party: PartyInput, agent: AgentInput | None, override: str,
             delivery: str) -> None:
        """Fill every field without emitting ``changed`` (a restored draft, a reset)."""
        self._loading = True
        try:
            self.set_kind(party.kind)
            person = party.kind == "person"
            self.name.set_text(party.name if person else "")
            self.org_name.set_text("" if person else party.name)
            idx = self.id_type.findData(party.id_type if person else "resident_id")
            self.id_type.setCurrentIndex(max(idx, 0))
            self.id_no.set_text(party.id_no if person else "")
            self.credit.set_text("" if person else party.id_no)
            self.legal_rep.set_text(party.legal_rep)
            self.contact.set_text(party.contact_name)
            self.phone.set_text(party.phone)
            self.address.set_text(party.address)
            self.override.set_text(override)
            self.agent_box.setChecked(agent is not None)
            self.agent_name.set_text(agent.name if agent else "")
            self.agent_id.set_text(agent.id_no if agent else "")
            self.agent_phone.set_text(agent.phone if agent else "")
            if delivery and self.delivery.findText(delivery) < 0:
                self.delivery.addItem(delivery)
            self.delivery.setCurrentText(delivery or self.delivery.itemText(0))
            self._show_kind()
        finally:
            self._loading = False

    def clear(self) -> None:
        self.load(PartyInput(), None, "", "")
