"""Set-up files: everything a new counter PC's first run asks, written down in advance.

    terminal: 7              # 终端编号 1-99, unique in the hall (required)
    window: SCZR             # 窗口编码 from the catalog
    server_url: null         # the hall's server; null, "" or "none" = stand-alone (单机)
    printer:
      name: ""               # "" = the system's default printer
      layout: a4             # a4 | receipt
    supervisor:              # created only while the database has no users
      username: admin
      full_name: 张三
      password: "..."        # or password_hash: "$argon2id$..."
    catalog: my-hall.yaml    # optional; else the shipped catalog when the database has none

A hall with a hall service replaces ``terminal``, ``server_url``, ``supervisor`` and
``catalog`` by one key (the service assigns the terminal code; staff and catalog are the
hall's)::

    hall:
      url: https://192.168.1.10:8443
      code: K7Q2M-9XWAB-3f2a...   # from counter-server enroll-code
      kind: counter             # counter | approver | supervisor

YAML or JSON. A key left out leaves that setting as it is. Every bad field is reported (in
Chinese) before anything is written, and applying the same file twice changes nothing.
``counter-app --setup FILE`` and ``counter-admin setup FILE`` use it; so does the first-run
dialog (ui/first_run.py), which builds the same dictionary. No Qt here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from argon2 import extract_parameters
from argon2.exceptions import InvalidHashError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .bootstrap import keyring, open_database
from .first_run_check import first_run_pending  # noqa: F401  (re-exported)
from .legacy_sync.credentials import SERVER_URL_KEY, load_server_url, store_server_url
from .models import CaseFile, HallWindow, NumberCounter, ServiceItem, Staff, Terminal
from .models.database import Database
from .paths import resource
from .services.catalog.exchange import CatalogData, CatalogError, load_catalog
from .services.catalog.store import import_catalog
from .services.intake.numbering import NumberError, normalize_terminal
from .services.people import auth
from .services.settings import TERMINAL_KEY, get_setting, set_setting
from .sync.connection import parse_url, redact, sqlite_path
from .sync.errors import SyncError

WINDOW_KEY = "window_code"
SERVER_KEY = SERVER_URL_KEY  # stored by legacy_sync.credentials, its password never in plain text
PRINTER_KEY = "printer_name"
LAYOUT_KEY = "print_layout"
LAYOUTS = {"a4": "A4 纸", "receipt": "80 mm 小票"}
STANDALONE_WORDS = {"", "none", "standalone", "stand-alone", "单机"}
SHIPPED_CATALOG = ("catalog", "luoshan.yaml")
TOP_KEYS = {"terminal", "window", "server_url", "printer", "supervisor", "catalog", "hall"}
HALL_KEYS = {"url", "code", "kind"}
PRINTER_KEYS = {"name", "layout"}
SUPERVISOR_KEYS = {"username", "full_name", "password", "password_hash", "phone"}
_UNSET: Any = object()


class SetupError(ValueError):
    """A set-up file or dialog entry that cannot be applied; lists every problem, in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class SupervisorSpec:
    username: str
    full_name: str
    password: str = ""
    password_hash: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SetupSpec:
    terminal: str
    window: str | None = None  # None: leave as it is; "" clears it
    server_url: str | None = None  # None: leave as it is; "": stand-alone
    printer_name: str | None = None
    layout: str | None = None
    supervisor: SupervisorSpec | None = None
    catalog: Path | None = None
    hall: dict[str, str] | None = None  # url, code, kind: enroll with the hall service


@dataclass
class SetupState:
    """What the first-run dialog shows: the current settings and the catalog's windows."""

    terminal: str
    window: str
    server_url: str  # password masked (sync.connection.redact)
    printer_name: str
    layout: str
    has_users: bool
    windows: list[tuple[str, str]] = field(default_factory=list)  # (code, name)


# --------------------------------------------------------------------------- parsing


def _text(problems: list[str], label: str, value: Any, *, ascii_only: bool = False) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{label}应为文字（请加引号），现为 {value!r}")
        return ""
    value = value.strip()
    if ascii_only and not value.isascii():
        problems.append(f"{label}只能含英文字母、数字和符号：{value!r}")
    return value


def _unknown(problems: list[str], where: str, raw: dict[str, Any], allowed: set[str]) -> None:
    for key in raw:
        if key not in allowed:
            problems.append(f"{where}有不认识的项“{key}”；可用的项：{'、'.join(sorted(allowed))}")


def _server(problems: list[str], value: Any) -> str:
    url = _text(problems, "服务器地址（server_url）", value)
    if url.lower() in STANDALONE_WORDS:
        return ""
    try:
        parsed = parse_url(url)
        if parsed.get_backend_name() == "sqlite":
            sqlite_path(parsed)
    except SyncError as exc:
        problems.append(f"服务器地址（server_url）：{exc}；应如 postgresql+psycopg://用户@主机/数据库，"
                        "单机使用请写 null")
    return url


def _supervisor(problems: list[str], raw: Any) -> SupervisorSpec | None:
    if not isinstance(raw, dict):
        problems.append("管理员（supervisor）应包含 username、full_name 和 password（或 password_hash）")
        return None
    _unknown(problems, "管理员（supervisor）", raw, SUPERVISOR_KEYS)
    username = _text(problems, "管理员用户名（supervisor.username）", raw.get("username"))
    if not username:
        problems.append("缺少管理员用户名（supervisor.username）")
    elif not username.isascii() or " " in username:
        problems.append(f"管理员用户名“{username}”无效：请用英文字母、数字组成，不含空格")
    full_name = _text(problems, "管理员姓名（supervisor.full_name）", raw.get("full_name"))
    if not full_name:
        problems.append("缺少管理员姓名（supervisor.full_name）")
    password = raw.get("password")
    pw_hash = _text(problems, "密码哈希（supervisor.password_hash）", raw.get("password_hash"))
    if password is not None and not isinstance(password, str):
        problems.append("管理员密码（supervisor.password）应为文字，请加引号")
        password = ""
    password = password or ""
    if password and pw_hash:
        problems.append("管理员密码只能给一种：password 或 password_hash，不能两个都给")
    elif pw_hash:
        try:
            if not pw_hash.startswith("$argon2"):
                raise InvalidHashError
            extract_parameters(pw_hash)
        except InvalidHashError:
            problems.append("密码哈希（supervisor.password_hash）不是有效的 argon2 哈希"
                            "（应以 $argon2id$ 开头）")
    elif not password:
        problems.append("缺少管理员密码（supervisor.password 或 supervisor.password_hash）")
    elif len(password) < 8:
        problems.append("管理员密码太短：至少 8 位")
    phone = _text(problems, "管理员电话（supervisor.phone）", raw.get("phone"))
    return SupervisorSpec(username, full_name, password, pw_hash, phone)


def parse_setup(raw: Any, base_dir: Path | None = None) -> SetupSpec:
    """Check a set-up dictionary; raises SetupError listing every bad field."""
    if not isinstance(raw, dict):
        raise SetupError(["设置文件的内容应为“项: 值”的列表（YAML 映射或 JSON 对象）"])
    problems: list[str] = []
    _unknown(problems, "设置文件", raw, TOP_KEYS)
    if raw.get("hall") is not None:
        return _hall_spec(problems, raw)
    terminal = ""
    if raw.get("terminal") in (None, ""):
        problems.append("缺少终端编号（terminal）：1 到 99 之间、全大厅唯一的数字")
    elif isinstance(raw["terminal"], bool | float):
        problems.append(f"终端编号“{raw['terminal']}”无效：应为 1 到 99 之间的数字")
    else:
        try:
            terminal = normalize_terminal(raw["terminal"])
        except NumberError as exc:
            problems.append(str(exc))
    window = raw.get("window", _UNSET)
    window = None if window is _UNSET else _text(problems, "窗口编码（window）", window)
    server = None if "server_url" not in raw else _server(problems, raw["server_url"])
    printer_name = layout = None
    if "printer" in raw:
        printer = raw["printer"]
        if isinstance(printer, str):  # a bare name
            printer = {"name": printer}
        if not isinstance(printer, dict):
            problems.append("打印机（printer）应包含 name 和 layout 两项")
            printer = {}
        _unknown(problems, "打印机（printer）", printer, PRINTER_KEYS)
        if "name" in printer:
            printer_name = _text(problems, "打印机名称（printer.name）", printer["name"])
        if "layout" in printer:
            layout = _text(problems, "纸张版式（printer.layout）", printer["layout"]).lower()
            if layout not in LAYOUTS:
                problems.append(f"纸张版式（printer.layout）“{printer['layout']}”无效：应为 a4（A4 纸）"
                                "或 receipt（80 mm 小票）")
    supervisor = _supervisor(problems, raw["supervisor"]) if raw.get("supervisor") is not None else None
    catalog = None
    if raw.get("catalog"):
        name = _text(problems, "事项目录文件（catalog）", raw["catalog"])
        catalog = Path(name) if Path(name).is_absolute() else (base_dir or Path.cwd()) / name
        if name and not catalog.is_file():
            problems.append(f"事项目录文件（catalog）不存在：{catalog}")
    if problems:
        raise SetupError(problems)
    return SetupSpec(terminal, window, server, printer_name, layout, supervisor, catalog)


def _hall_spec(problems: list[str], raw: dict[str, Any]) -> SetupSpec:
    hall = raw["hall"]
    if not isinstance(hall, dict):
        raise SetupError(["大厅服务（hall）应包含 url、code 两项"])
    _unknown(problems, "大厅服务（hall）", hall, HALL_KEYS)
    for key in ("terminal", "server_url", "supervisor", "catalog"):
        if key in raw:
            problems.append(f"接入大厅服务时不能再写 {key}：终端编号、人员和事项目录都由大厅服务提供")
    url = _text(problems, "大厅服务地址（hall.url）", hall.get("url", ""))
    if not url.startswith("https://"):
        problems.append(f"大厅服务地址（hall.url）“{url}”无效：应以 https:// 开头")
    code = _text(problems, "注册码（hall.code）", hall.get("code", ""))
    if not code:
        problems.append("缺少注册码（hall.code）：在服务器上运行 counter-server enroll-code 取得")
    kind = _text(problems, "电脑用途（hall.kind）", hall.get("kind", "counter")) or "counter"
    if kind not in ("counter", "approver", "supervisor"):
        problems.append(f"电脑用途（hall.kind）“{kind}”无效：应为 counter、approver 或 supervisor")
    window = raw.get("window", _UNSET)
    window = None if window is _UNSET else _text(problems, "窗口编码（window）", window)
    printer_name = layout = None
    if isinstance(raw.get("printer"), dict | str):
        printer = raw["printer"] if isinstance(raw["printer"], dict) else {"name": raw["printer"]}
        printer_name = _text(problems, "打印机名称（printer.name）", printer.get("name", ""))
        layout = printer.get("layout")
        if layout is not None and layout not in LAYOUTS:
            problems.append(f"纸张版式（printer.layout）“{layout}”无效：应为 a4 或 receipt")
    if problems:
        raise SetupError(problems)
    return SetupSpec("", window, None, printer_name, layout, None, None,
                     {"url": url, "code": code, "kind": kind})


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")  # Notepad's "ANSI" on a Chinese Windows


def load_setup(path: str | os.PathLike[str]) -> SetupSpec:
    """Read and check a set-up file (.json, or YAML for anything else)."""
    p = Path(path)
    if not p.is_file():
        raise SetupError([f"设置文件不存在：{p}"])
    try:
        text = _read_text(p)
    except (OSError, UnicodeDecodeError) as exc:
        raise SetupError([f"无法读取设置文件 {p}：{exc}"]) from None
    try:
        raw = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        where = f"第 {exc.lineno} 行第 {exc.colno} 列附近有错"
        raise SetupError([f"设置文件 {p.name} 不是有效的 JSON：{where}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列附近有错" if mark else str(exc)
        raise SetupError([f"设置文件 {p.name} 不是有效的 YAML：{where}"]) from None
    return parse_setup(raw, p.resolve().parent)


# --------------------------------------------------------------------------- applying


def _catalog(spec: SetupSpec, session: Session) -> CatalogData | None:
    """The catalog to import: the file's, else the shipped one while the database has none."""
    if spec.catalog is None and session.scalar(select(func.count()).select_from(ServiceItem)):
        return None
    path = spec.catalog or resource(*SHIPPED_CATALOG)
    try:
        return load_catalog(path)
    except CatalogError as exc:
        raise SetupError([f"事项目录文件“{path}”有 {len(exc.problems)} 处问题，未导入：",
                          *(f"  {p}" for p in exc.problems)]) from None


def _check_terminal(session: Session, new: str) -> None:
    old = get_setting(session, TERMINAL_KEY)
    if not old or old == new:
        return
    used = session.scalar(select(func.count()).select_from(NumberCounter)) or 0
    cases = session.scalar(select(func.count()).select_from(CaseFile)) or 0
    if used or cases:
        raise SetupError([f"本机已用终端编号 {old} 编过号（办件 {cases} 件），不能改为 {new}："
                          "改号会与其他电脑的编号冲突。请核对设置文件，或联系管理人员"])


def _window(session: Session, code: str) -> HallWindow | None:
    if not code:
        return None
    win = session.execute(select(HallWindow).where(HallWindow.code == code)).scalar()
    if win is None:
        known = "、".join(session.execute(select(HallWindow.code).order_by(HallWindow.code)).scalars())
        raise SetupError([f"窗口编码“{code}”不在事项目录中；已有的窗口：{known or '（无）'}"])
    return win


def _register_terminal(session: Session, code: str, win: HallWindow | None) -> None:
    row = session.execute(select(Terminal).where(Terminal.code == code)).scalar()
    if row is None:
        row = Terminal(code=code, origin_terminal=code)
        session.add(row)
    if win is not None and row.window_id != win.id:
        row.window_id, row.name = win.id, f"{win.name} 终端 {code}"


def _first_supervisor(session: Session, sup: SupervisorSpec, terminal: str) -> str:
    if session.scalar(select(func.count()).select_from(Staff)):
        return f"已有工作人员账号，未新建管理员 {sup.username}"
    try:
        staff = auth.add_user(session, sup.username, sup.full_name, sup.password or os.urandom(16).hex(),
                              ["supervisor"], phone=sup.phone, terminal=terminal)
    except ValueError as exc:
        raise SetupError([str(exc)]) from None
    if sup.password_hash:
        staff.password_hash = sup.password_hash
    return f"已新建管理员账号 {sup.username}（{sup.full_name}）"


def apply_setup(db: Database, spec: SetupSpec) -> list[str]:
    """Apply ``spec`` in one transaction (all or nothing); returns what was done, in Chinese.
    A hall-service spec enrolls this PC instead (``_apply_hall``)."""
    if spec.hall is not None:
        return _apply_hall(db, spec)
    done: list[str] = []
    with db.transaction() as s:
        data = _catalog(spec, s)
        if data is not None:
            done.append(f"事项目录：{import_catalog(s, data, terminal=spec.terminal)}")
        _check_terminal(s, spec.terminal)
        set_setting(s, TERMINAL_KEY, spec.terminal)
        done.append(f"终端编号：{spec.terminal}")
        win = None
        if spec.window is not None:
            win = _window(s, spec.window)
            set_setting(s, WINDOW_KEY, spec.window)
            done.append(f"窗口：{f'{win.name}（{win.code}）' if win else '未指定'}")
        elif code := get_setting(s, WINDOW_KEY):
            win = _window(s, code)
        _register_terminal(s, spec.terminal, win)
        if spec.server_url is not None:
            store_server_url(s, spec.server_url)
            done.append(f"服务器：{redact(spec.server_url) if spec.server_url else '无（单机使用）'}")
        _printer(s, spec, done)
        made = spec.supervisor is not None and not s.scalar(select(func.count()).select_from(Staff))
        if spec.supervisor is not None:
            done.append(_first_supervisor(s, spec.supervisor, spec.terminal))
    keys = keyring(db)
    if made and keys is not None and spec.supervisor and spec.supervisor.password:
        keys.grant(spec.supervisor.username, spec.supervisor.password)  # their password unlocks
    return done


def apply_file(path: str | os.PathLike[str], folder: str | os.PathLike[str] | None = None,
               check_only: bool = False) -> list[str]:
    """Read, check and apply a set-up file to a data folder (``None``: the default one)."""
    spec = load_setup(path)
    if check_only:
        return [f"设置文件无误：终端 {spec.terminal}"]
    db = open_database(folder, protect=True)  # a new PC's folder is encrypted (vault.py)
    try:
        if spec.hall is not None:
            return _apply_hall(db, spec)
        return apply_setup(db, spec)
    finally:
        db.dispose()


def _apply_hall(db: Database, spec: SetupSpec) -> list[str]:
    """Enroll with the hall service, take the hall's data, then this PC's own settings."""
    from .hallsync.engine import HallSync
    from .hallsync.enroll import enroll
    from .sync.errors import SyncError

    assert spec.hall is not None
    try:
        code = enroll(db, spec.hall["url"], spec.hall["code"], kind=spec.hall["kind"])
        sync = HallSync(db, code)
        try:
            report = sync.run_once()
        finally:
            sync.close()
    except SyncError as exc:
        raise SetupError([str(exc)]) from None
    done = [f"已注册到大厅服务 {spec.hall['url']}，终端编号 {code}"]
    if report.errors:
        done.append("首次同步未完成（稍后自动重试）：" + "；".join(report.errors))
    with db.transaction() as s:
        if spec.window is not None:
            win = _window(s, spec.window)
            set_setting(s, WINDOW_KEY, spec.window)
            done.append(f"窗口：{f'{win.name}（{win.code}）' if win else '未指定'}")
        _printer(s, spec, done)
    return done


def _printer(s: Session, spec: SetupSpec, done: list[str]) -> None:
    if spec.printer_name is not None:
        set_setting(s, PRINTER_KEY, spec.printer_name)
        done.append(f"打印机：{spec.printer_name or '系统默认打印机'}")
    if spec.layout is not None:
        set_setting(s, LAYOUT_KEY, spec.layout)
        done.append(f"纸张：{LAYOUTS[spec.layout]}")


def _shown_server(session: Session) -> str:
    try:
        url = load_server_url(session) or ""
    except SyncError:
        return ""
    return redact(url) if url else ""


def current_state(db: Database) -> SetupState:
    """The settings as they stand. Windows come from the database, or from the shipped
    catalog while the database has none (nothing is written here)."""
    with db.session() as s:
        wins = [(c, n) for c, n in s.execute(
            select(HallWindow.code, HallWindow.name).order_by(HallWindow.code))]
        return SetupState(
            terminal=get_setting(s, TERMINAL_KEY), window=get_setting(s, WINDOW_KEY),
            server_url=_shown_server(s), printer_name=get_setting(s, PRINTER_KEY),
            layout=get_setting(s, LAYOUT_KEY) or "a4",
            has_users=bool(s.scalar(select(func.count()).select_from(Staff))),
            windows=wins or [(w.code, w.name) for w in load_catalog(resource(*SHIPPED_CATALOG)).windows],
        )


