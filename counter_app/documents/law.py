"""Which law a notice cites and which remedies it offers, by the item's type and its body.

The 行政许可法 governs only a 行政许可: its §32 (acceptance), §45 (time not counted) and the
five-working-day rule are cited for no other type. A 行政复议 or 行政诉讼 exists only against
an administrative organ (or an organisation the law authorises, or one acting on an organ's
behalf); a utility or a 公证处 is none, and its applicant is told the complaint channel the
catalog names instead. Pure functions of plain values.
"""

from __future__ import annotations

from datetime import date

LICENSING_LAW = "《中华人民共和国行政许可法》"
NON_ORGANS = ("enterprise", "notary")
UNIT_WORDS = {"workday": "个工作日", "day": "日"}


def is_licensing(item_type: str) -> bool:
    return item_type == "licensing"


def is_organ(nature: str) -> bool:
    return nature not in NON_ORGANS


def acceptance_basis(item_type: str, basis: str, article: str = "第三十二条") -> str:
    """The law the acceptance or refusal rests on: §32 for a 行政许可, else the item's own."""
    if is_licensing(item_type):
        return f"{LICENSING_LAW}{article}"
    return basis.strip()


def limit_text(days: int | None, unit: str, due: date | None = None) -> str:
    """“15日（2025年10月11日前）”, “20个工作日”, “即办件，当场办结”."""
    from counter_app.documents.blocks import d  # the one date format of the documents

    if days is None and due is None:
        return "—"
    if days == 0 or unit == "onsite":
        return "即办件，当场办结" + (f"（{d(due)}）" if due else "")
    out = f"{days}{UNIT_WORDS.get(unit, '个工作日')}" if days is not None else ""
    return out + (f"（{d(due)}前）" if due else "")


def remedies(nature: str, reconsideration_body: str, court: str, channel: str) -> str:
    """What an applicant who disagrees can do, for this body only."""
    if not is_organ(nature):
        return ("如对本决定有异议，" + channel.strip().rstrip("。") + "。") if channel.strip() else (
            "如对本决定有异议，可向本单位提出，或向其主管部门反映。")
    body = reconsideration_body.strip() or "有管辖权的行政复议机关"
    where = court.strip() or "有管辖权的人民法院"
    return (
        "如对本决定不服，可以自收到本通知书之日起六十日内依照《中华人民共和国行政复议法》的规定向"
        f"{body}申请行政复议，或者自收到本通知书之日起六个月内依照《中华人民共和国行政诉讼法》"
        f"的规定向{where}提起行政诉讼。"
    )
