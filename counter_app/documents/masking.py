"""De-identification of numbers on applicant-facing prints (个人信息保护法, GB/T 35273).

A print can be lost or photographed: the full ID number never goes on paper. The default keeps
the first 6 (region) and last 4 characters of a resident ID: ``411521********123X``.
"""

from __future__ import annotations

import re

MASK = "*"


def mask_id(id_no: str, keep_head: int = 6, keep_tail: int = 4) -> str:
    """Mask the middle of an ID number.

    Short numbers (passports, permits) would otherwise come out (almost) whole: at least a
    third of the characters, and at least 4, are always masked; head and tail shrink to fit.
    """
    text = "".join(id_no.split())
    n = len(text)
    if n == 0:
        return ""
    head, tail = max(keep_head, 0), max(keep_tail, 0)
    limit = max(n - max(4, -(-n // 3)), 0)  # at most this many characters stay readable
    if head + tail > limit:
        head = min(head, limit // 2 + limit % 2)
        tail = min(tail, limit - head)
    return text[:head] + MASK * (n - head - tail) + (text[n - tail :] if tail else "")


def mask_phone(phone: str) -> str:
    """138****5678 for a mobile number; other numbers keep only their last 4 digits."""
    text = "".join(phone.split())
    if len(text) == 11 and text.isdigit():
        return text[:3] + MASK * 4 + text[7:]
    if len(text) <= 4:
        return MASK * len(text)
    return MASK * (len(text) - 4) + text[-4:]


# An 18-character resident ID (17 digits and a digit or X), or an old 15-digit one; a
# 20-digit case number is neither. A mainland mobile number (11 digits from 13x-19x).
ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")
MOBILE_IN_TEXT = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")


def mask_numbers(text: str) -> str:
    """Free text (a complaint's content) with every ID number and mobile number in it
    masked: a person may type one anywhere. (``diagnostics.mask_ids`` does the same for
    logs without importing the documents package at start-up.)"""
    def one(m: re.Match[str]) -> str:
        whole = m.group(0)
        return whole[:6] + MASK * (len(whole) - 10) + whole[-4:]

    return MOBILE_IN_TEXT.sub(r"\1****\2", ID_IN_TEXT.sub(one, text))
