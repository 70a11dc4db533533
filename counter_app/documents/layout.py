"""Layouts, styles and the context document builders work in.

Layouts: "a4" (laser printers) and "receipt" (80 mm thermal paper, 72 mm printable, one
continuous page whose height is computed from the content). pages.py turns a Sheet into PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from counter_app.documents.data import RenderOptions
from counter_app.documents.fonts import Glyphs
from counter_app.documents.text import Runs, Text, TextStyle

LAYOUTS = ("a4", "receipt")
RECEIPT_WIDTH = 80 * mm
RECEIPT_MAX_HEIGHT = 5000 * mm  # PDF viewers' page limit is 200 in (5080 mm): paginate beyond


@dataclass(frozen=True)
class Geometry:
    width: float
    margin_x: float
    header: float  # A4: band at the top of each page holding hall name, barcode, marks
    margin_top: float
    margin_bottom: float
    body: float  # body font size
    leading: float
    small: float
    title: float
    bar_height: float
    qr_dots: int


GEOMETRY = {
    "a4": Geometry(A4[0], 18 * mm, 22 * mm, 8 * mm, 14 * mm, 10.5, 15.5, 9, 20, 12 * mm, 6),
    "receipt": Geometry(RECEIPT_WIDTH, 4 * mm, 0, 3 * mm, 8 * mm, 9, 12.5, 8, 15, 10 * mm, 5),
}


@dataclass
class Ctx:
    """What a document builder needs: layout, options, styles, and the glyph checker."""

    layout: str
    options: RenderOptions
    glyphs: Glyphs = field(default_factory=Glyphs)

    def __post_init__(self) -> None:
        g = self.geo = GEOMETRY[self.layout]
        self.a4 = self.layout == "a4"
        self.frame_width = g.width - 2 * g.margin_x
        self.styles = {
            "body": TextStyle(g.body, g.leading),
            "cell": TextStyle(g.body - 0.5, g.leading - 3),
            "small": TextStyle(g.small, g.small * 1.45),
            "label": TextStyle(g.body - 1, g.leading - 3.5),
            "centre": TextStyle(g.body, g.leading, align=1),
            "right": TextStyle(g.body, g.leading, align=2),
            "sub": TextStyle(g.body, g.leading, align=1, space_after=2),
            "heading": TextStyle(g.body + 1.5, g.leading + 2, space_before=5, space_after=2),
            "indent": TextStyle(g.body, g.leading, first_indent=2 * g.body),
        }
        if not self.a4:  # closing punctuation hangs past the line end: keep it in 72 mm
            self.styles = {k: v.but(right_indent=max(v.right_indent, v.size))
                           for k, v in self.styles.items()}

    def t(self, text: object, field: str, multiline: bool = False) -> Runs:
        """Checked font runs of a text piece; ``field`` names it in a glyph error."""
        return self.glyphs.text(str(text), field, multiline)

    def p(self, runs: Runs, style: str = "body", **kw: float) -> Text:
        """A paragraph of ``runs`` in a named style, with overrides (space_before=...)."""
        return Text(runs, self.styles[style].but(**kw))


@dataclass
class Sheet:
    """A document as the page machinery sees it: its number and one story per copy."""

    title: str
    code: str  # ASCII number in the page header's barcode
    code_label: str  # 办件编号 / 交接批次号
    hall_name: str
    copies: Sequence[str]  # copy labels, e.g. 第一联 申请人留存; [""] for a single copy
    body: Callable[[int, str], list[Flowable]]  # (copy index, label) -> story of that copy
