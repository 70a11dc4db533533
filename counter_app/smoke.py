"""``counter-app --smoke``: prove an installed or frozen Counter works, offscreen, in seconds.

Opens a data folder (a new temporary one unless ``--data-dir``), creates or upgrades the
database, loads the shipped catalog (only into a database that has none), renders a one-time
notice with its Code 128 barcode to a PDF in that folder, checks the PDF and the barcode's
modules (against reportlab's own encoder, whose modules are imported dynamically and are the
first thing a frozen build loses), reopens the PDF in QtPdf, checks the bundled font and the
Chinese translation, and prints one line. Exit 0 when all is well, 1 naming the failed step.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

START_C, STOP = "11010011100", "1100011101011"  # Code 128 start code C and stop patterns
PDF_NAME = "smoke-one-time-notice.pdf"


class SmokeFailure(Exception):
    pass


def _say(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    if stream is not None:  # a windowed Windows build has no console
        stream.write(text + "\n")
        stream.flush()


def _notice_pdf(folder: Path) -> tuple[bytes, str, int]:
    """Database, catalog, one-time notice: (pdf, case number, items in the catalog)."""
    from sqlalchemy import select

    from .bootstrap import open_database, terminal_code
    from .documents import CaseDoc, MaterialLine, MaterialStatus, Party, PartyKind, render
    from .models import Department, HallWindow, hall_now
    from .paths import resource
    from .services.catalog.exchange import load_catalog
    from .services.catalog.store import current_versions, import_catalog
    from .services.intake.numbering import KIND_CASE, format_number
    from .services.printing.doc_data import hall_info

    db = open_database(folder)
    try:
        terminal = terminal_code(db) or "01"
        with db.transaction() as s:
            if not current_versions(s):
                import_catalog(s, load_catalog(resource("catalog", "luoshan.yaml")), terminal=terminal)
            items = current_versions(s)
            ver = next((v for v in items if v.materials), None)
            if ver is None:
                raise SmokeFailure("事项目录中没有带申请材料的事项")
            dep = s.execute(select(Department).where(Department.code == ver.department_code)).scalar()
            win = s.execute(select(HallWindow).where(HallWindow.code == ver.window_code)).scalar()
            now = hall_now().replace(microsecond=0)
            case_no = format_number(now.date(), KIND_CASE, terminal, 1)
            lines = [MaterialLine(m.seq, m.name, m.form, m.copies, 0, MaterialStatus.MISSING,
                                  "未提交", m.note or "请补交") for m in ver.materials]
            doc = CaseDoc(
                hall=hall_info(s), case_no=case_no, item_name=ver.name, item_code=ver.code,
                department=dep.name if dep else ver.department_code,
                window_name=win.name if win else ver.window_code, clerk_name="自检",
                clerk_phone="0376-0000000", received_at=now, materials=lines,
                applicant=Party(PartyKind.PERSON, "自检申请人", id_no="11010519491231002X"),
            )
        pdf = render("one_time_notice", doc, layout="a4")
    finally:
        db.dispose()
    (folder / PDF_NAME).write_bytes(pdf)
    return pdf, case_no, len(items)


def _check_barcode(case_no: str) -> None:
    from reportlab.graphics.barcode.code128 import Code128

    from .documents.barcodes import code128_modules

    ours = code128_modules(case_no)
    ref = Code128(case_no)
    ref.validate()
    ref.encode()
    ref.decompose()  # upper case = bar, lower = space, a..d = 1..4 modules wide
    theirs = "".join(("1" if c.isupper() else "0") * (ord(c.lower()) - 96) for c in ref.decomposed)
    # start C + 10 digit pairs + check symbol, 11 modules each, then the 13-module stop
    if not (ours == theirs and ours.startswith(START_C) and ours.endswith(STOP)
            and len(ours) == 11 * (2 + len(case_no) // 2) + 13):
        raise SmokeFailure(f"条码 {case_no} 的模块串不对：{ours}")


def _check_qt(pdf_path: Path, case_no: str) -> str:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from .ui.fonts import install_app_font
    from .ui.i18n import install_translator

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # a widgets app, never a bare QCoreApplication
    family = install_app_font(app)
    if not family:
        raise SmokeFailure("界面字体（resources/fonts）没有装上")
    translator = install_translator(app, "zh_CN")
    try:
        if QCoreApplication.translate("LoginWidget", "Log in") != "登录":
            raise SmokeFailure("中文界面翻译（resources/i18n/counter_zh_CN.qm）没有装上")
    finally:
        if translator is not None:
            app.removeTranslator(translator)
    pdf = QPdfDocument(app)
    try:
        if pdf.load(str(pdf_path)) != QPdfDocument.Error.None_ or pdf.pageCount() < 1:
            raise SmokeFailure(f"QtPdf 打不开生成的告知单：{pdf_path}")
        text = pdf.getAllText(0).text().replace(" ", "")
        if "一次性告知单" not in text or case_no not in text:
            raise SmokeFailure("告知单 PDF 中找不到标题或办件编号（字体未嵌入？）")
    finally:
        pdf.close()
    return family


def run(data_dir: str | None = None) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    folder = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="counter-smoke-"))
    step = "打开数据文件夹"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        step = "数据库、事项目录与告知单"
        pdf, case_no, n_items = _notice_pdf(folder)
        step = "检查 PDF"
        if not pdf.startswith(b"%PDF-"):
            raise SmokeFailure(f"{PDF_NAME} 不是 PDF")
        step = "检查条码"
        _check_barcode(case_no)
        step = "Qt 界面组件"
        family = _check_qt(folder / PDF_NAME, case_no)
    except Exception as exc:  # report any failure as one line, with the step it happened in
        _say(f"自检失败（{step}）：{type(exc).__name__}: {exc}；数据文件夹：{folder}", err=True)
        return 1
    where = f"数据文件夹 {folder}" if data_dir else "临时数据文件夹已删除"
    if not data_dir:
        shutil.rmtree(folder, ignore_errors=True)
    _say(f"自检通过：事项 {n_items} 个，一次性告知单 {len(pdf)} 字节，条码 {case_no} 正确，"
         f"字体 {family}，用时 {time.perf_counter() - started:.1f} 秒；{where}")
    return 0
