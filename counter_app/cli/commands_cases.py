"""Commands about cases: import-cases (more to come: print, verify-audit)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    return None
