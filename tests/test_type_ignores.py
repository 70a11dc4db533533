"""mypy checks counter_app in CI (scripts/test.sh); a silenced error must say which error and
why, on the same line, so that a reader can judge it and a later fix can remove it."""

from __future__ import annotations

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "counter_app"
IGNORE = re.compile(r"#\s*type:\s*ignore")
WITH_REASON = re.compile(r"#\s*type:\s*ignore\[[a-z-]+(, [a-z-]+)*\]  # \S")


def test_every_type_ignore_names_its_error_and_a_reason() -> None:
    bare = []
    for path in sorted(APP.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if IGNORE.search(line) and not WITH_REASON.search(line):
                bare.append(f"{path.relative_to(APP.parent)}:{n}: {line.strip()}")
    assert not bare, "\n".join(bare)
