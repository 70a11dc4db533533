"""Document numbers a counter PC assigns offline, unique across the hall.

Format (20 ASCII digits, an even count so Code 128 set C packs two digits per symbol)::

    411521 261127 1 07 00042
    ^^^^^^ ^^^^^^ ^ ^^ ^^^^^
    region  date  | |  sequence of that kind, that day, on that terminal (00001-99999)
    (hall)  YYMMDD| terminal code (01-99), unique per PC in the hall
                  kind: 1 = case (办件), 2 = handoff batch (交接单)

No server is asked: the terminal code makes numbers from different PCs disjoint and the
per-day counter (table ``number_counter``, bumped in the same transaction as the row it
numbers) makes them unique on one PC. The region code lets a scan of another hall's
barcode be recognised as foreign.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ...models import NumberCounter
from ...models.opstate import current as current_op

REGION_CODE = "411521"  # Luoshan County
KIND_CASE = "1"
KIND_BATCH = "2"
KIND_LABELS = {KIND_CASE: "办件编号", KIND_BATCH: "交接单号"}
NUMBER_LENGTH = 20
MAX_SEQ = 99_999


class NumberError(ValueError):
    """A scanned or typed number that is not one of ours. The message is for the user."""


@dataclass(frozen=True)
class DocNumber:
    region: str
    day: date
    kind: str
    terminal: str
    seq: int

    @property
    def text(self) -> str:
        return f"{self.region}{self.day:%y%m%d}{self.kind}{self.terminal}{self.seq:05d}"


def normalize_terminal(code: str | int) -> str:
    text = str(code).strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 99:
        raise NumberError(f"终端编号“{code}”无效：应为 1 到 99 之间的数字")
    return f"{int(text):02d}"


def format_number(day: date, kind: str, terminal: str, seq: int, region: str = REGION_CODE) -> str:
    if not 1 <= seq <= MAX_SEQ:
        label = KIND_LABELS.get(kind, "编号")
        raise NumberError(f"本机（终端 {terminal}）{day:%Y年%m月%d日}的{label}已用完"
                          f"（每天最多 {MAX_SEQ} 个），本次没有登记。请到另一台受理电脑继续办理，"
                          "并告诉管理员。")
    return DocNumber(region, day, kind, normalize_terminal(terminal), seq).text


def display(number: str) -> str:
    """Grouped for people: 411521 261127 1 07 00042."""
    if len(number) != NUMBER_LENGTH:
        return number
    return f"{number[:6]} {number[6:12]} {number[12]} {number[13:15]} {number[15:]}"


def parse_number(raw: str, expect_kind: str | None = None, region: str = REGION_CODE) -> DocNumber:
    """Check a scanned or typed number; raises NumberError with a Chinese message."""
    text = (raw or "").strip().replace(" ", "").replace("-", "")
    if not text:
        raise NumberError("未读到编号：请重新扫描或输入")
    if not text.isascii() or not text.isdigit():
        raise NumberError(f"编号“{raw.strip()[:40]}”含有非数字字符：不是本系统的条码")
    if len(text) != NUMBER_LENGTH:
        raise NumberError(
            f"编号“{text[:40]}”长度为 {len(text)} 位，应为 {NUMBER_LENGTH} 位："
            "可能扫描不完整或不是本系统的条码"
        )
    if text[:6] != region:
        raise NumberError(f"编号“{text}”属于其他地区（区划 {text[:6]}），不是本大厅的件")
    try:
        day = date(2000 + int(text[6:8]), int(text[8:10]), int(text[10:12]))
    except ValueError:
        raise NumberError(f"编号“{text}”中的日期无效：不是本系统的条码") from None
    kind = text[12]
    if kind not in KIND_LABELS:
        raise NumberError(f"编号“{text}”的类型码“{kind}”无效")
    if expect_kind is not None and kind != expect_kind:
        raise NumberError(
            f"扫描的是{KIND_LABELS[kind]}，这里需要{KIND_LABELS[expect_kind]}"
        )
    if text[13:15] == "00" or int(text[15:]) == 0:
        raise NumberError(f"编号“{text}”的终端或序号为 0：不是本系统的条码")
    return DocNumber(text[:6], day, kind, text[13:15], int(text[15:]))


def _take_statement(dialect: str):
    """Read and bump a counter in one upsert (SQLite 3.35+ and PostgreSQL both have
    ON CONFLICT ... RETURNING), inside the write the transaction already holds."""
    table = NumberCounter.__table__
    dialect_insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = dialect_insert(table).values(kind=bindparam("kind"), day=bindparam("day"), last=1)
    return stmt.on_conflict_do_update(index_elements=[table.c.kind, table.c.day],
                                      set_={"last": table.c.last + 1}).returning(table.c.last)


_TAKE = {name: _take_statement(name) for name in ("sqlite", "postgresql")}


def next_number(session: Session, day: date, kind: str, terminal: str) -> str:
    """Take the next number; the caller's transaction makes it durable with its row.

    Inside an operation the number is part of it: a PC records what it took, and the hall
    service, replaying, takes that same number (it is already printed on a receipt)."""
    op = current_op()
    if op is not None and op.replay:
        recorded = op.take_number()
        if recorded is None:  # the service's counters are not the PC's: never guess one
            raise NumberError("操作记录中缺少本机取用的编号，服务器不能代为编号")
        return _replayed(recorded, kind, (terminal, *op.other_terminals))
    conn = session.connection()
    last = conn.execute(_TAKE[conn.dialect.name], {"kind": kind, "day": f"{day:%y%m%d}"}).scalar_one()
    number = format_number(day, kind, terminal, last)
    if op is not None and not op.replay:
        op.numbers.append(number)
    return number


def _replayed(number: str, kind: str, terminals: tuple[str, ...]) -> str:
    n = parse_number(number, expect_kind=kind)
    if n.terminal not in {normalize_terminal(t) for t in terminals}:
        raise NumberError(f"编号“{display(number)}”属于终端 {n.terminal}，不是本终端 {terminals[0]} 的编号")
    return number


# -- 文书编号 ------------------------------------------------------------------------------
# An agency-style number for each notice: 罗政服受〔2026〕第0700042号 = the hall's prefix, the
# kind of document, the year, then this terminal's code and its own yearly sequence of that
# kind. Like case numbers it needs no server: the terminal code keeps PCs apart, the
# number_counter row (kind "d" + kind code, day = the year) keeps one PC's numbers apart.
DOC_NO_WORDS = {
    "acceptance": ("da", "受"),
    "one_time_notice": ("do", "补告"),
    "not_accepted": ("dn", "不受"),
    "supplement_receipt": ("ds", "补收"),
    "collection": ("dc", "领"),
}


def next_doc_no(session: Session, kind: str, year: int, terminal: str, prefix: str) -> str:
    code, word = DOC_NO_WORDS[kind]
    op = current_op()
    if op is not None and op.replay:  # the number the PC printed, as for case numbers
        recorded = op.take_number()
        codes = {normalize_terminal(t) for t in (terminal, *op.other_terminals)}
        if recorded is None or not any(f"〕第{c}" in recorded for c in codes):
            raise NumberError(f"操作记录中的{word}字文书编号“{recorded or ''}”不是本终端的编号")
        return recorded
    conn = session.connection()
    seq = conn.execute(_TAKE[conn.dialect.name], {"kind": code, "day": str(year)}).scalar_one()
    if seq > MAX_SEQ:
        raise NumberError(f"本终端本年度{word}字文书编号已用尽（{MAX_SEQ}）")
    number = f"{prefix}{word}〔{year}〕第{normalize_terminal(terminal)}{seq:05d}号"
    if op is not None:
        op.numbers.append(number)
    return number
