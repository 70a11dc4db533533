"""``verify-audit``: the whole check of a data folder, as an auditor with the file would run it.

1. **The file.** A missing folder or database, an empty or foreign file, or a failed
   ``PRAGMA integrity_check`` is a failure, never a pass. The folder is never created and
   the database is opened read-only (it is evidence). The full ``integrity_check`` runs
   on its own connection beside steps 2 and 3 (``IntegrityCheck``), and its verdict wins.
2. **The chains.** Every terminal's events, hashed again by the one walker
   (``audit.walk_chains``: SQLite writes each event's canonical JSON, Python hashes it);
   the first problem of a chain is located by ``audit.check_chain``. A chain of a terminal
   the hall never listed is named.
3. **The state.** Every case and handoff batch is digested from its rows and compared with
   the newest seal the chains hold for it (``audit_state.py``); a difference names the case
   or batch, the table and the field. A case with no event at all was not received here.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from ...paths import APP_AUTHOR, APP_NAME, DATA_DIR_ENV
from .chain import ChainPart, event_sql, is_partial, ordered_check, read_part, walk_chains
from .events import GENESIS
from .seal import (
    BATCH_TABLES,
    CASE_TABLES,
    DIGEST_CHARS,
    MARK,
    ROOTS,
    columns,
    parse_state,
    row_hint,
    split_hint,
)

DB_FILENAME = "counter.sqlite3"
CHUNK = 2000  # cases per state query
SPLIT_EVENTS, SPLIT_CASES = 200_000, 40_000  # beyond these, worker processes share the work
Progress = Callable[[str, int, int], None]

TABLE_LABELS = {
    "case_file": "办件", "case_material": "材料", "notice": "文书", "case_suspension": "暂停计时",
    "case_extension": "延期", "case_return": "退回", "case_decision": "审批决定",
    "issuance": "发证", "print_log": "打印记录", "handoff_batch": "交接单", "handoff_item": "交接明细",
}
FIELD_LABELS = {
    "case_no": "办件编号", "status": "状态", "applicant_name": "申请人", "applicant_id_no": "证件号码",
    "applicant_kind": "申请人类型", "legal_rep": "法定代表人", "phone": "电话", "address": "地址",
    "agent_name": "代办人", "agent_id_no": "代办人证件号码", "override_note": "校验码警告的放行理由",
    "clerk_id": "受理人", "co_clerk_id": "陪同受理人", "received_at": "收件时间",
    "accepted_on": "受理日期", "promised_due": "承诺期限", "statutory_due": "法定期限",
    "closed_at": "办结时间", "created_at": "创建时间", "updated_at": "修改时间",
    "audit_rev": "审计版本", "state": "状态", "name": "名称", "reason": "理由", "pages": "页数",
    "copies": "份数", "signed_by_id": "签收人", "signed_at": "签收时间", "outcome": "审批结果",
    "approver_id": "审批人", "collector_name": "领取人", "collector_id_no": "领取人证件号码",
    "issued_at": "签发时间", "doc_no": "文书编号", "sha256": "文书摘要", "discrepancy": "差异说明",
    "printed_at": "打印时间", "not_accepted_reason": "不予受理理由", "item_code": "事项",
}


class AuditFileError(Exception):
    """The data folder cannot be checked at all. The message is for the user."""


@dataclass(frozen=True)
class Finding:
    kind: str  # file / chain / terminal / state
    message: str
    terminal: str | None = None
    seq: int | None = None
    case_no: str | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class AuditResult:
    chains: int = 0
    events: int = 0
    cases: int = 0
    batches: int = 0
    unsealed: int = 0  # cases whose every event predates the seal: rows not covered
    findings: list[Finding] = field(default_factory=list)
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)  # terminal -> (seq, hash)
    anchors_checked: int | None = None  # heads recorded by the hall service, when fetched
    not_held: int = 0  # sealed cases and batches a PC holding part of the hall does not hold

    @property
    def ok(self) -> bool:
        return not self.findings


# -- 1. the file ----------------------------------------------------------------------------

def database_file(folder: str | Path | None, must_exist: bool = True) -> Path:
    """The database to check; never creates anything. ``must_exist=False``: only where it
    would be."""
    raw = folder or os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)
    where = Path(raw).expanduser().resolve()
    if not must_exist:
        return where / DB_FILENAME
    if not where.is_dir():
        raise AuditFileError(f"数据文件夹“{where}”不存在：没有可以审计的数据（审计不会新建文件夹）")
    path = where / DB_FILENAME
    if not path.exists():
        raise AuditFileError(f"数据文件夹“{where}”中没有数据库文件 {DB_FILENAME}：没有可以审计的数据")
    size = path.stat().st_size
    if size == 0:
        raise AuditFileError(f"数据库文件“{path}”是空文件（0 字节）：其中的记录已全部丢失，审计不能通过")
    from ... import vault
    from ...failures import StorageError, check_database_file

    if not vault.is_protected(where):  # an SQLCipher file has no readable header
        try:
            check_database_file(path)  # not SQLite at all, or cut short: said as the app says it
        except StorageError as exc:
            raise AuditFileError(f"{exc}审计不能通过。") from None
    return path


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Read-only; an encrypted folder (SQLCipher, ``vault.py``) with the key its unlocking
    left in this process (``counter-admin --user NAME verify-audit``)."""
    from ... import vault

    if vault.is_protected(path.parent):
        key = vault.unlocked(path.parent)
        if key is None:
            raise AuditFileError(f"数据文件夹“{path.parent}”已加密：请用 counter-admin --user 用户名 "
                                 "verify-audit 解锁后再审计")
        import sqlcipher3.dbapi2 as cipher

        conn = cipher.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    else:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    conn.execute("PRAGMA query_only=ON")
    return conn


def own_if_partial(conn: sqlite3.Connection) -> str | None:
    """On a PC the hall sends only part of the hall (a window's or a department's cases:
    ``hall/scope.py``), its own terminal code: other terminals' chains are held there only
    in part, and a case it no longer holds (retention) is not a deleted one. None elsewhere."""
    if not _has_table(conn, "setting"):
        return None
    got = dict(conn.execute("SELECT key, value FROM setting WHERE key IN "
                            "('hall.whole_hall', 'terminal_code')").fetchall())
    return got.get("terminal_code") or None if got.get("hall.whole_hall") == "0" else None


def integrity(conn: sqlite3.Connection, path: Path, quick: bool = False) -> None:
    """``quick``: ``quick_check`` (every page and record, not whether each index matches its
    table), for the daily run; the full run's ``integrity_check`` is several times slower."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        lines = [r[0] for r in conn.execute(f"PRAGMA {pragma}(20)")]
    except sqlite3.DatabaseError as exc:
        raise AuditFileError(f"数据库文件“{path}”已损坏，无法读取（{exc}）：审计不能通过") from None
    if lines != ["ok"]:
        what = "快速完整性检查" if quick else "完整性检查"
        raise AuditFileError(f"数据库文件“{path}”未通过{what}（PRAGMA {pragma}），"
                             f"首个问题：{lines[0]}；共报告 {len(lines)} 处：审计不能通过")


class IntegrityCheck:
    """``PRAGMA integrity_check`` on a connection of its own, beside the chains and rows
    instead of before them (a minute at a million cases). In a thread (SQLite lets go of
    the GIL while it works), or, when the run forks worker processes, in a process of its
    own: a fork while a thread is inside SQLite would copy its held locks into the child.
    Its verdict still decides: ``wait`` raises it whatever the other checks found."""

    def __init__(self, path: Path, in_process: bool, quick: bool = False) -> None:
        self.path = path
        self.quick = quick
        self.error: str | None = None
        self.pool: Any = None
        if in_process:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=1)
            self.future = self.pool.submit(file_check, str(path), quick)
            return
        import threading

        self.thread = threading.Thread(target=self._run, name="integrity_check", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.error = file_check(str(self.path), self.quick)

    def wait(self, progress: Progress | None = None) -> None:
        label = ("数据库快速完整性检查（PRAGMA quick_check）" if self.quick
                 else "数据库完整性检查（PRAGMA integrity_check）")
        running = not self.future.done() if self.pool is not None else self.thread.is_alive()
        if progress is not None and running:
            progress(label, 0, 1)
        if self.pool is not None:
            self.error = self.future.result()
            self.pool.shutdown()
        else:
            self.thread.join()
        if progress is not None:
            progress(label, 1, 1)
        if self.error is not None:
            raise AuditFileError(self.error)


def file_check(path: str, quick: bool = False) -> str | None:
    """The file's own check on a connection of its own: None, or why it fails."""
    where = Path(path)
    try:
        conn = connect_readonly(where)
        try:
            integrity(conn, where, quick)
        finally:
            conn.close()
    except AuditFileError as exc:
        return str(exc)
    except sqlite3.Error as exc:
        return f"数据库文件“{where}”已损坏，无法读取（{exc}）：审计不能通过"
    return None


def _forks(conn: sqlite3.Connection, workers: int) -> bool:
    """Whether the run will share its work among worker processes (as ``check_chains``
    and ``check_state`` decide, from the tables' sizes)."""
    if workers <= 1:
        return False
    for table, split in (("event_log", SPLIT_EVENTS), ("case_file", SPLIT_CASES),
                         ("handoff_batch", SPLIT_CASES)):
        if _has_table(conn, table) and \
                conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0] > split:
            return True
    return False


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                        (name,)).fetchone() is not None


def _columns_of(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}


# -- 2. the chains --------------------------------------------------------------------------

def chain_part(path: str, lo: int, hi: int) -> ChainPart:
    """A worker process's share of the log (``audit.read_part``) on its own connection."""
    conn = connect_readonly(Path(path))
    try:
        return read_part(conn, lo, hi)
    finally:
        conn.close()


def _spans(conn: sqlite3.Connection, table: str, parts: int) -> list[tuple[int, int]]:
    top = conn.execute(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').fetchone()[0]
    step = max(1, -(-(top + 1) // parts))
    return [(lo, lo + step - 1) for lo in range(0, top + 1, step)]


def _run(fn: Any, jobs: list[tuple[Any, ...]], workers: int,
         done: Callable[[Any], None]) -> None:
    """Run ``fn(*job)`` for every job, in worker processes when there are several."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            done(fn(*job))
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=workers) as pool:
        for fut in as_completed([pool.submit(fn, *job) for job in jobs]):
            done(fut.result())


def check_chains(conn: sqlite3.Connection, path: Path, result: AuditResult, workers: int,
                 progress: Progress | None, whole: frozenset[str] | None = None) -> set[str]:
    """Every event re-hashed by the one walker (``audit.walk_chains``), its rowid ranges
    read by worker processes for a big log. Returns the sealed keys."""
    total = conn.execute("SELECT count(*) FROM event_log").fetchone()[0]
    spans = _spans(conn, "event_log", workers * 4 if total > SPLIT_EVENTS else 1)
    seen = [0]

    def done(part: ChainPart) -> ChainPart:
        seen[0] += part.events
        if progress is not None:
            progress("事件链", seen[0], total)
        return part

    jobs = [(str(path), lo, hi) for lo, hi in spans]
    ordered: list[ChainPart] = []
    if workers <= 1 or len(jobs) <= 1:
        ordered = [done(read_part(conn, lo, hi)) for _, lo, hi in jobs]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(chain_part, *job) for job in jobs]
            ordered = [done(fut.result()) for fut in futures]  # rowid order: for the stitching
    walk = walk_chains(conn, whole, ordered)
    result.events, result.chains, result.heads = walk.events, walk.chains, walk.heads
    result.findings += [Finding("chain", str(p), p.terminal, p.seq) for p in walk.problems]
    return walk.sealed


def check_terminals(conn: sqlite3.Connection, result: AuditResult) -> None:
    """A chain of a terminal no one enrolled or registered is an invented one."""
    known = {"00"}
    if _has_table(conn, "terminal"):
        known |= {r[0] for r in conn.execute("SELECT code FROM terminal")}
    if _has_table(conn, "hall_terminal"):
        known |= {r[0] for r in conn.execute("SELECT code FROM hall_terminal")}
    registered = len(known) > 1
    legacy = False
    if _has_table(conn, "setting"):
        own = conn.execute("SELECT value FROM setting WHERE key = 'terminal_code'").fetchone()
        if own:
            known.add(own[0])
        legacy = conn.execute("SELECT 1 FROM setting WHERE key = 'server_url' AND value != ''"
                              ).fetchone() is not None
    if legacy and not registered:
        return  # the old shared-database sync kept no register of terminals to hold chains to
    for term in sorted(result.heads):
        if term not in known:
            seq = result.heads[term][0]
            result.findings.append(Finding(
                "terminal", f"终端 {term} 的事件链（{seq} 条事件）不属于本大厅登记的任何终端："
                "为凭空伪造的终端记录", term, 1))


# -- 3. the state ---------------------------------------------------------------------------

def _json(conn: sqlite3.Connection, table: str, alias: str = "") -> str:
    """SQLite's ``json_array`` of a row in the model's column order (``audit_state.row_text``)."""
    have = _columns_of(conn, table)
    pre = f"{alias}." if alias else ""
    return "json_array(" + ", ".join(f'{pre}"{c}"' if c in have else "NULL"
                                      for c in columns(table)) + ")"


@dataclass
class StatePart:
    findings: list[Finding]
    count: int
    unsealed: int


def state_part(path: str, kind: str, lo: int, hi: int) -> StatePart:
    """Every case (or batch) with rowid in [lo, hi] digested and compared with its newest
    seal, a chunk at a time. SQLite builds and groups each row's text (``table\tjson``);
    the seals of a chunk's entities are read through their events' case_id / batch_id."""
    conn = connect_readonly(Path(path))
    try:
        return _state_part(conn, kind, lo, hi)
    finally:
        conn.close()


def _state_part(conn: sqlite3.Connection, kind: str, lo: int, hi: int) -> StatePart:
    root = ROOTS[kind]
    number = "case_no" if kind == "c" else "batch_no"
    by = "case_id" if kind == "c" else "batch_id"
    tables = CASE_TABLES if kind == "c" else BATCH_TABLES
    rev_col = "audit_rev" if "audit_rev" in _columns_of(conn, root) else "0"
    in_chunk = f"IN (SELECT id FROM {root} WHERE rowid BETWEEN ?1 AND ?2)"
    head_sql = (f"SELECT id, {number}, {rev_col}, '{root}' || char(9) || {_json(conn, root)} "
                f"FROM {root} WHERE rowid BETWEEN ?1 AND ?2")
    seal_sql = (f"SELECT terminal_code, seq, state FROM event_log WHERE {by} {in_chunk} "
                "AND state IS NOT NULL AND state != ''")
    if "state" not in _columns_of(conn, "event_log"):  # a database from before the seal
        seal_sql = "SELECT NULL, NULL, NULL WHERE 0 AND ?1 AND ?2"
    child_sql = []
    for table, key in tables:
        if table == root or not _has_table(conn, table):
            continue
        extra = " AND case_id IS NULL" if kind == "b" and table == "print_log" else ""
        child_sql.append(
            f"SELECT \"{key}\", group_concat('{table}' || char(9) || {_json(conn, table)}, char(10)) "
            f"FROM \"{table}\" WHERE \"{key}\" {in_chunk}{extra} GROUP BY \"{key}\"")
    out = StatePart([], 0, 0)
    sha = hashlib.sha256
    for c_lo in range(lo, hi + 1, CHUNK):
        span = (c_lo, min(hi, c_lo + CHUNK - 1))
        heads = conn.execute(head_sql, span).fetchall()
        if not heads:
            continue
        newest: dict[str, tuple[int, str, str, int]] = {}
        for term, seq, state in conn.execute(seal_sql, span):
            for entry in state.split(" "):
                key, rev_s, dig, _marks = entry.split(":", 3)
                rev = int(rev_s)
                have = newest.get(key)
                if have is None or rev > have[0]:
                    newest[key] = (rev, dig, term, seq)
        more: dict[str, list[str]] = defaultdict(list)
        for q in child_sql:
            for ent, text in conn.execute(q, span):
                more[ent].append(text)
        for ent, no, rev, line in heads:
            out.count += 1
            lines = [line]
            for text in more.get(ent, ()):
                lines += text.split("\n")
            seal = newest.get(kind + ent)
            what = f"办件 {no}" if kind == "c" else f"交接单 {no}"
            if seal is None:
                if kind == "c" and conn.execute("SELECT 1 FROM event_log WHERE case_id = ? LIMIT 1",
                                                (ent,)).fetchone() is None:
                    out.findings.append(Finding(
                        "state", f"{what}：事件日志中没有它的任何记录，不是经本系统收件的办件"
                        "（事后直接写入数据库）", case_no=no))
                elif kind == "c":
                    out.unsealed += 1
                continue
            s_rev, s_digest, term, seq = seal
            lines.sort()
            if sha("\n".join(lines).encode()).hexdigest()[:DIGEST_CHARS] == s_digest:
                continue
            rows = [tuple(line.split("\t", 1)) for line in lines]
            where = f"（应与终端 {term} 第 {seq} 条事件封存的内容一致）"
            detail = _locate_fields(conn, term, seq, kind, ent, rows, int(rev or 0), s_rev)
            out.findings.append(Finding("state", f"{what}：{detail}{where}", term, seq,
                                        no if kind == "c" else None))
    return out


def check_state(conn: sqlite3.Connection, path: Path, result: AuditResult, sealed: set[str],
                workers: int, progress: Progress | None, own: str | None = None) -> None:
    """``own``: this PC's terminal when it holds only part of the hall (``own_if_partial``)."""
    for kind in ("c", "b"):
        root = ROOTS[kind]
        if not _has_table(conn, root):
            continue
        total = conn.execute(f"SELECT count(*) FROM {root}").fetchone()[0]
        spans = _spans(conn, root, workers * 4 if total > SPLIT_CASES else 1)
        label = "办件" if kind == "c" else "交接单"
        found: list[Finding] = []

        def done(part: StatePart, kind: str = kind, label: str = label, total: int = total,
                 found: list[Finding] = found) -> None:
            if kind == "c":
                result.cases += part.count
            else:
                result.batches += part.count
            result.unsealed += part.unsealed
            found.extend(part.findings)
            if progress is not None:
                progress(label, result.cases if kind == "c" else result.batches, total)

        _run(state_part, [(str(path), kind, lo, hi) for lo, hi in spans], workers, done)
        result.findings.extend(sorted(found, key=lambda f: (f.case_no or "", f.message)))
        # Sealed, and gone: deleted whole (rows and all). A PC holding part of the hall lets
        # closed cases go after the retention period: those are not held, not deleted (the
        # hall keeps them and its anchors cover this PC's chain).
        have = {kind + r[0] for r in conn.execute(f"SELECT id FROM {root}")}
        gone = sorted(k for k in sealed if k[0] == kind and k not in have)
        if own is not None:
            result.not_held += len(gone)
            gone = []
        for key in gone:
            ent = key[1:]
            by = "case_id" if kind == "c" else "batch_id"
            term, seq = conn.execute(
                f"SELECT terminal_code, seq FROM event_log WHERE {by} = ? AND state LIKE ? "
                "ORDER BY at DESC LIMIT 1", (ent, f"%{key}:%")).fetchone() or ("?", 0)
            no = _number_of(conn, kind, ent)
            what = f"办件 {no}" if kind == "c" else f"交接单 {no}"
            result.findings.append(Finding(
                "state", f"{what}已从数据库中删除（终端 {term} 第 {seq} 条事件封存了它）", term, seq,
                no if kind == "c" else None))


def _number_of(conn: sqlite3.Connection, kind: str, ent: str) -> str:
    key = "case_id" if kind == "c" else "batch_id"
    field_ = "case_no" if kind == "c" else "batch_no"
    row = conn.execute(f"SELECT json_extract(payload, '$.{field_}') FROM event_log "
                       f"WHERE {key} = ? AND json_extract(payload, '$.{field_}') IS NOT NULL "
                       "LIMIT 1", (ent,)).fetchone()
    return row[0] if row and row[0] else f"（编号不明，标识 {ent}）"


def _locate_fields(conn: sqlite3.Connection, term: str, seq: int, kind: str, ent: str,
                   rows: list[tuple[str, str]], rev: int, sealed_rev: int) -> str:
    """Which rows and fields differ from the seal, by the seal's field marks."""
    import json

    state = conn.execute("SELECT state FROM event_log WHERE terminal_code = ? AND seq = ?",
                         (term, seq)).fetchone()[0]
    hint = next(s.hint for s in parse_state(state) if s.kind == kind and s.entity_id == ent)
    sealed = {(t, idp): marks for t, idp, marks in split_hint(hint)}
    current: dict[tuple[str, str], tuple[str, list[Any]]] = {}
    for table, text in rows:
        values = json.loads(text)
        h = row_hint(table, values)
        current[(table, h[1:9])] = (h[9:], values)
    parts: list[str] = []
    for key in sorted(set(sealed) | set(current)):
        table, _ = key
        label = TABLE_LABELS.get(table, table)
        if key not in current:
            parts.append(f"{label}中的一条记录被删除")
        elif key not in sealed:
            parts.append(f"{label}中多出一条封存时没有的记录")
        else:
            marks, values = current[key]
            if marks == sealed[key]:
                continue
            cols = columns(table)
            old = sealed[key]
            changed = [c for i, c in enumerate(cols)
                       if marks[i * MARK:(i + 1) * MARK] != old[i * MARK:(i + 1) * MARK]]
            names = "、".join(f"{FIELD_LABELS.get(c, c)}（{table}.{c}）" for c in changed)
            who = "" if table == ROOTS[kind] else _row_name(table, values)
            parts.append(f"{label}{who}的{names}被改动")
    if rev != sealed_rev and not any("audit_rev" in p for p in parts):
        parts.append(f"审计版本为 {rev}，封存时为 {sealed_rev}")
    if not parts:
        parts.append("内容与封存的摘要不符（未能确定是哪个字段）")
    return "；".join(parts)


def _row_name(table: str, values: list[Any]) -> str:
    cols = columns(table)
    for c in ("name", "doc_kind", "kind", "outcome"):
        if c in cols and values[cols.index(c)]:
            return f"“{values[cols.index(c)]}”"
    return ""


# -- 4. anchors: a position printed on paper ------------------------------------------------

def parse_position(text: str) -> tuple[str, int, str]:
    """``01-123-9f3a2c1b77de0a41`` (as printed; ``:`` and spaces also taken) -> parts."""
    import re

    m = re.fullmatch(r"\s*(\d{1,2})\s*[-:：]\s*(\d+)\s*[-:：]\s*([0-9a-fA-F\s]{8,64})\s*", text)
    if m is None:
        raise AuditFileError(f"纸质文书上的链位“{text}”格式不对：应为 终端-序号-摘要，"
                             "如 01-123-9f3a2c1b77de0a41（摘要至少 8 位）")
    digest = "".join(m.group(3).split()).lower()
    if len(digest) < 8:
        raise AuditFileError(f"纸质文书上的链位“{text}”的摘要太短：至少 8 位")
    return m.group(1).zfill(2), int(m.group(2)), digest


def check_paper(conn: sqlite3.Connection, result: AuditResult, text: str) -> None:
    terminal, seq, digest = parse_position(text)
    shown = f"{terminal}-{seq}-{digest}"
    row = conn.execute("SELECT hash FROM event_log WHERE terminal_code = ? AND seq = ?",
                       (terminal, seq)).fetchone()
    if row is None:
        have = result.heads.get(terminal, (0, ""))[0]
        result.findings.append(Finding(
            "anchor", f"纸质文书记录的链位 {shown}：本机终端 {terminal} 的事件链只有 {have} 条，"
            f"第 {seq} 条已不存在——事件链被截断", terminal, seq))
    elif not row[0].startswith(digest):
        result.findings.append(Finding(
            "anchor", f"纸质文书记录的链位 {shown}：本机终端 {terminal} 第 {seq} 条事件的摘要为 "
            f"{row[0][:len(digest)]}，与纸面不符——该事件或其之前的记录被改写后重新计算了哈希",
            terminal, seq))


# -- 5. anchors: the heads the hall service recorded at each sync ---------------------------

def check_anchors(conn: sqlite3.Connection, result: AuditResult,
                  anchors: list[dict[str, Any]], own: str | None = None) -> None:
    """Each recorded head must still be in the local chain, with the same hash. The first
    anchor a chain fails is named: the chain was cut or rewritten at or before it."""
    failed: set[str] = set()
    for a in sorted(anchors, key=lambda a: (str(a["terminal"]), int(a["seq"]))):
        term, seq = str(a["terminal"]), int(a["seq"])
        if term in failed:
            continue
        want = str(a.get("hall_hash") or a["hash"])
        when = str(a.get("received_at", ""))[:16].replace("T", " ")
        row = conn.execute("SELECT hash FROM event_log WHERE terminal_code = ? AND seq = ?",
                           (term, seq)).fetchone()
        message = ""
        if row is None and own is not None and term != own:
            continue  # another terminal's event this PC does not hold (its scope)
        if row is None:
            have = result.heads.get(term, (0, ""))[0]
            message = (f"大厅服务器于 {when} 记录了终端 {term} 的链头第 {seq} 条事件，本机这条链只有 "
                       f"{have} 条——事件链被截断")
        elif row[0] != want:
            message = (f"终端 {term} 第 {seq} 条事件的摘要与大厅服务器于 {when} 记录的不符——"
                       "此处或之前的事件被改写后重新计算了哈希")
        elif not a.get("hall_hash"):
            message = (f"终端 {term} 于 {when} 同步时报告的链头第 {seq} 条事件在大厅服务器上没有——"
                       "该终端本机的事件链中有伪造的记录")
        elif a["hash"] != a["hall_hash"]:
            message = (f"终端 {term} 于 {when} 同步时报告的第 {seq} 条事件与大厅服务器上的同一事件不同——"
                       "该终端本机的记录曾被改动或伪造")
        if message:
            failed.add(term)
            result.findings.append(Finding("anchor", message, term, seq))
    result.anchors_checked = len(anchors)


# -- all of it ------------------------------------------------------------------------------

def run_check(conn: sqlite3.Connection, path: Path, progress: Progress | None = None,
              papers: tuple[str, ...] = (), anchors: list[dict[str, Any]] | None = None,
              workers: int = 1) -> AuditResult:
    result = AuditResult()
    if not _has_table(conn, "event_log"):
        result.findings.append(Finding("file", "数据库中没有事件日志表：不是本系统的数据库，审计不能通过"))
        return result
    own = own_if_partial(conn)  # read once: the chains, the rows and the anchors all use it
    sealed = check_chains(conn, path, result, workers, progress, _whole(own))
    check_terminals(conn, result)
    cases = conn.execute("SELECT count(*) FROM case_file").fetchone()[0] \
        if _has_table(conn, "case_file") else 0
    if result.events == 0 and cases:
        result.findings.append(Finding(
            "chain", f"事件日志是空的，而数据库中有 {cases} 件办件：事件记录已被清除，审计不能通过"))
        return result
    check_state(conn, path, result, sealed, workers, progress, own)
    for text in papers:
        check_paper(conn, result, text)
    if anchors is not None:
        check_anchors(conn, result, anchors, own)
    return result


def _whole(own: str | None) -> frozenset[str] | None:
    """The terminals whose chains this PC must hold whole (None: every one)."""
    return None if own is None else frozenset({own})


# -- the daily run: only what came after the last verified heads -----------------------------

def save_heads(file: Path, result: AuditResult) -> None:
    """After a passing check: each chain's head, for the next ``--since`` run."""
    import json
    from datetime import datetime

    file.write_text(json.dumps({"verified_at": datetime.now().isoformat(timespec="seconds"),
                                "heads": {t: list(h) for t, h in sorted(result.heads.items())}},
                               ensure_ascii=False, indent=1), encoding="utf-8")


def load_heads(file: Path) -> dict[str, tuple[int, str]]:
    import json

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return {str(t): (int(h[0]), str(h[1])) for t, h in data["heads"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        raise AuditFileError(f"上次核验的记录文件“{file}”不存在或无法读取："
                             "请先做一次完整核验（--save）") from None


def run_since(conn: sqlite3.Connection, since: dict[str, tuple[int, str]],
              progress: Progress | None = None, own: str | None = None) -> AuditResult:
    """Each chain from its last verified head (which must still be there, unchanged), and
    the cases and batches the newer events sealed. Rows untouched since are not re-read:
    the weekly full check covers them. ``own`` as in ``check_state``."""
    result = AuditResult()
    sql = event_sql(conn, "terminal_code = ? AND seq > ? ORDER BY seq")
    sha = hashlib.sha256
    touched: set[str] = set()
    terms = [r[0] for r in conn.execute("SELECT DISTINCT terminal_code FROM event_log")]
    for term in sorted(set(terms) | set(since)):
        seq0, head0 = since.get(term, (0, GENESIS))
        if seq0:
            row = conn.execute("SELECT hash FROM event_log WHERE terminal_code = ? AND seq = ?",
                               (term, seq0)).fetchone()
            if row is None or row[0] != head0:
                gone = "已不存在" if row is None else "已被改动"
                result.findings.append(Finding(
                    "chain", f"终端 {term} 第 {seq0} 条事件（上次核验时的链头）{gone}："
                    "此前的记录被截断或改写", term, seq0))
                continue
        result.chains += 1
        expect_seq, expect_prev, last = seq0 + 1, head0, (seq0, head0)
        for t, seq, prev, h, state, body in conn.execute(sql, (term, seq0)):
            result.events += 1
            last = (seq, h)
            if state:
                touched.update(e.split(":", 1)[0] for e in state.split(" "))
            if expect_seq < 0:
                continue
            if seq != expect_seq or prev != expect_prev \
                    or sha(body).hexdigest() != h:
                problem = ordered_check(conn, t, is_partial(t, _whole(own)))
                if problem is not None:
                    result.findings.append(Finding("chain", str(problem), t, problem.seq))
                expect_seq = -1
                continue
            expect_seq, expect_prev = seq + 1, h
        result.heads[term] = last
    check_terminals(conn, result)
    for key in sorted(touched):
        kind, ent = key[0], key[1:]
        root = ROOTS.get(kind)
        if root is None:
            continue
        row = conn.execute(f"SELECT rowid FROM {root} WHERE id = ?", (ent,)).fetchone()
        if row is None and own is not None:
            result.not_held += 1  # let go after retention, as in the full run
            continue
        if row is None:
            no = _number_of(conn, kind, ent)
            what = f"办件 {no}" if kind == "c" else f"交接单 {no}"
            result.findings.append(Finding("state", f"{what}已从数据库中删除（它有封存记录）",
                                           case_no=no if kind == "c" else None))
            continue
        part = _state_part(conn, kind, row[0], row[0])
        result.cases += part.count if kind == "c" else 0
        result.batches += part.count if kind == "b" else 0
        result.findings.extend(part.findings)
    if progress is not None:
        progress("自上次核验以来的事件", result.events, result.events)
    return result


def _daily(conn: sqlite3.Connection, path: Path, since: dict[str, tuple[int, str]],
           progress: Progress | None, papers: tuple[str, ...],
           anchors: list[dict[str, Any]] | None) -> AuditResult:
    """The daily run: the file's ``quick_check`` (most of the time at a million cases) on a
    thread of its own while the new events and the cases they sealed are checked; its
    verdict still decides."""
    with _beside(IntegrityCheck(path, in_process=False, quick=True), path, progress):
        own = own_if_partial(conn)
        result = run_since(conn, since, progress, own)
        for text in papers:
            check_paper(conn, result, text)
        if anchors is not None:
            check_anchors(conn, result, anchors, own)
    return result


@contextmanager
def _beside(whole_file: IntegrityCheck, path: Path, progress: Progress | None) -> Iterator[None]:
    """The checks inside run while the file's own check runs beside them; its verdict comes
    first, also when reading tripped on the damage (said as the file's check says it)."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        whole_file.wait()
        raise AuditFileError(f"读取数据库“{path}”时出错（{exc}）：审计不能通过") from None
    except Exception:
        whole_file.wait()
        raise
    whole_file.wait(progress)


def hall_settings(folder: str | Path | None) -> dict[str, str]:
    """The enrolled PC's hall address, pinned CA and credential (empty when not enrolled),
    read from the database without opening it for writing."""
    conn = connect_readonly(database_file(folder))
    try:
        if not _has_table(conn, "setting"):
            return {}
        return dict(conn.execute("SELECT key, value FROM setting WHERE key LIKE 'hall.%'").fetchall())
    finally:
        conn.close()


def verify_folder(folder: str | Path | None, progress: Progress | None = None,
                  papers: tuple[str, ...] = (), anchors: list[dict[str, Any]] | None = None,
                  workers: int | None = None, since: dict[str, tuple[int, str]] | None = None
                  ) -> AuditResult:
    """The whole check (or, with ``since``, the daily one); ``workers`` processes share a
    big log (default: one per core)."""
    for text in papers:
        parse_position(text)  # a mistyped position is said before any work
    path = database_file(folder)
    try:
        conn = connect_readonly(path)
    except sqlite3.Error as exc:
        raise AuditFileError(f"无法打开数据库文件“{path}”（{exc}）：审计不能通过") from None
    try:
        if since is not None:  # the daily run: quick_check beside what is new
            return _daily(conn, path, since, progress, papers, anchors)
        from ... import vault

        if vault.is_protected(path.parent):
            workers = 1  # the folder's key lives in this process only, never in a worker's
        workers = workers if workers is not None else (os.cpu_count() or 1)
        with _beside(IntegrityCheck(path, in_process=_forks(conn, workers)), path, progress):
            result = run_check(conn, path, progress, papers, anchors, workers)
        return result
    finally:
        conn.close()
