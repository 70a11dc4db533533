"""Thin Qt widgets over the Qt-free services.

Work-around, applied on import. PySide6 6.12.0 on CPython 3.11 drops a reference to ``None``
on every call of a wrapped method that returns nothing (``setText``, ``setVisible``...) and
to ``True`` on every ``Signal.emit()``. After a few thousand calls the count reaches zero and
the interpreter aborts ("none_dealloc: deallocating None", "bool_dealloc"): a clerk's app
would die mid-morning. CPython 3.12 made these singletons immortal, which hides the bug; on
3.11 we give them a count no process can use up (2**40), the same idea. Once a fixed PySide6
or Python >= 3.12 is in use this does nothing harmful, and on 3.12+ nothing at all.
"""

from __future__ import annotations

import ctypes
import sys

_PIN = 1 << 40


def _pin_singletons() -> None:
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal / debug build
        return
    for obj in (None, True, False):
        if sys.getrefcount(obj) < _PIN:  # once per process
            ctypes.c_ssize_t.from_address(id(obj)).value += _PIN


_pin_singletons()
