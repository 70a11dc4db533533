"""The supervisors' catalog editor: edit an item and its materials (saving makes a new
version; cases keep theirs), import and export the catalog as an Excel workbook."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.catalog.checker import yes_no
from ...services.catalog.exchange import (
    CHECK_STATE_LABELS,
    DELIVERY_LABELS,
    FORM_LABELS,
    ITEM_TYPE_LABELS,
    KIND_LABELS,
    LIMIT_UNIT_LABELS,
    MEDIUM_LABELS,
    REQUIREMENT_LABELS,
    SOURCE_LABELS,
    CatalogData,
    ItemSpec,
    MaterialSpec,
)
from ...services.catalog.signoff import sign_off
from ...services.people.staffing import CatalogEditor
from ..file_dialogs import ask_open, ask_save
from .common import message_label, say, submit

MATERIAL_COLUMNS = ("name", "form", "originals", "photocopies", "copies", "requirement", "condition",
                    "condition_key", "source", "issuer", "shared", "medium", "standard", "note")


class CatalogEditorWidget(QWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogEditor")
        self.services, self.actor = services, actor
        self.svc: CatalogEditor = services.service(CatalogEditor)
        self.catalog: CatalogData | None = None
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter items"))
        self.items = QListWidget()
        self.items.setObjectName("catalogItems")
        self.code, self.name = QLineEdit(), QLineEdit()
        self.code.setObjectName("itemCode")
        self.name.setObjectName("itemName")
        self.window_box, self.department = QLineEdit(), QLineEdit()
        self.kind = QComboBox()
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.item_type = QComboBox()
        self.item_type.setObjectName("itemType")
        for key, label in ITEM_TYPE_LABELS.items():
            self.item_type.addItem(label, key)
        self.statutory_unit, self.promised_unit = QComboBox(), QComboBox()
        for box in (self.statutory_unit, self.promised_unit):
            for key, label in LIMIT_UNIT_LABELS.items():
                box.addItem(label, key)
        self.check = QLineEdit()
        self.check.setObjectName("itemCheckState")
        self.check.setReadOnly(True)
        self.statutory, self.promised = QSpinBox(), QSpinBox()
        self.promised.setObjectName("itemPromised")
        for spin in (self.statutory, self.promised):
            spin.setRange(0, 999)
        self.finish = QCheckBox(self.tr("Front desk may finish on the spot"))
        self.agent = QCheckBox(self.tr("An agent may apply"))
        self.conditions, self.review = QPlainTextEdit(), QPlainTextEdit()
        for edit in (self.conditions, self.review):
            edit.setMaximumHeight(60)
        self.legal, self.fee, self.keywords = QLineEdit(), QLineEdit(), QLineEdit()
        self.fee.setReadOnly(True)  # a schedule: edited in the workbook's 收费标准 sheet
        self.delivery = {k: QCheckBox(v) for k, v in DELIVERY_LABELS.items()}
        deliv = QHBoxLayout()
        for tick in self.delivery.values():
            deliv.addWidget(tick)
        self.materials = QTableWidget(0, len(MATERIAL_COLUMNS))
        self.materials.setObjectName("itemMaterials")
        self.materials.setHorizontalHeaderLabels([
            self.tr("Material"), self.tr("Form"), self.tr("Originals"), self.tr("Photocopies"),
            self.tr("Copies (old files)"), self.tr("Requirement"), self.tr("Condition"),
            self.tr("Condition key"), self.tr("Source"), self.tr("Issuing body"),
            self.tr("Shared, waived"), self.tr("Medium"), self.tr("Acceptance standard"),
            self.tr("Note")])
        self.materials.horizontalHeader().setStretchLastSection(True)
        add_row, del_row = QPushButton(self.tr("Add material")), QPushButton(self.tr("Remove material"))
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Window / department"), _row(self.window_box, self.department))
        form.addRow(self.tr("Kind"), _row(self.kind, self.item_type))
        form.addRow(self.tr("Statutory / promised days"),
                    _row(self.statutory, self.statutory_unit, self.promised, self.promised_unit))
        form.addRow(self.tr("Checked"), self.check)
        form.addRow("", _row(self.finish, self.agent))
        form.addRow(self.tr("Acceptance conditions"), self.conditions)
        form.addRow(self.tr("Review points (one per line)"), self.review)
        form.addRow(self.tr("Legal basis"), self.legal)
        form.addRow(self.tr("Delivery"), deliv)
        form.addRow(self.tr("Fee"), self.fee)
        form.addRow(self.tr("Search keywords (comma separated)"), self.keywords)
        self.message = message_label("catalogMessage")
        save, new = QPushButton(self.tr("Save as new version")), QPushButton(self.tr("New item"))
        save.setObjectName("catalogSave")
        imp, exp = QPushButton(self.tr("Import Excel…")), QPushButton(self.tr("Export Excel…"))
        # A department's approver, having reviewed the item field by field, signs it off.
        self.sign = QPushButton(self.tr("Sign off as checked"))
        self.sign.setObjectName("catalogSignOff")
        self.sign.setVisible(actor.has("approver"))
        self.sign.clicked.connect(self.sign_off)
        buttons = QHBoxLayout()
        for b in (save, new, self.sign, imp, exp):
            buttons.addWidget(b)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.materials, 1)
        right.addWidget(_row(add_row, del_row))
        right.addLayout(buttons)
        right.addWidget(self.message)
        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.items, 1)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 1)
        lay.addLayout(right, 3)
        self.filter.textChanged.connect(self._fill_list)
        self.items.currentItemChanged.connect(self._pick)
        add_row.clicked.connect(lambda: self.materials.insertRow(self.materials.rowCount()))
        del_row.clicked.connect(lambda: self.materials.removeRow(self.materials.currentRow()))
        save.clicked.connect(self.save)
        new.clicked.connect(self.new_item)
        imp.clicked.connect(self._import)
        exp.clicked.connect(self._export)
        self.refresh()

    def refresh(self, select: str = "") -> None:
        def show(data: CatalogData) -> None:
            self.catalog = data
            self._fill_list()
            if select:
                self.select(select)

        submit(self, self.svc.catalog, show, lambda e: say(self.message, str(e), True))

    def _fill_list(self) -> None:
        text = self.filter.text().strip().lower()
        self.items.clear()
        for item in self.catalog.items if self.catalog else ():
            if text and text not in f"{item.code} {item.name}".lower():
                continue
            row = QListWidgetItem(f"{item.code}  {item.name}")
            row.setData(256, item.code)
            self.items.addItem(row)

    def select(self, code: str) -> None:
        for i in range(self.items.count()):
            if self.items.item(i).data(256) == code:
                self.items.setCurrentRow(i)
                return

    def _pick(self, current: QListWidgetItem | None) -> None:
        if current is None or self.catalog is None:
            return
        spec = self.catalog.item(current.data(256))
        if spec is not None:
            self.show_item(spec)

    def show_item(self, spec: ItemSpec) -> None:
        self.code.setText(spec.code)
        self.code.setReadOnly(True)
        self.name.setText(spec.name)
        self.window_box.setText(spec.window)
        self.department.setText(spec.department)
        self.kind.setCurrentIndex(max(0, self.kind.findData(spec.kind)))
        self.statutory.setValue(spec.statutory_days)
        self.promised.setValue(spec.promised_days)
        self.item_type.setCurrentIndex(max(0, self.item_type.findData(spec.item_type)))
        self.statutory_unit.setCurrentIndex(max(0, self.statutory_unit.findData(spec.statutory_unit)))
        self.promised_unit.setCurrentIndex(max(0, self.promised_unit.findData(spec.promised_unit)))
        state = CHECK_STATE_LABELS.get(spec.check_state, spec.check_state)
        if spec.check_state == "checked":
            state += f"（{spec.checked_by}，{spec.checked_on}）"
        elif spec.unconfirmed:
            state += f"：{spec.unconfirmed}"
        self.check.setText(state)
        self.check.setCursorPosition(0)
        self.finish.setChecked(spec.front_desk_can_finish)
        self.agent.setChecked(spec.agent_allowed)
        self.conditions.setPlainText(spec.conditions)
        self.review.setPlainText("\n".join(spec.review_points))
        self.legal.setText(spec.legal_basis)
        self.fee.setText(spec.fee.summary + (f"（{spec.fee.basis}）" if spec.fee.basis else ""))
        self.fee.setCursorPosition(0)
        self.keywords.setText("，".join(spec.keywords))
        for key, box in self.delivery.items():
            box.setChecked(key in spec.delivery)
        self.materials.setRowCount(len(spec.materials))
        for r, m in enumerate(spec.materials):
            values = (m.name, FORM_LABELS.get(m.form, m.form), _count(m.originals),
                      _count(m.photocopies), str(m.copies),
                      REQUIREMENT_LABELS.get(m.requirement, m.requirement), m.condition or "",
                      m.condition_key or "", SOURCE_LABELS.get(m.source, m.source),
                      m.issuer or "", "是" if m.shared else "",
                      MEDIUM_LABELS.get(m.medium, m.medium), m.standard or "", m.note or "")
            for c, v in enumerate(values):
                self.materials.setItem(r, c, QTableWidgetItem(v))
        self.materials.resizeColumnsToContents()
        for c in range(len(MATERIAL_COLUMNS) - 1):  # cap long names and conditions
            self.materials.setColumnWidth(c, min(self.materials.columnWidth(c), 300))

    def new_item(self) -> None:
        self.items.clearSelection()
        self.code.setReadOnly(False)
        for w in (self.code, self.name, self.legal, self.keywords):
            w.clear()
        self.fee.setText("不收费")
        self.check.setText(CHECK_STATE_LABELS["pending"])
        self.materials.setRowCount(0)
        self.code.setFocus()

    def spec(self) -> ItemSpec:
        """The edited item; enums may be the Chinese labels (the catalog checker takes both)."""
        def cell(r: int, c: int) -> str:
            it = self.materials.item(r, c)
            return it.text().strip() if it is not None else ""

        col = {name: c for c, name in enumerate(MATERIAL_COLUMNS)}
        mats = []
        for r in range(self.materials.rowCount()):
            def get(name: str, r: int = r) -> str:
                return cell(r, col[name])

            if not get("name"):
                continue
            where = f"材料第 {r + 1} 行"
            copies = _number(get("copies"), f"{where}「份数」") or 1
            shared = yes_no(get("shared")) if get("shared").strip() else False
            if shared is None:
                raise ValueError(f"{where}「共享免提交」应为“是”或“否”，实为“{get('shared')}”")
            mats.append(MaterialSpec(
                name=get("name"), form=get("form"), copies=copies,
                originals=_number(get("originals"), f"{where}「原件份数」"),
                photocopies=_number(get("photocopies"), f"{where}「复印件份数」"),
                requirement=get("requirement") or "required", condition=get("condition") or None,
                condition_key=get("condition_key") or None, source=get("source") or "applicant",
                issuer=get("issuer") or None, shared=shared,
                medium=get("medium") or "paper", standard=get("standard") or None,
                note=get("note") or None))
        words = self.keywords.text().replace(",", "，").split("，")
        code = self.code.text().strip()
        # What this form does not show (fee schedule, sources, special procedures...) is kept;
        # the store sends an edited item that was 已核对 back to 待核对.
        base = self.catalog.item(code) if self.catalog else None
        edited = ItemSpec(
            code=code, name=self.name.text().strip(),
            window=self.window_box.text().strip(), department=self.department.text().strip(),
            kind=self.kind.currentData(), statutory_days=self.statutory.value(),
            promised_days=self.promised.value(), conditions=self.conditions.toPlainText().strip(),
            review_points=tuple(x.strip() for x in self.review.toPlainText().splitlines() if x.strip()),
            legal_basis=self.legal.text().strip(),
            delivery=tuple(k for k, box in self.delivery.items() if box.isChecked()),
            materials=tuple(mats), front_desk_can_finish=self.finish.isChecked(),
            agent_allowed=self.agent.isChecked(),
            keywords=tuple(w.strip() for w in words if w.strip()),
            item_type=self.item_type.currentData(), statutory_unit=self.statutory_unit.currentData(),
            promised_unit=self.promised_unit.currentData())
        if base is None:
            return edited
        keep = ("fee", "limit_note", "special_procedures", "acceptance_basis", "basic_code",
                "impl_code", "place", "sources", "check_state", "checked_by", "checked_on",
                "unconfirmed")
        return replace(edited, **{k: getattr(base, k) for k in keep})

    def save(self) -> None:
        try:
            spec = self.spec()
        except (TypeError, ValueError) as exc:
            say(self.message, str(exc), True)
            return

        def done(result: tuple[int, str]) -> None:
            version, what = result
            if what == "unchanged":
                say(self.message, self.tr("No change: the item is as saved"))
            else:
                say(self.message, self.tr("Saved as version %1").replace("%1", str(version)))
            self.refresh(select=spec.code)

        submit(self, lambda: self.svc.save_item(self.actor, spec), done,
                                  lambda e: say(self.message, str(e), True))

    def sign_off(self) -> None:
        code = self.code.text().strip()
        if not code or self.catalog is None or self.catalog.item(code) is None:
            say(self.message, self.tr("Pick a saved item to sign off"), True)
            return

        def done(on: object) -> None:
            say(self.message, self.tr("Signed off: %1").replace("%1", code))
            self.refresh(select=code)

        submit(self, lambda: sign_off(self.services.ctx, self.actor, code), done,
               lambda e: say(self.message, str(e), True))

    def _import(self) -> None:
        path = ask_open(self, self.tr("Import catalog"), "catalog",
                        self.tr("Catalog (*.xlsx *.yaml *.json)"))
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        def imported(summary: object) -> None:
            say(self.message, str(summary))
            self.refresh()

        submit(self, lambda: self.svc.import_file(self.actor, path), imported,
               lambda e: say(self.message, str(e), True))

    def _export(self) -> None:
        path = ask_save(self, self.tr("Export catalog"), "catalog", "事项目录.xlsx",
                        self.tr("Excel workbook (*.xlsx)"))
        if path:
            submit(self,
                lambda: self.svc.export(Path(path)),
                lambda n: say(self.message, self.tr("Exported %1 items").replace("%1", str(n))),
                lambda e: say(self.message, str(e), True))


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        lay.addWidget(w)
    return box


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _number(text: str, what: str) -> int | None:
    """A count typed into the table: empty is None; anything else must be digits."""
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"{what}应为整数，实为“{text}”")
    return int(text)
