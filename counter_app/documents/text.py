"""A light paragraph for CJK text in font runs, used instead of reportlab's Paragraph.

Paragraph parses markup with an HTML parser and re-fragments the text on every wrap; for the
~150 short texts of a notice that was most of the layout time. Here the text arrives already
split into font runs (fonts.Glyphs.runs), is broken greedily at any character (as Paragraph's
wordWrap="CJK" does), with Chinese line rules (GB/T 15834): closing punctuation never starts a
line (it hangs at the end of the previous one), opening brackets never end one, and short
ASCII words and numbers ("09:41", "0376-2162222") are not split across lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

Runs = list[tuple[str, str]]  # (font name, text); "\n" breaks a line

NO_LINE_START = set("!),.:;?]}、。〉》」』】〕〗〙〛｝＞）＂，．：；？！％～’”°′″℃·・…—-–/")
NO_LINE_END = set("([{〈《「『【〔〖〘〚｛（‘“")
_WORD = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,:;-+*/_@#%&()")
_MAX_WORD = 24  # longer ASCII runs (URLs) break anywhere rather than leave a line near-empty
# A number keeps its unit (80 元, 15日, 3 页) and a date stays whole (2026年11月23日).
_UNITS = set("元日页项件份个年月号时分秒天周次本张人岁％%")


def _glued(a: str, b: str) -> bool:
    """Whether a line must not break between characters ``a`` and ``b``."""
    if a in _WORD and b in _WORD:
        return True
    if a.isdigit() and (b in _UNITS or b == " "):
        return True
    return (a == " " and b in _UNITS) or (a in "年月" and b.isdigit())
_widths: dict[str, dict[str, float]] = {}


def char_width(font: str, ch: str) -> float:
    """Advance width of one character at size 1 (cached: this is the inner loop)."""
    table = _widths.get(font)
    if table is None:
        table = _widths[font] = {}
    w = table.get(ch)
    if w is None:
        w = table[ch] = pdfmetrics.stringWidth(ch, font, 1)
    return w


@dataclass(frozen=True)
class TextStyle:
    size: float
    leading: float
    align: int = 0  # 0 left, 1 centre, 2 right
    first_indent: float = 0.0  # added to left_indent on the first line (negative: hanging)
    left_indent: float = 0.0
    right_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0

    def but(self, **changes: float) -> TextStyle:
        return replace(self, **changes) if changes else self  # type: ignore[arg-type]  # align (int) is never changed


Line = tuple[list[tuple[str, str]], float]  # (runs, width)


class Text(Flowable):
    def __init__(self, runs: Runs, style: TextStyle, lines: list[Line] | None = None) -> None:
        super().__init__()
        self.runs = runs
        self.style = style
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self._lines = lines
        self._for_width = -1.0 if lines is None else None

    def getPlainText(self) -> str:
        return "".join(text for _, text in self.runs)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._for_width is not None and self._for_width != available_width:
            self._lines = self._break(available_width)
            self._for_width = available_width
        self.width = available_width
        self.height = len(self._lines or ()) * self.style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        fit = int(available_height // self.style.leading)
        lines = self._lines or []
        if fit <= 0 or fit >= len(lines):
            return [] if fit <= 0 else [self]
        rest = self.style.but(first_indent=0, space_before=0)
        head = Text(self.runs, self.style.but(space_after=0), lines[:fit])
        return [head, Text(self.runs, rest, lines[fit:])]

    def _break(self, width: float) -> list[Line]:
        s = self.style
        size = s.size
        lines: list[Line] = []
        raw: list[list[tuple[str, str, float]]] = []  # each line's characters
        hard: set[int] = set()  # lines ended by an explicit line break
        chars: list[tuple[str, str, float]] = []  # (font, char, width) of the current line
        used = 0.0

        def limit() -> float:
            start = s.left_indent + (s.first_indent if not lines else 0)
            return width - start - s.right_indent + 0.01

        def push(line: list[tuple[str, str, float]]) -> None:
            raw.append(line)
            runs: list[tuple[str, str]] = []
            for font, ch, _ in line:
                if runs and runs[-1][0] == font:
                    runs[-1] = (font, runs[-1][1] + ch)
                else:
                    runs.append((font, ch))
            lines.append((runs, sum(w for _, _, w in line)))

        for font, text in self.runs:
            for ch in text:
                if ch == "\n":
                    hard.add(len(raw))
                    push(chars)
                    chars, used = [], 0.0
                    continue
                w = char_width(font, ch) * size
                if used + w <= limit() or not chars:
                    chars.append((font, ch, w))
                    used += w
                    continue
                if ch in NO_LINE_START:  # hang it at the end of this line
                    chars.append((font, ch, w))
                    push(chars)
                    chars, used = [], 0.0
                    continue
                cut = _cut(chars, ch)
                push(chars[:cut])
                chars = chars[cut:]
                while chars and chars[0][1] == " ":  # a wrapped line starts with no space
                    chars.pop(0)
                if ch != " " or chars:
                    chars.append((font, ch, w))
                used = sum(c[2] for c in chars)
        if chars or not lines:
            push(chars)
        return self._no_lone_last(lines, raw, hard, push)

    @staticmethod
    def _no_lone_last(lines: list[Line], raw: list[list[tuple[str, str, float]]], hard: set[int],
                      push) -> list[Line]:
        """A paragraph never ends on one lone character: the previous line gives it company."""
        if len(raw) < 2 or (len(raw) - 2) in hard:
            return lines
        last, prev = raw[-1], raw[-2]
        if len([c for _, c, _ in last if c not in NO_LINE_START and not c.isspace()]) != 1:
            return lines
        take = 1
        while take < len(prev) and prev[-take][1] in NO_LINE_START:
            take += 1  # a hanging comma comes down with the character it follows
        if len(prev) - take < 2 or _glued(prev[-take - 1][1], prev[-take][1]):
            return lines
        moved, kept = prev[-take:], prev[:-take]
        head = lines[:-2]
        raw.clear()
        lines.clear()
        lines.extend(head)
        push(kept)
        push(moved + last)
        return lines

    def draw(self) -> None:
        text = self.canv.beginText()
        self.emit(text, 0.0, self.height)
        self.canv.drawText(text)

    def emit(self, text: PDFTextObject, x0: float, top: float) -> None:
        """Write the wrapped lines into a text object, the first line box's top at ``top``:
        a table draws all its cells through one text object."""
        s = self.style
        # Centre the glyphs (descent ~0.12 em, ascent ~0.88 em) in each line box.
        y = top - s.leading / 2 - 0.38 * s.size
        font_now = None
        for i, (runs, used) in enumerate(self._lines or []):
            start = s.left_indent + (s.first_indent if i == 0 else 0)
            room = self.width - start - s.right_indent
            x = start + (0.0 if s.align == 0 else (room - used) / (2 if s.align == 1 else 1))
            text.setTextOrigin(x0 + x, y - i * s.leading)
            for font, run in runs:
                if font != font_now:
                    text.setFont(font, s.size)
                    font_now = font
                text.textOut(run)


def _cut(chars: list[tuple[str, str, float]], nxt: str) -> int:
    """Where to end the line before ``nxt``: keep an opening bracket with what follows and a
    short ASCII word or number in one piece."""
    cut = len(chars)
    k, cur = cut, nxt
    while k > 0 and _glued(chars[k - 1][1], cur):
        cur = chars[k - 1][1]
        k -= 1
    if 0 < k < cut and cut - k < _MAX_WORD:
        cut = k
    while cut > 1 and chars[cut - 1][1] in NO_LINE_END:
        cut -= 1
    return cut
