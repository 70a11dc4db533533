"""Fonts of the printed documents, and the rule that no character vanishes from them.

Every glyph on every print is drawn in an embedded TrueType font (never reportlab's built-in
Helvetica or a non-embedded CID font: viewers and printers would substitute it).

Rare characters (生僻字) — the decision:

* Main face: WenQuanYi Micro Hei (``resources/fonts/wqy-microhei.ttc``, 5 MB). It covers the
  whole CJK Unified Ideographs block but only 2 characters of Extension A.
* Fallback: WenQuanYi Zen Hei (``wqy-zenhei.ttc``, 17 MB), also a sans face, adds 6 582
  Extension A characters (U+3400-4DBF), which do occur in names. It is bundled and loaded
  lazily, the first time a string needs it; only the characters that need it are drawn in it.
* Extensions B-F (U+20000 and up), and the few URO/Extension A characters the WenQuanYi faces
  lack: Hanazono Mincho (HanaMinB.ttf for B-F, HanaMinA.ttf for the rest; Debian package
  fonts-hanazono, SIL OFL; about 25 MB each), from ``resources/fonts`` when a build bundles it,
  else from the system's fonts folder. Registering one takes about 0.35 s, so it happens only
  when a character needs it. A serif face among sans characters, but the character is printed.
* A character none of these has (Extensions G-I, private use) is refused: the render raises
  ``MissingGlyphError`` naming every such character and the field it is in, in Chinese, before
  any page is made; ``printable`` lets the validator refuse it as it is typed.
  A legal document with a blank or a box in the applicant's name is worse than no document;
  the clerk sees exactly which character of which field cannot be printed.
* Characters that are never drawn by design are removed before checking: zero-width spaces
  and joiners, the soft hyphen, the byte-order mark and variation selectors (a variation
  selector picks a glyph variant; the base character it follows is still printed and checked).
  Line breaks and tabs become spaces except where a field allows line breaks.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from counter_app.paths import resource

MAIN = "CounterSans"
FALLBACK = "CounterSansExtA"
RARE_A = "CounterSerifRareA"  # Hanazono Mincho A: URO and Extension A leftovers
RARE_B = "CounterSerifRareB"  # Hanazono Mincho B: Extensions B-F
_FILES = {MAIN: "wqy-microhei.ttc", FALLBACK: "wqy-zenhei.ttc", RARE_A: "HanaMinA.ttf",
          RARE_B: "HanaMinB.ttf"}
SYSTEM_FONTS = (Path("/usr/share/fonts/truetype/hanazono"),)  # Debian fonts-hanazono
_lock = threading.Lock()
_cmaps: dict[str, dict[int, int]] = {}

# Never drawn, never checked (see module docstring); other control characters likewise.
_DROP = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\u00ad\u180b-\u180d\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff\U000e0100-\U000e01ef]"
)
_FOLD = re.compile("[\t\n\v\f\r]")


class MissingGlyphError(ValueError):
    """Characters no bundled font can print. ``problems`` is [(field, character), ...]."""

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        self.problems: list[tuple[str, str]] = list(dict.fromkeys(problems))
        by_field: dict[str, list[str]] = {}
        for field_name, char in self.problems:
            by_field.setdefault(field_name, []).append(char)
        parts = [
            f"「{name}」中的字"
            + "、".join(f"“{c}”(U+{ord(c):04X})" for c in chars)
            + " 无法打印：字库中没有此字"
            for name, chars in by_field.items()
        ]
        super().__init__("；".join(parts) + "。请联系系统管理员，不要以同音字或形近字代替。")


_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 (a
    surrogate pair, as the PDF reference asks): reportlab writes ``<20BB7>``, which no reader
    understands, so 𠮷 could not be searched or copied from a print."""
    cmap = _reportlab_to_unicode(fontname, [min(v, 0xFFFF) for v in subset])
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            cmap = cmap.replace(f"<{i:02X}> <FFFF>",
                                f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>", 1)
    return cmap


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def font_file(name: str) -> Path | None:
    """Where a face's file is: bundled in resources/fonts, else (Hanazono) the system's."""
    for folder in (resource("fonts"), *SYSTEM_FONTS):
        path = folder / _FILES[name]
        if path.is_file():
            return path
    return None


def _register(name: str) -> dict[int, int]:
    cmap = _cmaps.get(name)
    if cmap is not None:
        return cmap
    with _lock:
        if name not in _cmaps:
            path = font_file(name)
            if path is None:  # an optional face that is not installed: it has no glyphs
                _cmaps[name] = {}
                return _cmaps[name]
            font = TTFont(name, str(path), subfontIndex=0)
            pdfmetrics.registerFont(font)
            _cmaps[name] = font.face.charToGlyph
        return _cmaps[name]


def _font_for(code: int, main: dict[int, int]) -> str | None:
    """The first face that has ``code``; each later face is loaded only when asked."""
    if code in main:
        return MAIN
    rare = (RARE_B, RARE_A) if code > 0xFFFF else (RARE_A, RARE_B)
    for name in (FALLBACK, *rare) if code <= 0xFFFF else rare:
        if code in _register(name):
            return name
    return None


def printable(ch: str) -> bool:
    """Whether some face can print ``ch`` (never-drawn characters count as printable)."""
    if not clean(ch):
        return True
    return _font_for(ord(ch), _register(MAIN)) is not None


def ensure_fonts() -> None:
    """Register the main face (about 0.2 s, once per process)."""
    _register(MAIN)


def clean(text: str, multiline: bool = False) -> str:
    """Drop never-drawn characters; fold line breaks and tabs unless the field keeps lines."""
    text = _DROP.sub("", text)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _FOLD.sub(lambda m: m.group() if m.group() == "\n" else " ", text)
    return _FOLD.sub(" ", text)


class Glyphs:
    """Splits text into runs by font and collects characters no font has, per render.

    Problems are collected, not raised at once, so that one error names every bad character.
    """

    def __init__(self) -> None:
        self.main = _register(MAIN)
        self.problems: list[tuple[str, str]] = []

    def runs(self, text: str, field: str) -> list[tuple[str, str]]:
        """[(font name, text), ...] for ``text``; unknown characters are recorded and skipped."""
        result: list[tuple[str, str]] = []
        for ch in text:
            font = MAIN if ch == "\n" else _font_for(ord(ch), self.main)
            if font is None:
                self.problems.append((field, ch))
                continue
            if result and result[-1][0] == font:
                result[-1] = (font, result[-1][1] + ch)
            else:
                result.append((font, ch))
        return result

    def text(self, text: str, field: str, multiline: bool = False) -> list[tuple[str, str]]:
        """Font runs of a field's text, cleaned (see clean) and checked."""
        return self.runs(clean(text, multiline), field)

    def check(self) -> None:
        if self.problems:
            raise MissingGlyphError(self.problems)


def string_width(runs: list[tuple[str, str]], size: float) -> float:
    return sum(pdfmetrics.stringWidth(text, font, size) for font, text in runs)
