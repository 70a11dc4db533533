"""The lock files drive every install (scripts/install.sh, the installer builds): each one must
still satisfy pyproject.toml, or an edited dependency would silently not be installed."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)")

LOCKS = {"app.lock": [], "test.lock": ["test", "build"], "build.lock": ["build"]}


def _pins(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if m := PIN.match(line):
            pins[canonicalize_name(m.group(1))] = m.group(2)
    return pins


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items())
def test_each_lock_satisfies_pyproject(lock: str, extras: list[str]) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in extras:
        wanted += project["optional-dependencies"][extra]
    pins = _pins(ROOT / "requirements" / lock)
    wrong = []
    for spec in wanted:
        req = Requirement(spec)
        version = pins.get(canonicalize_name(req.name))
        if version is None or not req.specifier.contains(version, prereleases=True):
            wrong.append(f"{spec} (locked: {version})")
    assert not wrong, f"requirements/{lock} is stale, run scripts/lock.sh: {wrong}"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_carries_hashes(lock: str) -> None:
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    unhashed = [b.split()[0] for b in blocks if b.strip() and "--hash=sha256:" not in b]
    assert not unhashed
