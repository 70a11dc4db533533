"""The key card and docs/KEYS.md, both made from ``keyhelp.SCREENS`` so they cannot drift.

* ``card_pdf()``: the one-page card in the UI's language (documents/keycard.py lays it out);
  ``send_card`` prints it from F1 (Ctrl+P) on the remembered printer, else saves the PDF in
  the print folder; ``counter-admin keycard`` makes it from the command line.
* ``markdown()``: the per-screen tables of docs/KEYS.md, English beside Chinese, between the
  ``keys:begin``/``keys:end`` markers. ``python -m counter_app.ui.keycard --markdown`` rewrites
  them; a test fails when the file and the lists differ.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from ..documents.keycard import render_key_card
from .keyhelp import all_sections

translate = QCoreApplication.translate  # lupdate extracts translate("KeyHelp", "...")
DOC = Path(__file__).resolve().parents[2] / "docs" / "KEYS.md"
BEGIN = "<!-- keys:begin -->"  # made by `python -m counter_app.ui.keycard --markdown`
END = "<!-- keys:end -->"
CARD_NAME = "counter-key-card.pdf"


def card_pdf() -> bytes:
    title = translate("KeyHelp", "Counter: the keys of every screen")
    subtitle = translate("KeyHelp", "F1 on any screen lists its keys · a scanner works anywhere")
    return render_key_card(title, subtitle, all_sections(card=True))


def send_card(ops: Any, parent: Any, done: Callable[[str], None],
              failed: Callable[[BaseException], None]) -> None:
    """Print the card on the remembered (or default) printer; with none, save it as a PDF in
    the print folder. Rendering and printing run on ``ops``' print thread, never the GUI one."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    from .printing import pdf_dir, print_pdf, remembered

    printer = remembered("", "printer") or QPrinterInfo.defaultPrinterName()
    names = [p.printerName() for p in QPrinterInfo.availablePrinters()]
    sections_title = translate("KeyHelp", "Counter: the keys of every screen")
    subtitle = translate("KeyHelp", "F1 on any screen lists its keys · a scanner works anywhere")
    sections = all_sections(card=True)  # translated here, on the GUI thread
    folder = pdf_dir()

    def work() -> str:
        pdf = render_key_card(sections_title, subtitle, sections)
        if printer in names:
            qp = QPrinter(QPrinterInfo.printerInfo(printer), QPrinter.PrinterMode.HighResolution)
            qp.setDocName("counter-key-card")
            print_pdf(pdf, qp)
            return printer
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / CARD_NAME
        path.write_bytes(pdf)
        return str(path)

    ops.printing(parent, work, done, failed)


def _table(en: list[tuple[str, str]], zh: list[tuple[str, str]]) -> list[str]:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    rows = ["| key | does | 中文 |", "| --- | --- | --- |"]
    for (key, what), (zkey, zwhat) in zip(en, zh, strict=True):
        shown = key if key == zkey else f"{key} ({zkey})"
        rows.append(f"| {cell(shown)} | {cell(what)} | {cell(zwhat)} |")
    return rows


def markdown(app: QCoreApplication) -> str:
    """The generated block: every screen in English (the source) and Chinese (as shown)."""
    from .i18n import install_translator

    install_translator(app, "en")
    en = all_sections()
    install_translator(app, "zh_CN")
    zh = all_sections()
    lines = [BEGIN]
    for (title, keys), (ztitle, zkeys) in zip(en, zh, strict=True):
        lines += ["", f"### {title} · {ztitle}", "", *_table(list(keys), list(zkeys))]
    return "\n".join([*lines, "", END])


def replace_block(text: str, block: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + block + text[end:]


def app_for_cli() -> QCoreApplication:
    """A Qt application for the command line (headless without a display), in Chinese."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from .i18n import install_translator

    app = QApplication.instance() or QApplication([])
    install_translator(app, "zh_CN")
    return app


def make_card(out: Path, printer_name: str | None = None) -> str:
    """``counter-admin keycard``: the card to a printer, else to ``out``; returns where.
    OSError with a Chinese message when the printer does not exist or the file cannot be
    written."""
    app_for_cli()
    pdf = card_pdf()
    if printer_name:
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        from .printing import print_pdf

        info = QPrinterInfo.printerInfo(printer_name)
        if info.isNull():
            names = "、".join(QPrinterInfo.availablePrinterNames()) or "（本机没有打印机）"
            raise OSError(f"没有名为“{printer_name}”的打印机；可用：{names}")
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName("counter-key-card")
        print_pdf(pdf, printer)
        return printer_name
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        raise OSError(f"无法写入 {out}：{exc.strerror or exc}") from None
    return str(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m counter_app.ui.keycard")
    ap.add_argument("--markdown", nargs="?", const=str(DOC), metavar="KEYS.md",
                    help="rewrite the generated tables of docs/KEYS.md")
    ap.add_argument("--pdf", metavar="FILE", help="write the key card")
    args = ap.parse_args(argv)
    app = app_for_cli()
    if args.markdown:
        path = Path(args.markdown)
        path.write_text(replace_block(path.read_text(encoding="utf-8"), markdown(app)), encoding="utf-8")
        print(f"{path}: key tables rewritten")
    if args.pdf:
        Path(args.pdf).write_bytes(card_pdf())
        print(f"{args.pdf}: key card written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
