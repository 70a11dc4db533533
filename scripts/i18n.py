#!/usr/bin/env python3
"""Translations: extract UI strings, fill Chinese from per-area JSON, compile one .qm.

Source strings in the code are English (Qt's convention). Each UI area keeps its Chinese
in ``resources/i18n/zh_CN/<area>.json`` as {context: {source: translation}}, so helpers
working on different areas never edit the same file. This script:

1. runs ``pyside6-lupdate`` over ``counter_app/ui`` into ``build/i18n/extracted.ts``;
2. fills every message from the JSON files into ``resources/i18n/counter_zh_CN.ts``;
3. compiles it with ``pyside6-lrelease`` into ``resources/i18n/counter_zh_CN.qm``.

``--check`` exits 1 listing every UI string that has no Chinese translation (the test
suite runs it). ``--missing AREA`` prints a JSON skeleton of untranslated strings.

Qt's own strings (file dialogs...) would come from ``qtbase_zh_CN.qm``, which
PySide6-Essentials does not ship: contexts named like Qt's classes (``QFileDialog``...) in the
JSON files are added to the .ts as they are, so the app's .qm carries them. A key written
``source||comment`` is a message with a disambiguation comment (Qt's ``tr(source, comment)``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TS_OUT = I18N / "counter_zh_CN.ts"
QM_OUT = I18N / "counter_zh_CN.qm"
BUILD = ROOT / "build" / "i18n"


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / name
    if exe.exists():
        return str(exe)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (install PySide6-Essentials)")
    return found


def extract() -> ET.ElementTree:
    BUILD.mkdir(parents=True, exist_ok=True)
    out = BUILD / "extracted.ts"
    out.unlink(missing_ok=True)
    sources = sorted(str(p) for p in (ROOT / "counter_app" / "ui").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), "-silent", "-no-obsolete", *sources,
                    "-ts", str(out)], check=True, cwd=ROOT)
    return ET.parse(out)


def load_translations() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for f in sorted((I18N / "zh_CN").glob("*.json")):
        for ctx, table in json.loads(f.read_text(encoding="utf-8")).items():
            merged.setdefault(ctx, {}).update(table)
    return merged


def fill(tree: ET.ElementTree, table: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    missing = []
    root = tree.getroot()
    root.set("language", "zh_CN")
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            text = table.get(name, {}).get(source)
            if text:
                tr.text = text
                tr.attrib.pop("type", None)
            else:
                tr.text = None
                tr.set("type", "unfinished")
                missing.append((name, source))
    return missing


def add_qt_contexts(tree: ET.ElementTree, table: dict[str, dict[str, str]]) -> int:
    """Qt's own contexts from the JSON (not found in our code by lupdate); returns how many
    messages were added."""
    root = tree.getroot()
    present = {ctx.findtext("name") for ctx in root.iter("context")}
    added = 0
    for name, messages in sorted(table.items()):
        if name in present or not (name.startswith("Q") and name[1:2].isupper()):
            continue
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = name
        for key, text in messages.items():
            source, _, comment = key.partition("||")
            msg = ET.SubElement(ctx, "message")
            ET.SubElement(msg, "source").text = source
            if comment:
                ET.SubElement(msg, "comment").text = comment
            ET.SubElement(msg, "translation").text = text
            added += 1
    return added


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail on untranslated strings")
    ap.add_argument("--missing", metavar="AREA", help="print a JSON skeleton of missing strings")
    args = ap.parse_args()
    tree = extract()
    table = load_translations()
    missing = fill(tree, table)
    add_qt_contexts(tree, table)
    if args.missing:
        skeleton: dict[str, dict[str, str]] = {}
        for ctx, src in missing:
            skeleton.setdefault(ctx, {})[src] = ""
        print(json.dumps(skeleton, ensure_ascii=False, indent=2))
        return 0
    if args.check:
        for ctx, src in missing:
            print(f"untranslated: [{ctx}] {src!r}")
        return 1 if missing else 0
    ET.indent(tree)
    tree.write(TS_OUT, encoding="utf-8", xml_declaration=True)
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TS_OUT), "-qm", str(QM_OUT)],
                   check=True, cwd=ROOT)
    print(f"{QM_OUT.relative_to(ROOT)}: {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
