"""A queue ticket for the 80 mm printer, with this hall's name on it."""

from __future__ import annotations

from ...documents.queue_ticket import TicketDoc, render_ticket
from ..context import ServiceContext
from ..settings import HALL_KEY, get_json
from .service import TicketView

DEFAULT_HALL = "政务服务中心"


def ticket_doc(ctx: ServiceContext, t: TicketView) -> TicketDoc:
    with ctx.db.session() as s:
        hall = (get_json(s, HALL_KEY, None) or {}).get("name", "") or DEFAULT_HALL
    return TicketDoc(hall, t.ticket_no, t.window_name, t.item_name, t.issued_at, t.ahead,
                     t.wait_minutes, t.priority_label, t.priority_note, t.qr_payload())


def ticket_pdf(ctx: ServiceContext, t: TicketView) -> bytes:
    return render_ticket(ticket_doc(ctx, t))
