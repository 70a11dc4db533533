"""Line breaking of the light CJK paragraph (text.Text)."""

from __future__ import annotations

from counter_app.documents.fonts import MAIN, ensure_fonts
from counter_app.documents.text import NO_LINE_START, Text, TextStyle, char_width

ensure_fonts()
STYLE = TextStyle(size=10, leading=14)


def lines(text: str, chars_wide: float, style: TextStyle = STYLE) -> list[str]:
    t = Text([(MAIN, text)], style)
    t.wrap(chars_wide * 10 * char_width(MAIN, "中"), 1e6)
    return ["".join(run for _, run in line) for line, _ in t._lines or []]


def test_breaks_anywhere_between_han_characters() -> None:
    assert lines("一二三四五六七八九十", 4) == ["一二三四", "五六七八", "九十"]


def test_closing_punctuation_hangs_instead_of_starting_a_line() -> None:
    out = lines("一二三四，五六七八。", 4)
    assert out[0] == "一二三四，"
    assert not any(line[:1] in NO_LINE_START for line in out)


def test_opening_bracket_does_not_end_a_line() -> None:
    assert lines("一二三（四五）", 4)[0] == "一二三"


def test_short_numbers_stay_whole() -> None:
    out = lines("电话0376-2162222请拨打", 8)
    assert any("0376-2162222" in line for line in out)


def test_line_breaks_and_hanging_indent() -> None:
    assert lines("一二\n三四", 10) == ["一二", "三四"]
    hang = TextStyle(size=10, leading=14, left_indent=20, first_indent=-20)
    t = Text([(MAIN, "一二三四五六")], hang)
    _, h = t.wrap(40 + 10 * char_width(MAIN, "中") * 2, 1e6)
    assert h == 14 * len(t._lines or [])


def test_split_keeps_every_line() -> None:
    t = Text([(MAIN, "一二三四五六七八九十" * 4)], STYLE)
    t.wrap(40, 1e6)
    total = len(t._lines or [])
    head, rest = t.split(40, 14 * 3)
    assert len(head._lines) == 3 and len(head._lines) + len(rest._lines) == total


def test_no_lone_character_on_a_last_line() -> None:
    assert lines("一二三四五六七八九", 4) == ["一二三四", "五六七", "八九"]
    assert lines("一二三四五六七，九", 4)[-1] != "九"  # the comma comes down with its character
    assert lines("一二\n三", 4) == ["一二", "三"]  # an explicit line break is kept


def test_a_number_keeps_its_unit_and_a_date_stays_whole() -> None:
    out = lines("收费标准为住宅80元每件", 6)
    assert any("80元" in line for line in out), out
    out = lines("受理日期2026年11月23日起算", 8)
    assert any("2026年11月23日" in line for line in out), out
    out = lines("每件收费550 元整", 5)
    assert any("550 元" in line or "550元" in line for line in out), out
