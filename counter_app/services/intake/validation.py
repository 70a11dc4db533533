"""Field validation for the counter: pure functions that never raise on any input.

Every ``check_*`` function takes the raw value (any object: the UI may hand over ``None``, an
int from a spreadsheet import, a pasted string with full-width digits or control characters)
and returns a :class:`Checked` with the normalized value and *all* issues found, so the clerk
can be told everything at once. Errors block; warnings may be overridden by the clerk with a
reason (e.g. an early-pilot credit code that fails its checksum but is real).
"""

from __future__ import annotations

import functools
import inspect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, ParamSpec

Severity = Literal["error", "warning"]
P = ParamSpec("P")


@dataclass(frozen=True)
class Issue:
    field: str
    message: str
    severity: Severity
    code: str


@dataclass(frozen=True)
class Checked:
    value: str
    issues: tuple[Issue, ...] = ()

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors


class ValidationError(Exception):
    """Raised by service layers that refuse invalid input; carries the issues."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues = tuple(issues)
        super().__init__("；".join(i.message for i in self.issues) or "校验未通过")


def require_ok(*results: Checked) -> None:
    """Raise ValidationError with every error of the given results, if there is any."""
    errors = [i for r in results for i in r.errors]
    if errors:
        raise ValidationError(errors)


# --- helpers -------------------------------------------------------------------------------

# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space map onto plain ASCII.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FULLWIDTH_ALNUM = {
    cp: cp - 0xFEE0
    for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for cp in range(lo, hi + 1)
}
_WS = re.compile(r"\s+")


def _text(value: object) -> str:
    """Coerce anything to str without raising (huge ints and broken __str__ included)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "".join((value,))  # a plain str even for str subclasses
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", errors="replace")
    try:
        return str(value)
    except Exception:  # int too large for str(), a hostile __str__ ...
        return "\ufffd"


def _ascii_fold(text: str) -> str:
    return text.translate(_FULLWIDTH)


def normalize_id(value: object) -> str:
    """Canonical form of an ID or code number: ASCII, no whitespace, upper case. Never raises."""
    return "".join(_ascii_fold(_text(value)).split()).upper()


def _err(field: str, code: str, message: str) -> Issue:
    return Issue(field, message, "error", code)


def _warn(field: str, code: str, message: str) -> Issue:
    return Issue(field, message, "warning", code)


def _never_raise(func: Callable[P, Checked]) -> Callable[P, Checked]:
    """Last line of defence: a bug in a validator must not crash the counter.

    Arguments are bound first so a programming error (a misspelt keyword) still raises.
    Tests assert the ``internal`` code never appears, so this net does not hide bugs.
    """
    sig = inspect.signature(func)
    default_field = sig.parameters["field"].default

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Checked:
        bound = sig.bind(*args, **kwargs)
        try:
            return func(*args, **kwargs)
        except Exception:
            field = bound.arguments.get("field", default_field)
            label = field if isinstance(field, str) else default_field
            return Checked("", (_err(label, "internal", f"{label}无法自动校验，请人工核对"),))

    return wrapper


def _is_ascii_digits(s: str) -> bool:
    return s.isascii() and s.isdigit()


def _empty(field: str, code: str, required: bool) -> Checked:
    if required:
        return Checked("", (_err(field, code, f"{field}不能为空"),))
    return Checked("")


@_never_raise
def check_required(value: object, field: str = "此项") -> Checked:
    text = _text(value).strip()
    if not text:
        return Checked("", (_err(field, "required", f"{field}不能为空"),))
    return Checked(text)


# --- resident ID (GB 11643-1999) -----------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
ID_EARLIEST_BIRTH = date(1850, 1, 1)  # DOMAIN.md's own test vector was born in 1880


def _id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def _parse_ymd(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


@_never_raise
def check_resident_id(
    value: object, field: str = "身份证号", *, required: bool = True, today: date | None = None
) -> Checked:
    text = normalize_id(value)
    if not text:
        return _empty(field, "id.empty", required)
    if len(text) != 18:
        if len(text) == 15 and _is_ascii_digits(text):
            msg = f"{field}为15位旧号码，已停止使用，请填写18位居民身份证号码"
        else:
            msg = f"{field}应为18位，当前为{len(text)}位"
        return Checked(text, (_err(field, "id.length", msg),))
    body, check = text[:17], text[17]
    if not _is_ascii_digits(body) or not (check == "X" or _is_ascii_digits(check)):
        msg = f"{field}前17位应为数字，最后一位为数字或X"
        return Checked(text, (_err(field, "id.chars", msg),))
    issues: list[Issue] = []
    if text[0] not in "12345678":
        issues.append(_err(field, "id.region", f"{field}前6位地区码不正确（首位应为1至8）"))
    birth = _parse_ymd(text[6:10], text[10:12], text[12:14])
    if birth is None:
        issues.append(_err(field, "id.birthdate", f"{field}第7至14位不是有效的出生日期"))
    elif birth > (today or date.today()):
        issues.append(_err(field, "id.birth_future", f"{field}中的出生日期晚于今天"))
    elif birth < ID_EARLIEST_BIRTH:
        issues.append(
            _err(field, "id.birth_too_early", f"{field}中的出生日期早于{ID_EARLIEST_BIRTH.year}年")
        )
    if _id_check_char(body) != check:
        issues.append(_err(field, "id.checksum", f"{field}校验位不正确，请逐位核对号码"))
    return Checked(text, tuple(issues))


def make_resident_id(region6: str, birth: date, seq3: int | str) -> str:
    """Build a resident ID with its check character (demo and test data)."""
    seq = f"{seq3:03d}" if isinstance(seq3, int) else seq3
    if not (len(region6) == 6 and _is_ascii_digits(region6) and region6[0] in "12345678"):
        raise ValueError(f"bad region code {region6!r}")
    if not (len(seq) == 3 and _is_ascii_digits(seq)):
        raise ValueError(f"bad sequence {seq3!r}")
    if not 1000 <= birth.year <= 9999:
        raise ValueError(f"bad birth year {birth.year}")
    body = f"{region6}{birth:%Y%m%d}{seq}"
    return body + _id_check_char(body)


def id_birthdate(resident_id: object) -> date | None:
    """Birth date encoded in an 18-digit ID, or None when it has none."""
    text = normalize_id(resident_id)
    if len(text) < 14 or not _is_ascii_digits(text[6:14]):
        return None
    return _parse_ymd(text[6:10], text[10:12], text[12:14])


def id_gender(resident_id: object) -> Literal["男", "女"] | None:
    """Gender from the 17th digit (odd: male), or None when unreadable."""
    text = normalize_id(resident_id)
    if len(text) != 18 or not _is_ascii_digits(text[16]):
        return None
    return "男" if int(text[16]) % 2 else "女"


# --- unified social credit code (GB 32100-2015) --------------------------------------------

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUE = {c: i for i, c in enumerate(CREDIT_CHARS)}
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _credit_check_char(first17: str) -> str:
    total = sum(_CREDIT_VALUE[c] * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31]


@_never_raise
def check_credit_code(
    value: object, field: str = "统一社会信用代码", *, required: bool = True
) -> Checked:
    text = normalize_id(value)
    if not text:
        return _empty(field, "credit.empty", required)
    if len(text) != 18:
        msg = f"{field}应为18位，当前为{len(text)}位"
        return Checked(text, (_err(field, "credit.length", msg),))
    if any(c not in _CREDIT_VALUE for c in text):
        msg = (
            f"{field}含有不允许的字符：只用数字和大写字母，不用I、O、S、V、Z，"
            "请核对是否把数字1、0、5、2误作字母"
        )
        return Checked(text, (_err(field, "credit.chars", msg),))
    if _credit_check_char(text[:17]) != text[17]:
        msg = (
            f"{field}校验位不符。早期试点发放的代码可能如此，"
            "请核对营业执照原件，确认无误后注明理由继续"
        )
        return Checked(text, (_warn(field, "credit.checksum", msg),))
    return Checked(text)


def make_credit_code(prefix17: str) -> str:
    """Append the check character to 17 code characters (demo and test data)."""
    if len(prefix17) != 17 or any(c not in _CREDIT_VALUE for c in prefix17):
        raise ValueError(f"bad credit code prefix {prefix17!r}")
    return prefix17 + _credit_check_char(prefix17)


# --- telephone numbers ---------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# 3-digit area codes are 010 and 02x, every other one is 0 + 3 digits starting 3-9, so an
# undashed number still splits unambiguously.
_LANDLINE = re.compile(
    r"\(?(?P<area>010|02[0-9]|0[3-9][0-9]{2})\)?-?(?P<local>[2-9][0-9]{6,7})"
    r"(?:(?:-|转|#|EXT\.?|分机)(?P<ext>[0-9]{1,6}))?"
)
_LOCAL_ONLY = re.compile(r"[2-9][0-9]{6,7}")


def _phone_text(value: object) -> str:
    text = _ascii_fold(_text(value)).upper()
    return re.sub(r"[\s\u2010-\u2015\u2212]", lambda m: "" if m[0].isspace() else "-", text)


def _strip_country(text: str) -> str:
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            return text[len(prefix) :].lstrip("-")
    return text


@_never_raise
def check_mobile(value: object, field: str = "手机号码", *, required: bool = True) -> Checked:
    text = _strip_country(_phone_text(value)).replace("-", "")
    if not text:
        return _empty(field, "mobile.empty", required)
    if not _MOBILE.fullmatch(text):
        msg = f"{field}应为以13至19开头的11位数字"
        return Checked(text, (_err(field, "mobile.format", msg),))
    return Checked(text)


@_never_raise
def check_landline(value: object, field: str = "固定电话", *, required: bool = True) -> Checked:
    text = _strip_country(_phone_text(value))
    if not text:
        return _empty(field, "landline.empty", required)
    if _LOCAL_ONLY.fullmatch(text):
        msg = f"{field}未填写区号（罗山县为0376），请确认"
        return Checked(text, (_warn(field, "landline.no_area_code", msg),))
    m = _LANDLINE.fullmatch(text)
    if not m or (text.startswith("(") != (")" in text)):
        msg = f"{field}格式不正确，应为区号加7至8位号码，如0376-2345678"
        return Checked(text, (_err(field, "landline.format", msg),))
    normalized = f"{m['area']}-{m['local']}" + (f"-{m['ext']}" if m["ext"] else "")
    return Checked(normalized)


@_never_raise
def check_phone(value: object, field: str = "联系电话", *, required: bool = True) -> Checked:
    text = _strip_country(_phone_text(value))
    if not text:
        return _empty(field, "phone.empty", required)
    # Either kind is accepted, so a wrong number is told both (a message naming mobiles only
    # sent clerks hunting for a mobile when the applicant had a landline).
    msg = f"{field}应为11位手机号码（13至19开头）或带区号的固定电话（如0376-2345678）"
    if text.startswith("1"):
        result = check_mobile(text, field)
        if result.ok:
            return result
        return Checked(result.value, (_err(field, "phone.format", msg),))
    result = check_landline(text, field)
    if result.ok:
        return result
    return Checked(result.value, (_err(field, "phone.format", msg),))


# --- names ---------------------------------------------------------------------------------

_CJK_RANGES = (
    (0x3400, 0x4DBF),  # Ext A
    (0x4E00, 0x9FFF),  # URO
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x2A6DF),  # Ext B
    (0x2A700, 0x2EE5F),  # Ext C, D, E, F, I
    (0x2F800, 0x2FA1F),  # compatibility supplement
    (0x30000, 0x323AF),  # Ext G, H
)
_DOTS = "·•‧・･.．∙⋅"  # variants typed for the middle dot of minority names
_MIDDLE_DOT = "·"


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return cp == 0x3007 or any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def _is_latin(ch: str) -> bool:
    return ch.isalpha() and "LATIN" in unicodedata.name(ch, "")


def _char(ch: str) -> str:
    """How a message names a character: itself and its code point, or only the code point
    when it is invisible."""
    if not _is_cjk(ch) and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Cn", "Zl", "Zp", "Zs", "Mn"):
        return f"U+{ord(ch):04X}"
    return f"“{ch}”(U+{ord(ch):04X})"


def _bad_char_issue(ch: str, field: str, prefix: str) -> Issue | None:
    """Classify a character no name may hold, or None if it is merely unexpected."""
    cat = unicodedata.category(ch)
    if 0x2E80 <= ord(ch) <= 0x2FDF:
        msg = f"{field}含有部首符号{_char(ch)}（多为复制粘贴所致，外观与汉字相同），请重新输入该字"
        return _err(field, f"{prefix}.radical", msg)
    if cat == "Co":
        msg = f"{field}含有私用区字符{_char(ch)}（自造字），其他系统可能无法显示，请核对后注明理由"
        return _warn(field, f"{prefix}.private_use", msg)
    if cat in ("Cc", "Cf", "Cs", "Cn", "Zl", "Zp"):
        return _err(field, f"{prefix}.control", f"{field}含有不可见的控制字符或无效字符（{_char(ch)}）")
    return None


def _glyph_issue(ch: str, field: str, prefix: str) -> Issue | None:
    """A Chinese character no font of the documents can print (Extensions G-I...): refused
    as it is typed, before a case with it is committed and its receipt refused."""
    if 0x4E00 <= ord(ch) <= 0x9FFF:  # the main face has every URO character
        return None
    from ...documents.fonts import printable  # loads a rare-character font only when needed

    if printable(ch):
        return None
    msg = (f"{field}中的字{_char(ch)}无法打印：字库中没有此字。请联系系统管理员，"
           "不要以同音字或形近字代替")
    return _err(field, f"{prefix}.no_glyph", msg)


@_never_raise
def check_person_name(value: object, field: str = "姓名", *, required: bool = True) -> Checked:
    text = _WS.sub(" ", _ascii_fold(_text(value))).strip()
    if not text:
        return _empty(field, "name.empty", required)
    issues: list[Issue] = []
    if len(text) > 50:
        issues.append(_err(field, "name.length", f"{field}不能超过50个字，当前为{len(text)}个"))
        text_scan = text[:51]
    else:
        text_scan = text
    cjk = latin = False
    seen: set[str] = set()
    for ch in text_scan:
        if _is_cjk(ch):
            cjk = True
            glyph = _glyph_issue(ch, field, "name")
            if glyph is not None:
                issues.append(glyph)
        elif _is_latin(ch):
            latin = True
        elif ch in " -'’" or ch in _DOTS:
            pass
        else:
            issue = _bad_char_issue(ch, field, "name")
            if issue is None:
                code = "name.digits" if ch.isdigit() else "name.chars"
                msg = (
                    f"{field}不能含有数字"
                    if ch.isdigit()
                    else f"{field}含有不能用于姓名的字符{_char(ch)}（如表情、标点或符号）"
                )
                issue = _err(field, code, msg)
            if issue.code not in seen:
                seen.add(issue.code)
                issues.append(issue)
    if cjk:
        # Chinese and minority names: one canonical middle dot, no spaces.
        text = "".join(_MIDDLE_DOT if c in _DOTS else c for c in text)
        if " " in text:
            msg = f"{field}中不应有空格；少数民族姓名请用间隔号“·”分隔"
            issues.append(_err(field, "name.space", msg))
        if text.startswith(_MIDDLE_DOT) or text.endswith(_MIDDLE_DOT) or "··" in text:
            issues.append(_err(field, "name.dot", f"{field}中的间隔号“·”位置不正确"))
        if latin:
            msg = f"{field}同时含有汉字和拉丁字母，请核对"
            issues.append(_warn(field, "name.mixed_script", msg))
        if len(text) == 1 and not issues:
            msg = f"{field}只有一个字，请核对是否完整"
            issues.append(_warn(field, "name.short", msg))
    elif not latin and not issues:
        issues.append(_err(field, "name.chars", f"{field}应含有汉字或字母"))
    return Checked(text, tuple(issues))


_ORG_PUNCT = set(" ()（）·-—&.,，、'《》“”\"/")


@_never_raise
def check_org_name(
    value: object, field: str = "单位名称", *, required: bool = True, max_length: int = 100
) -> Checked:
    text = _WS.sub(" ", _text(value).translate(_FULLWIDTH_ALNUM)).strip()
    if not text:
        return _empty(field, "org.empty", required)
    issues: list[Issue] = []
    if len(text) > max_length:
        msg = f"{field}不能超过{max_length}个字，当前为{len(text)}个"
        issues.append(_err(field, "org.length", msg))
    seen: set[str] = set()
    has_word = False
    for ch in text[: max_length + 1]:
        if _is_cjk(ch) or (ch.isalnum() and ch.isascii()) or _is_latin(ch):
            has_word = has_word or not ch.isdigit()
            glyph = _glyph_issue(ch, field, "org") if _is_cjk(ch) else None
            if glyph is not None and glyph.code not in seen:
                seen.add(glyph.code)
                issues.append(glyph)
            continue
        if ch in _ORG_PUNCT:
            continue
        issue = _bad_char_issue(ch, field, "org") or _err(
            field, "org.chars", f"{field}含有不能用于名称的字符{_char(ch)}（如表情或特殊符号）"
        )
        if issue.code not in seen:
            seen.add(issue.code)
            issues.append(issue)
    if not has_word and not issues:
        issues.append(_err(field, "org.chars", f"{field}应含有汉字或字母"))
    if any(_is_cjk(c) for c in text):
        # Registration authorities write Chinese names with full-width brackets.
        text = text.replace("(", "（").replace(")", "）")
    return Checked(text, tuple(issues))


# --- dates ---------------------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})"),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]?"),
)


def parse_date(value: object) -> date | None:
    """A date from a date object or one of the accepted text forms; None otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = "".join(_ascii_fold(_text(value)).split())
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            return _parse_ymd(*m.groups())
    return None


def _fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@_never_raise
def check_date(
    value: object,
    field: str = "日期",
    *,
    required: bool = True,
    min_date: date | None = None,
    max_date: date | None = None,
) -> Checked:
    if isinstance(value, date):
        parsed = parse_date(value)
        text = parsed.isoformat() if parsed else ""
    else:
        text = "".join(_ascii_fold(_text(value)).split())
        if not text:
            return _empty(field, "date.empty", required)
        parsed = parse_date(text)
    if parsed is None:
        if any(p.fullmatch(text) for p in _DATE_PATTERNS):
            return Checked(
                text, (_err(field, "date.invalid", f"{field}在日历上不存在（如2月30日），请核对"),)
            )
        msg = f"{field}格式不正确，应如2026-01-05或2026年1月5日"
        return Checked(text, (_err(field, "date.format", msg),))
    if min_date is not None and parsed < min_date:
        msg = f"{field}不能早于{_fmt(min_date)}"
        return Checked(parsed.isoformat(), (_err(field, "date.too_early", msg),))
    if max_date is not None and parsed > max_date:
        msg = f"{field}不能晚于{_fmt(max_date)}"
        return Checked(parsed.isoformat(), (_err(field, "date.too_late", msg),))
    return Checked(parsed.isoformat())
