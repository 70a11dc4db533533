"""The supervisors' catalog editor: edit an item and its materials (saving makes a new
version; cases keep theirs), import and export the catalog as an Excel workbook."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
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
        self.materials = QTableWidget(0, len(MATERIAL_COLUMNS))
        self.materials.setObjectName("itemMaterials")
        self.materials.setHorizontalHeaderLabels([
            self.tr("Material"), self.tr("Form"), self.tr("Originals"), self.tr("Photocopies"),
            self.tr("Copies (old files)"), self.tr("Requirement"), self.tr("Condition"),
            self.tr("Condition key"), self.tr("Source"), self.tr("Issuing body"),
            self.tr("Shared, waived"), self.tr("Medium"), self.tr("Acceptance standard"),
            self.tr("Note")])
        self.materials.horizontalHeader().setStretchLastSection(True)
        self.materials.resizeColumnsToContents()  # whole headers before an item is picked
        # Tab leaves the table (arrows move between cells): Ctrl+Tab is the main window's.
        self.materials.setTabKeyNavigation(False)
        self.add_row = QPushButton(self.tr("&Add material"))
        self.del_row = QPushButton(self.tr("&Remove material"))
        self.message = message_label("catalogMessage")
        self.save_button = QPushButton(self.tr("&Save as new version"))
        self.save_button.setObjectName("catalogSave")
        self.new_button = QPushButton(self.tr("&New item"))
        self.import_button = QPushButton(self.tr("&Import Excel…"))
        self.export_button = QPushButton(self.tr("E&xport Excel…"))
        # A department's approver, having reviewed the item field by field, signs it off.
        self.sign = QPushButton(self.tr("Sign &off as checked"))
        self.sign.setObjectName("catalogSignOff")
        self.sign.setVisible(actor.has("approver"))
        self._lay_out()
        self.filter.textChanged.connect(self._fill_list)
        self.filter.returnPressed.connect(self._to_list)
        self.items.currentItemChanged.connect(self._pick)
        self.add_row.clicked.connect(lambda: self.materials.insertRow(self.materials.rowCount()))
        self.del_row.clicked.connect(lambda: self.materials.removeRow(self.materials.currentRow()))
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.new_item)
        self.sign.clicked.connect(self.sign_off)
        self.import_button.clicked.connect(self._import)
        self.export_button.clicked.connect(self._export)
        self.refresh()

    def _lay_out(self) -> None:
        """A splitter: the item list as wide as its longest name (``_fit_list``), the editor
        beside it with paired fields on one row so the materials keep several rows at 768 px."""
        find = QLabel(self.tr("&Filter"))
        find.setBuddy(self.filter)
        # A name too long for a narrowed list wraps rather than hiding behind a scroll bar.
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.setResizeMode(QListView.ResizeMode.Adjust)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(_row(find, self.filter))
        lv.addWidget(self.items, 1)
        self.code.setMaximumWidth(self.code.fontMetrics().horizontalAdvance("QKSL-00000") + 24)
        for spin in (self.statutory, self.promised):
            spin.setMaximumWidth(spin.fontMetrics().horizontalAdvance("0000") + 48)
        self.keywords.setPlaceholderText(self.tr("comma separated"))
        form = QFormLayout()
        form.addRow(self.tr("Code / name"), _row(self.code, self.name))
        form.addRow(self.tr("Window / department"),
                    _row(self.window_box, self.department, self.tr("Kind"), self.kind,
                         self.item_type))
        form.addRow(self.tr("Statutory / promised days"),
                    _row(self.statutory, self.statutory_unit, self.promised, self.promised_unit,
                         self.finish, self.agent, None))
        form.addRow(self.tr("Checked"), self.check)
        form.addRow(self.tr("Acceptance conditions"), self.conditions)
        form.addRow(self.tr("Review points (one per line)"), self.review)
        form.addRow(self.tr("Legal basis"), self.legal)
        form.addRow(self.tr("Delivery"), _row(*self.delivery.values(), self.tr("Fee"), self.fee))
        form.addRow(self.tr("Search keywords"), self.keywords)
        mats = QLabel(self.tr("&Materials"))
        mats.setBuddy(self.materials)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addLayout(form)
        rv.addWidget(_row(mats, None, self.add_row, self.del_row))
        rv.addWidget(self.materials, 1)
        rv.addWidget(_row(self.save_button, self.new_button, self.sign, None, self.import_button,
                          self.export_button))
        rv.addWidget(self.message)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("catalogSplit")
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(1, 1)
        self._list_need = 0  # the list's width for its longest row, once the catalog is in
        self._user_split = False  # a supervisor's drag wins over the computed width
        self.split.splitterMoved.connect(lambda *_: setattr(self, "_user_split", True))
        QVBoxLayout(self).addWidget(self.split)
        order = [self.filter, self.items, self.code, self.name, self.window_box, self.department,
                 self.kind, self.item_type, self.statutory, self.statutory_unit, self.promised,
                 self.promised_unit, self.finish, self.agent, self.check, self.conditions,
                 self.review, self.legal, *self.delivery.values(), self.fee, self.keywords,
                 self.add_row, self.del_row, self.materials, self.save_button, self.new_button,
                 self.sign, self.import_button, self.export_button]
        for a, b in pairwise(order):
            self.setTabOrder(a, b)
        for edit in (self.conditions, self.review):
            edit.setTabChangesFocus(True)  # Tab moves on; Enter still breaks a line
        self.setFocusProxy(self.filter)  # Ctrl+6 to this tab = ready to type an item's name

    def _fit_list(self) -> None:
        """Give the list the width of its longest row, up to 45% of the editor's width."""
        if self._user_split or not self._list_need:
            return
        total = sum(self.split.sizes())
        if total <= 0:
            return
        left = min(self._list_need, int(total * 0.45))
        self.split.setSizes([left, total - left])

    def _measure_list(self) -> None:
        """The width showing every row whole: text, the delegate's margins, frame, scroll bar."""
        fm = self.items.fontMetrics()
        rows = self.catalog.items if self.catalog else ()
        text = max((fm.horizontalAdvance(_row_text(i)) for i in rows), default=0)
        style = self.items.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.items) + 1)
        bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.items)
        self._list_need = text + margin + 2 * self.items.frameWidth() + bar + 8

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_list()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_list()

    def _to_list(self) -> None:
        """Enter in the filter: to the list, on its first row when none is picked."""
        if self.items.count() and self.items.currentRow() < 0:
            self.items.setCurrentRow(0)
        self.items.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh(self, select: str = "") -> None:
        def show(data: CatalogData) -> None:
            self.catalog = data
            self._measure_list()
            self._fill_list()
            self._fit_list()
            if select:
                self.select(select)

        submit(self, self.svc.catalog, show, lambda e: say(self.message, str(e), True))

    def _fill_list(self) -> None:
        text = self.filter.text().strip().lower()
        self.items.clear()
        for item in self.catalog.items if self.catalog else ():
            if text and text not in f"{item.code} {item.name}".lower():
                continue
            row = QListWidgetItem(_row_text(item))
            row.setData(256, item.code)
            row.setToolTip(_row_text(item))
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
        self.check.setToolTip(state)  # often longer than the field: the whole note on hover
        self.check.setCursorPosition(0)
        self.finish.setChecked(spec.front_desk_can_finish)
        self.agent.setChecked(spec.agent_allowed)
        self.conditions.setPlainText(spec.conditions)
        self.review.setPlainText("\n".join(spec.review_points))
        self.legal.setText(spec.legal_basis)
        self.legal.setToolTip(spec.legal_basis)
        self.legal.setCursorPosition(0)  # its start (the law's name), not its tail
        self.fee.setText(spec.fee.summary + (f"（{spec.fee.basis}）" if spec.fee.basis else ""))
        self.fee.setToolTip(self.fee.text())
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
                cell = QTableWidgetItem(v)
                cell.setToolTip(v)  # long names and conditions are cut at 300 px
                self.materials.setItem(r, c, cell)
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


def _row(*parts: QWidget | str | None) -> QWidget:
    """Widgets side by side: a string is a label, None a stretch."""
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    for p in parts:
        if p is None:
            lay.addStretch(1)
        else:
            lay.addWidget(QLabel(p) if isinstance(p, str) else p)
    return box


def _row_text(item: ItemSpec) -> str:
    return f"{item.code}  {item.name}"


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _number(text: str, what: str) -> int | None:
    """A count typed into the table: empty is None; anything else must be digits."""
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"{what}应为整数，实为“{text}”")
    return int(text)
