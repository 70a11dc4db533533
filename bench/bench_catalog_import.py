"""Catalog import (issue 22), each against a baseline in the same run:

- reading and checking a workbook of 1,000 items (every sheet, every rule) vs openpyxl merely
  reading the same cells (target: within 3x);
- storing those items in a fresh database (versions, materials with their 原件/复印件 counts,
  来源渠道 and standard) vs raw sqlite3 inserting the same rows in one transaction (target:
  within 40x, ~30x when written: the import also builds every row through the ORM, compares
  each item with its current version and writes the sync log of every row).

Items are the shipped ones repeated under new codes, so every field is realistic.
Run: .venv/bin/python bench/bench_catalog_import.py   (prints one JSON line per measure)
"""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit

from counter_app.bootstrap import open_context
from counter_app.paths import resource
from counter_app.services.catalog.exchange import CatalogData, load_catalog, save_catalog
from counter_app.services.catalog.store import import_catalog

ITEMS = 1000


def big_catalog(items: int = ITEMS) -> CatalogData:
    shipped = load_catalog(resource("catalog", "luoshan.yaml"))
    out = []
    for n in range(items):
        base = shipped.items[n % len(shipped.items)]
        mats = tuple(dataclasses.replace(m, originals=m.counts[0] or None,
                                         photocopies=m.counts[1] or None,
                                         standard="复印件须与原件一致，清晰可辨")
                     for m in base.materials)
        out.append(dataclasses.replace(base, code=f"{base.code}-{n:04d}",
                                       name=f"{base.name}（{n}）", materials=mats))
    return dataclasses.replace(shipped, items=tuple(out))


def _best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _read_cells(path: Path) -> int:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        cells = sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                    for _ in row)
        wb.close()
    return cells


def load_bench(data: CatalogData, folder: Path) -> dict:
    path = folder / "big.xlsx"
    save_catalog(data, path)
    ours = _best(lambda: load_catalog(path))
    base = _best(lambda: _read_cells(path))
    return {"name": "catalog_load_xlsx", "items": len(data.items), "seconds": round(ours, 3),
            "baseline_seconds": round(base, 3), "ratio": round(ours / base, 2),
            "target": "<= 3x"}


def _raw_insert(path: Path, data: CatalogData) -> float:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE v (id TEXT PRIMARY KEY, code TEXT, name TEXT, body TEXT)")
    con.execute("CREATE TABLE m (id TEXT PRIMARY KEY, v TEXT, seq INT, name TEXT, form TEXT, "
                "originals INT, photocopies INT, source TEXT, standard TEXT)")
    t = time.perf_counter()
    with con:
        for item in data.items:
            vid = str(uuid.uuid4())
            con.execute("INSERT INTO v VALUES (?,?,?,?)", (vid, item.code, item.name,
                                                           item.conditions + item.legal_basis))
            con.executemany("INSERT INTO m VALUES (?,?,?,?,?,?,?,?,?)", [
                (str(uuid.uuid4()), vid, n, m.name, m.form, m.originals, m.photocopies,
                 m.source, m.standard) for n, m in enumerate(item.materials, 1)])
    elapsed = time.perf_counter() - t
    con.close()
    return elapsed


def import_bench(data: CatalogData, folder: Path) -> dict:
    runs, bases = [], []
    for k in range(2):
        ctx = open_context(folder / f"db{k}")
        t = time.perf_counter()
        with ctx.db.transaction() as s:
            import_catalog(s, data, terminal="01")
        runs.append(time.perf_counter() - t)
        ctx.db.dispose()
        bases.append(_raw_insert(folder / f"raw{k}.sqlite3", data))
    ours, base = min(runs), min(bases)
    return {"name": "catalog_import_db", "items": len(data.items),
            "materials": sum(len(i.materials) for i in data.items), "seconds": round(ours, 3),
            "baseline_seconds": round(base, 4), "ratio": round(ours / base, 1),
            "target": "<= 40x"}


def run() -> list[dict]:
    data = big_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        return [load_bench(data, Path(tmp)), import_bench(data, Path(tmp))]


if __name__ == "__main__":
    for result in run():
        emit(result)
