"""The item's guide beside the checklist: acceptance conditions, review points, time limits."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from ...models import KIND_LABELS
from ...services.catalog.counter_view import ItemInfo


class GuidePanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidePanel")
        self.setOpenLinks(False)
        self.show_item(None)

    def show_item(self, item: ItemInfo | None, co_signer: tuple[str, ...] = ()) -> None:
        if item is None:
            self.setHtml("<p style='color:#666'>" + escape(self.tr(
                "Pick the service item (F3) to see its acceptance conditions and review points."))
                + "</p>")
            return
        kind = KIND_LABELS.get(item.kind, item.kind)
        if item.kind == "immediate":
            limits = (self.tr("front desk finishes it on the spot") if item.can_finish
                      else self.tr("finished by the department on the spot"))
        else:
            limits = (self.tr("promised %1 / statutory %2")
                      .replace("%1", item.limit("promised")).replace("%2", item.limit("statutory")))
        parts = [f"<h3 style='margin:0'>{escape(item.name)}</h3>",
                 f"<p style='color:#444'>{escape(item.code)} · {escape(kind)} · {escape(limits)}"
                 f" · {escape(item.fee)}</p>"]
        if not item.checked:
            parts.append("<p style='color:#9a5b00'><b>" + escape(self.tr(
                "Not yet checked by the department: read the guide with care")) + "</b></p>")
        if co_signer:
            parts.append("<p style='color:#b00020'><b>" + "<br>".join(map(escape, co_signer))
                         + "</b></p>")
        conditions, review = self.tr("Acceptance conditions"), self.tr("Review points")
        parts.append(f"<h4>{escape(conditions)}</h4><p>{escape(item.conditions.strip())}</p>")
        if item.review_points:
            points = "".join(f"<li>{escape(p)}</li>" for p in item.review_points)
            parts.append(f"<h4>{escape(review)}</h4><ol>{points}</ol>")
        self.setHtml("".join(parts))
