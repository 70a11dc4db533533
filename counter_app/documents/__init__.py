"""Printed documents of the counter (Qt-free): notices, receipts and handoff lists as PDF.

    pdf = render("acceptance", case_doc, layout="a4", reprint_no=0)

See data.py for the inputs, fonts.py for how rare characters are handled.
"""

from counter_app.documents.common import DOC_KINDS
from counter_app.documents.data import (
    BatchCase,
    BatchDoc,
    CaseDoc,
    CollectionDoc,
    DeliveryMethod,
    HallInfo,
    MaterialLine,
    MaterialStatus,
    Party,
    PartyKind,
    RenderOptions,
    SupplementDoc,
)
from counter_app.documents.fonts import MissingGlyphError
from counter_app.documents.masking import mask_id, mask_phone
from counter_app.documents.render import render

__all__ = [
    "DOC_KINDS",
    "BatchCase",
    "BatchDoc",
    "CaseDoc",
    "CollectionDoc",
    "DeliveryMethod",
    "HallInfo",
    "MaterialLine",
    "MaterialStatus",
    "MissingGlyphError",
    "Party",
    "PartyKind",
    "RenderOptions",
    "SupplementDoc",
    "mask_id",
    "mask_phone",
    "render",
]
