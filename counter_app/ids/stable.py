"""Ids derived from a natural key, for reference rows that several PCs may create alike.

Catalog items, versions and their materials, departments, windows and staff accounts are
often imported or added on more than one PC. With random ids the same department made twice
is two rows with one code: the server must refuse the second (a unique key) and every case
pointing at it. With ``stable_id`` the same thing made anywhere has the same id, so the
copies meet as one row and only real differences become conflicts.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("5b0e7a52-5c1c-4f43-9d1e-0c0a7e4f1152")  # Counter, Luoshan hall


def stable_id(table: str, *key: object) -> str:
    """``stable_id("department", "SCJGJ")``; ``stable_id("item_version", item_code, 3)``."""
    text = "\x1f".join([table, *(str(k) for k in key)])
    return str(uuid.uuid5(NAMESPACE, text))
