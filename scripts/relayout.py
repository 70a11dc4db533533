"""Re-lay ``counter_app`` by domain (issue 18, item 3): a codemod, safe to run again.

    python scripts/relayout.py [--dry-run]

1. ``git mv``s each module named in ``MOVES`` to its package (creating the package's
   ``__init__.py`` from ``PACKAGES``); the old row-sync engine goes to ``legacy_sync/`` and
   ``sync/`` keeps what the hall service and the PCs still share (capture, journal, tables).
2. Rewrites every import (absolute, relative, a module imported by name from its package,
   names imported from ``counter_app.sync``'s old package API) in the Python files, and every
   dotted path (``counter_app.services.intake_rows``, ``python -m ...``, mock targets) and file
   path (``counter_app/services/intake_rows.py``, ``services/intake_rows.py``) in the Python,
   Markdown, TOML, spec, shell and YAML files of the repository.
3. Sorts the imports it touched (``ruff --select I --fix``) and prints what it left alone: a
   module of ``services/`` or ``sync/`` the table does not know stays put, with a warning
   (add it to ``MOVES``), and any lint the rewriting caused.

Run on a clean work tree; review with ``git status``/``git diff`` and commit the result as
one commit. A second run finds nothing to move and changes nothing. After the move, name a
new package with a trailing slash in prose (``services/intake/``): a bare old module name
(``services/intake``, ``services.audit``) is taken for the old module and rewritten.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import subprocess
import sys
import tokenize
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "counter_app"

# old module -> new module, both below counter_app. A module missing from the tree is skipped
# (some of these come from branches merged after this table was written).
MOVES: dict[str, str] = {
    # intake: receiving an application at the counter
    "services.intake": "services.intake.service",
    "services.intake_rows": "services.intake.rows",
    "services.rules": "services.intake.rules",
    "services.drafts": "services.intake.drafts",
    "services.validation": "services.intake.validation",
    "services.ledger_import": "services.intake.ledger_import",
    "services.numbering": "services.intake.numbering",
    "services.scan_detector": "services.intake.scan_detector",
    "services.supplement_rows": "services.intake.supplement_rows",
    # handoff: custody of the file after acceptance
    "services.handoff": "services.handoff.service",
    "services.timeline": "services.handoff.timeline",
    "services.case_queries": "services.handoff.case_queries",
    "services.custody_report": "services.handoff.custody_report",
    "services.causal": "services.handoff.causal",
    # catalog: the service-item catalog (the package exists; its loose modules join it)
    "services.catalog_io": "services.catalog.exchange",
    "services.catalog_search": "services.catalog.search",
    "services.catalog_store": "services.catalog.store",
    "services.catalog_signoff": "services.catalog.signoff",
    "services.counter_catalog": "services.catalog.counter_view",
    # supervision: aftercare and the bulletin
    "services.complaints": "services.supervision.complaints",
    "services.consultations": "services.supervision.consultations",
    "services.evaluations": "services.supervision.evaluations",
    "services.bulletin": "services.supervision.bulletin.build",
    "services.bulletin_charts": "services.supervision.bulletin.charts",
    "services.bulletin_model": "services.supervision.bulletin.model",
    "services.bulletin_pdf": "services.supervision.bulletin.pdf",
    "services.bulletin_queries": "services.supervision.bulletin.queries",
    "services.bulletin_tables": "services.supervision.bulletin.tables",
    "services.bulletin_xlsx": "services.supervision.bulletin.xlsx",
    # queue: tickets and calls
    "services.queue": "services.queue.service",
    "services.queue_figures": "services.queue.figures",
    "services.queue_print": "services.queue.ticket",
    # deadlines: legal time limits and the calendar they count on
    "services.deadlines": "services.deadlines.five_day",
    "services.clock_stops": "services.deadlines.clock_stops",
    "services.workdays": "services.deadlines.workdays",
    "services.calendar_store": "services.deadlines.calendar_store",
    "services.holiday_schedule": "services.deadlines.holiday_schedule",
    # audit: the event chain and its seals
    "services.events": "services.audit.events",
    "services.audit": "services.audit.chain",
    "services.audit_check": "services.audit.verify",
    "services.audit_state": "services.audit.seal",
    # printing: documents for the printer and the print log
    "services.printing": "services.printing.service",
    "services.doc_data": "services.printing.doc_data",
    "services.hall_seal": "services.printing.hall_seal",
    # people: accounts and staffing
    "services.auth": "services.people.auth",
    "services.staffing": "services.people.staffing",
    "services.op_signing": "services.people.op_signing",
    # privacy: personal data, who saw it, what the person may ask for
    "services.access_log": "services.privacy.access_log",
    "services.access_queries": "services.privacy.access_queries",
    "services.disclosure": "services.privacy.disclosure",
    "services.exports": "services.privacy.exports",
    "services.subject_report": "services.privacy.subject_report",
    "services.subject_report_pdf": "services.privacy.subject_report_pdf",
    # demo: synthetic data
    "services.demo": "services.demo.generate",
    "services.demo_child": "services.demo.child",
    "services.demo_ids": "services.demo.ids",
    "services.demo_people": "services.demo.people",
    "services.demo_queue": "services.demo.queue",
    "services.demo_rows": "services.demo.rows",
    "services.demo_seal": "services.demo.seal",
    "services.demo_writer": "services.demo.writer",
    # the row sync of halls not yet moved to the hall service
    "sync.engine": "legacy_sync.engine",
    "sync.push": "legacy_sync.push",
    "sync.apply": "legacy_sync.apply",
    "sync.rules": "legacy_sync.rules",
    "sync.conflicts": "legacy_sync.conflicts",
    "sync.reconcile": "legacy_sync.reconcile",
    "sync.credentials": "legacy_sync.credentials",
    "sync.server_setting": "legacy_sync.server_setting",
    # moved before this script (the pre-move commits): code from branches merged later that
    # still names the old place is rewritten all the same
    "sync.identity": "ids.stable",
    "services.server_setting": "legacy_sync.server_setting",
    "sync.pgtest": "tests.pgtest",
    "documents.samples": "tests.documents.samples",
}
# Modules that stay where they are, on purpose (no warning for them).
KEEP = {
    "services", "services.context", "services.operations", "services.settings",
    "sync", "sync.backoff", "sync.bulk", "sync.capture", "sync.connection", "sync.errors",
    "sync.pull", "sync.report", "sync.server", "sync.tables",
}
WATCHED = ("services", "sync")  # folders whose unknown modules are reported

PACKAGES: dict[str, str] = {
    "services.intake": "Receiving an application at the counter: the checklist, the rules on who "
                       "may accept,\nvalidation, numbering, drafts, the ledger import.",
    "services.handoff": "Custody of a file after acceptance: handoff batches, the case's "
                        "timeline, look-ups,\nthe custody report.",
    "services.supervision": "Supervision after the counter: complaints, consultations, "
                            "evaluations and the\nbulletin (``bulletin/``).",
    "services.supervision.bulletin": "The supervision bulletin (每日一通报、每日一小结): its "
                                     "figures, model, tables, charts,\nPDF and workbook.",
    "services.queue": "The hall's queue (叫号): tickets, calls, the waiting figures, the ticket "
                      "printout.",
    "services.deadlines": "Legal time limits: the five-day rule, stopped clocks and extensions, "
                          "working days and\nthe holiday calendar.",
    "services.audit": "The tamper-evident event log: appending, sealing case rows, checking "
                      "chains, verify-audit.",
    "services.printing": "Producing documents for the printer from the database, and the print "
                         "log.",
    "services.people": "Staff accounts, roles and the staffing plan.",
    "services.privacy": "Personal data: the access log, disclosure rules, exports and the "
                        "subject's report.",
    "services.demo": "Synthetic demo data for demos and benchmarks.",
    "legacy_sync": "",  # made from sync/__init__.py (the old engine's package API)
}
SYNC_DOC = '''"""What the hall service and the PCs share of synchronisation. Qt-free.

Change capture by triggers (capture.py), which tables sync and their canonical rows
(tables.py), the journal a PC pulls (pull.py, bulk.py), reaching and creating the shared
database (connection.py, server.py), what a round reports (report.py) and its errors. Who
decides what: RULES.md. The old row-sync engine, for halls not yet moved to the hall
service, is ``counter_app/legacy_sync``.
"""
'''
LEGACY_DOC = '''"""The old row sync: a PC's SQLite pushed to and pulled from a shared database, kept for
halls not yet moved to the hall service (docs/HALL-SERVICE.md); an enrolled PC never uses it.
Qt-free.

Start with ``SyncEngine`` (engine.py); its conflict rules are coded in rules.py (the sync's
rules: ``counter_app/sync/RULES.md``). What it shares with the hall service (capture,
tables, the journal) is in ``counter_app/sync``.
"""
'''
TEXT_SUFFIXES = {".py", ".md", ".toml", ".spec", ".sh", ".ps1", ".yaml", ".yml", ".cfg",
                 ".ini", ".txt", ".nsi", ".in", ".service"}
SELF = Path(__file__).resolve()


def full(mod: str) -> str:
    if mod.startswith("tests."):  # a test harness: outside the app
        return mod
    return f"{APP}.{mod}" if mod else APP


def path_of(mod: str) -> Path:
    """The file of a dotted module below counter_app (a module, or a package's __init__)."""
    base = ROOT / APP / Path(*mod.split(".")) if mod else ROOT / APP
    return base.with_suffix(".py") if base.with_suffix(".py").exists() else base / "__init__.py"


def new_file(mod: str) -> Path:
    return ROOT / APP / Path(*mod.split(".")).with_suffix(".py")


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout


def tracked() -> list[Path]:
    return [ROOT / p for p in git("ls-files", "-z").split("\0") if p]


def module_of(path: Path) -> str | None:
    """Dotted module of a file below counter_app (without the prefix), or None."""
    try:
        rel = path.relative_to(ROOT / APP)
    except ValueError:
        return None
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# -- the state of the tree ------------------------------------------------------------------

def pending_moves() -> dict[str, str]:
    """Moves whose module is still at its old place (a file ``old.py``)."""
    return {o: n for o, n in MOVES.items() if new_file(o).exists() and not new_file(n).exists()}


def sync_api() -> dict[str, str]:
    """Name -> defining module (old) of the old ``counter_app.sync`` package API."""
    init = ROOT / APP / "sync" / "__init__.py"
    names: dict[str, str] = dict(_SYNC_API)
    if init.exists():
        for node in ast.parse(init.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                for a in node.names:
                    names[a.asname or a.name] = f"sync.{node.module}"
    return names


_SYNC_API = {  # the package API as of the branch point, for code written against it later
    "next_delay": "sync.backoff", "ConflictView": "sync.conflicts",
    "list_conflicts": "sync.conflicts", "resolve_conflict": "sync.conflicts",
    "redact": "sync.connection", "test_connection": "sync.connection",
    "load_server_url": "sync.credentials", "store_server_url": "sync.credentials",
    "SyncEngine": "sync.engine", "ServerNotReady": "sync.errors",
    "ServerUnavailable": "sync.errors", "SyncError": "sync.errors", "ReconRow": "sync.reconcile",
    "reconcile": "sync.reconcile", "SyncReport": "sync.report", "SyncStatus": "sync.report",
    "ServerInfo": "sync.server", "init_server": "sync.server",
}


def sync_split_pending() -> bool:
    init = ROOT / APP / "sync" / "__init__.py"
    return init.exists() and any(isinstance(n, ast.ImportFrom | ast.Import)
                                 for n in ast.parse(init.read_text(encoding="utf-8")).body)


# -- module names ---------------------------------------------------------------------------

class Layout:
    """Old and new module names, and which names are packages after the move."""

    def __init__(self, pending: dict[str, str]) -> None:
        self.pending = pending
        self.new_modules = set(MOVES.values()) | set(PACKAGES)
        self.children: dict[str, set[str]] = {}
        for m in self.new_modules | set(KEEP) | self._existing():
            parts = m.split(".")
            for i in range(1, len(parts)):
                self.children.setdefault(".".join(parts[:i]), set()).add(parts[i])

    @staticmethod
    def _existing() -> set[str]:
        out = set()
        for p in (ROOT / APP).rglob("*.py"):
            m = module_of(p)
            if m:
                out.add(m)
        return out

    def is_child(self, package: str, name: str) -> bool:
        return name in self.children.get(package, set())

    def mapped(self, mod: str) -> str:
        return MOVES.get(mod, mod)


def resolve(module: str | None, level: int, here: str, is_pkg: bool) -> str:
    """Absolute module (below counter_app, '' for counter_app) of a relative import."""
    if level == 0:
        assert module is not None
        return module.removeprefix(APP).removeprefix(".")
    parts = here.split(".") if here else []
    if not is_pkg:
        parts = parts[:-1]
    parts = parts[:len(parts) - (level - 1)] if level > 1 else parts
    return ".".join(parts + ([module] if module else []))


def relative(target: str, here: str, is_pkg: bool) -> str:
    """``from <this> import`` for ``target`` seen from module ``here``."""
    if target.startswith("tests."):
        return target
    pkg = (here.split(".") if here else []) if is_pkg else here.split(".")[:-1]
    tgt = target.split(".") if target else []
    common = 0
    while common < min(len(pkg), len(tgt)) and pkg[common] == tgt[common]:
        common += 1
    return "." * (len(pkg) - common + 1) + ".".join(tgt[common:])


# -- Python imports -------------------------------------------------------------------------

def comments_in(source: str, start: tuple[int, int], end: tuple[int, int]) -> list[str]:
    out = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT and start <= tok.start <= end:
                out.append(tok.string)
    except (tokenize.TokenError, SyntaxError):
        pass
    return out


def rewrite_imports(source: str, old_here: str | None, new_here: str | None, is_pkg: bool,
                    layout: Layout, api: dict[str, str], split: bool) -> str:
    """Rewrite the ``from X import`` statements of one file whose meaning moved."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 0 and not (node.module == APP or (node.module or "").startswith(APP + ".")):
            continue
        if node.level and old_here is None:
            continue
        base = resolve(node.module, node.level, old_here or "", is_pkg)
        groups: dict[str, list[str]] = {}
        changed = bool(node.level) and old_here != new_here
        for a in node.names:
            target, name = base, a.name
            sub = f"{base}.{a.name}" if base else a.name
            if sub in MOVES and (sub in layout.pending or not layout.is_child(base, a.name)):
                new = MOVES[sub]
                target, name = new.rsplit(".", 1)
                changed = True
            elif base in MOVES and (base in layout.pending or not layout.is_child(base, a.name)):
                target = MOVES[base]
                changed = True
            elif base == "sync" and a.name in api and not layout.is_child("sync", a.name) and (
                    split or not _defined_in(ROOT / APP / "sync" / "__init__.py", a.name)):
                where = layout.mapped(api[a.name])
                target = "legacy_sync" if where.startswith("legacy_sync") else where
                changed = True
            alias = a.asname or (a.name if name != a.name else None)
            groups.setdefault(target, []).append(f"{name} as {alias}" if alias and alias != name
                                                 else name)
        if not changed:
            continue
        stmts = []
        for target, names in groups.items():
            if node.level:
                where = relative(target, new_here or "", is_pkg)
            else:
                where = full(target)
            stmts.append(f"from {where} import {', '.join(names)}")
        indent = " " * node.col_offset
        comments = comments_in(source, (node.lineno, node.col_offset),
                               (node.end_lineno or node.lineno, node.end_col_offset or 0))
        if comments:
            stmts[0] += "  " + " ".join(comments)
        text = ("\n" + indent).join(stmts)
        start = offsets[node.lineno - 1] + node.col_offset
        end = offsets[(node.end_lineno or node.lineno) - 1] + (node.end_col_offset or 0)
        edits.append((start, end, text))
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    return source


def _defined_in(path: Path, name: str) -> bool:
    if not path.exists():
        return False
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom | ast.Import):
            if any((a.asname or a.name) == name for a in node.names):
                return True
        elif isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            return True
        elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return True
    return False


# -- dotted names and paths in any text -----------------------------------------------------

def text_rules() -> list[tuple[re.Pattern[str], str, str, str]]:
    """(pattern, old, new, kind) for every move, longest old name first. ``short`` rules
    (``services.intake``, ``services/intake`` without ``counter_app``) apply to a Python
    file's comments and strings only, since in code they could be an attribute."""
    rules = []
    for old, new in sorted(MOVES.items(), key=lambda kv: -len(kv[0])):
        o, n = old.replace(".", "/"), new.replace(".", "/")
        rules.append((re.compile(rf"(?<![\w.]){re.escape(full(old))}(?!\w)"), old, full(new), "dot"))
        rules.append((re.compile(rf"(?<![\w/.]){APP}/{re.escape(o)}\.py\b"), old,
                      f"{n}.py" if n.startswith("tests/") else f"{APP}/{n}.py", "path"))
        rules.append((re.compile(rf"(?<![\w/.-]){re.escape(o)}\.py\b"), old, f"{n}.py", "path"))
        rules.append((re.compile(rf"(?<![\w./-]){re.escape(old)}(?![\w/])"), old, new, "short"))
        rules.append((re.compile(rf"(?<![\w./-]){re.escape(o)}(?![\w/])(?!\.py\b)"), old, n, "short"))
    return rules


def _apply(text: str, rules: list[tuple[re.Pattern[str], str, str, str]],
           layout: Layout) -> str:
    for pattern, old, new, kind in rules:

        def sub(m: re.Match[str], old: str = old, new: str = new, kind: str = kind) -> str:
            child = re.match(r"\.(\w+)", m.string[m.end():])
            if kind != "path" and child and layout.is_child(old, child.group(1)):
                return m.group(0)  # already a module of the new package
            return new

        text = pattern.sub(sub, text)
    return text


def _prose_spans(source: str) -> list[tuple[int, int]]:
    """Offsets of the comments and strings of Python source."""
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    spans = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in (tokenize.COMMENT, tokenize.STRING):
                spans.append((offsets[tok.start[0] - 1] + tok.start[1],
                              offsets[tok.end[0] - 1] + tok.end[1]))
    except (tokenize.TokenError, SyntaxError):
        return []
    return spans


def _from_import_spans(source: str) -> list[tuple[int, int]]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return sorted((offsets[n.lineno - 1] + n.col_offset,
                   offsets[(n.end_lineno or n.lineno) - 1] + (n.end_col_offset or 0))
                  for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))


def rewrite_text(text: str, rules: list[tuple[re.Pattern[str], str, str, str]],
                 layout: Layout, python: bool) -> str:
    if not python:
        return _apply(text, rules, layout)
    # ``from X import`` statements are the import pass's (names there may be new packages).
    code = [r for r in rules if r[3] != "short"]
    pieces, last = [], 0
    for start, end in _from_import_spans(text):
        pieces += [_apply(text[last:start], code, layout), text[start:end]]
        last = end
    text = "".join([*pieces, _apply(text[last:], code, layout)])
    short = [r for r in rules if r[3] == "short"]
    for start, end in reversed(_prose_spans(text)):
        text = text[:start] + _apply(text[start:end], short, layout) + text[end:]
    return text


# -- moving files ---------------------------------------------------------------------------

def plan(pending: dict[str, str]) -> dict[Path, Path]:
    return {new_file(o): new_file(n) for o, n in pending.items()}


def warn_unknown() -> list[str]:
    known = set(MOVES) | set(MOVES.values()) | KEEP | set(PACKAGES)
    out = []
    for folder in WATCHED:
        for p in sorted((ROOT / APP / folder).glob("*.py")):
            m = module_of(p)
            if m and m not in known:
                out.append(f"warning: {p.relative_to(ROOT)} is not in the table: it stays put")
    return out


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dry-run", action="store_true", help="print the moves, change nothing")
    args = ap.parse_args(list(argv) if argv is not None else None)

    pending = pending_moves()
    split = sync_split_pending()
    api = sync_api()
    moves = plan(pending)
    warnings = warn_unknown()
    for src, dst in moves.items():
        print(f"move {src.relative_to(ROOT)} -> {dst.relative_to(ROOT)}")
    if split:
        print(f"move {APP}/sync/__init__.py -> {APP}/legacy_sync/__init__.py (a new sync/__init__.py)")
    if args.dry_run:
        print("\n".join(warnings))
        return 0

    files = [p for p in tracked() if p.exists() and p.resolve() != SELF
             and (p.suffix in TEXT_SUFFIXES or p.parent.name == ".ci")]
    # Where each Python file of the app was, and will be.
    where: dict[Path, tuple[str | None, str | None, bool]] = {}
    for p in files:
        mod = module_of(p)
        is_pkg = p.name == "__init__.py"
        new_mod = MOVES.get(mod, mod) if mod is not None and mod in pending else mod
        if split and mod == "sync":
            new_mod = "legacy_sync"
        where[p] = (mod, new_mod, is_pkg)

    # 1. rewrite contents in place (old places), 2. move.
    layout = Layout(pending)
    rules = text_rules()
    touched_py: list[Path] = []
    for p in files:
        text = p.read_text(encoding="utf-8")
        new_text = text
        if p.suffix == ".py":
            old_mod, new_mod, is_pkg = where[p]
            try:
                new_text = rewrite_imports(new_text, old_mod, new_mod, is_pkg, layout, api, split)
            except SyntaxError:
                warnings.append(f"warning: {p.relative_to(ROOT)} does not parse: imports left")
        new_text = rewrite_text(new_text, rules, layout, p.suffix == ".py")
        if split and where.get(p, (None,))[0] == "sync" and p.name == "__init__.py":
            new_text = LEGACY_DOC + new_text[new_text.index('"""', 3) + 4:]
        if new_text != text:
            p.write_text(new_text, encoding="utf-8")
            if p.suffix == ".py":
                touched_py.append(p)

    for src, dst in moves.items():
        dst.parent.mkdir(parents=True, exist_ok=True)
        git("mv", str(src), str(dst))
    if split:
        init = ROOT / APP / "legacy_sync" / "__init__.py"
        init.parent.mkdir(parents=True, exist_ok=True)
        git("mv", f"{APP}/sync/__init__.py", str(init))
        (ROOT / APP / "sync" / "__init__.py").write_text(SYNC_DOC, encoding="utf-8")
        git("add", f"{APP}/sync/__init__.py")
    for pkg, doc in PACKAGES.items():
        init = ROOT / APP / Path(*pkg.split(".")) / "__init__.py"
        if not init.exists() and doc:
            init.parent.mkdir(parents=True, exist_ok=True)
            init.write_text(f'"""{doc}"""\n', encoding="utf-8")
            git("add", str(init))

    touched = [str(_moved(p, moves, split)) for p in touched_py]
    touched = [t for t in touched if Path(t).exists()]
    ruff = [sys.executable, "-m", "ruff"]
    if touched:
        subprocess.run([*ruff, "check", "--fix", "--select", "I", "--quiet", *touched], cwd=ROOT,
                       check=False)
    for w in warnings:
        print(w)
    left = subprocess.run([*ruff, "check", "--quiet", *touched], cwd=ROOT, check=False,
                          capture_output=True, text=True).stdout if touched else ""
    if left:
        print("ruff found after the rewrite (fix in the table or by hand before committing):")
        print(left)
    return 0


def _moved(p: Path, moves: dict[Path, Path], split: bool) -> Path:
    if p in moves:
        return moves[p]
    if split and p == ROOT / APP / "sync" / "__init__.py":
        return ROOT / APP / "legacy_sync" / "__init__.py"
    return p


if __name__ == "__main__":
    sys.exit(main())
