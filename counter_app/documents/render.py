"""render(kind, data, layout, reprint_no, options) -> PDF bytes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counter_app.documents import (
    acceptance,
    collection,
    handoff,
    not_accepted,
    one_time_notice,
    supplement,
)
from counter_app.documents.common import DOC_KINDS
from counter_app.documents.data import RenderOptions
from counter_app.documents.layout import LAYOUTS, Ctx, Sheet
from counter_app.documents.pages import render_sheet

_BUILDERS: dict[str, Callable[[Any, Ctx], Sheet]] = {
    "acceptance": acceptance.sheet,
    "one_time_notice": one_time_notice.sheet,
    "not_accepted": not_accepted.sheet,
    "supplement_receipt": supplement.sheet,
    "handoff": handoff.sheet,
    "collection": collection.sheet,
}


def render(
    kind: str,
    data: Any,
    layout: str = "a4",
    reprint_no: int = 0,
    options: RenderOptions | None = None,
) -> bytes:
    """Render one document to PDF bytes.

    ``kind`` is a key of DOC_KINDS; ``layout`` "a4" or "receipt"; ``reprint_no`` > 0 prints
    "补打（第 N 次）" on every page. Raises MissingGlyphError if a character cannot be printed,
    ValueError for an unknown kind or layout or a malformed number.
    """
    if kind not in DOC_KINDS:
        raise ValueError(f"unknown document kind {kind!r}; expected one of {sorted(DOC_KINDS)}")
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")
    if reprint_no < 0:
        raise ValueError("reprint_no must be >= 0")
    ctx = Ctx(layout, options or RenderOptions())
    return render_sheet(_BUILDERS[kind](data, ctx), ctx, reprint_no)
