"""Per-keystroke cost of the catalog search over 5,000 synthetic items.

Names are recombined from the shipped catalog's names, so the characters and pinyin look like
the real thing. Queries are typed letter by letter from a cold start (no cached matches, no
compiled regexes), as a clerk would; the baseline is a naive `query in name` scan over the
same names in the same run. Times are CPU time of this process, so a busy machine does not
inflate them; the wall-clock mean is reported beside.

Run: .venv/bin/python bench/bench_catalog_search.py   (prints one JSON line)
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from counter_app.services.catalog.exchange import load_catalog  # noqa: E402
from counter_app.services.catalog.search import CatalogIndex  # noqa: E402

ITEMS = 5000
QUERIES = (
    "yxzrgs", "gongsi", "不动产抵押", "gjjtq", "SCZR-00", "shipin", "jiehundengji",
    "zhufang gongjijin", "有限zr", "sbk", "diyajumin", "营业执照",
)


def synthetic_names(count: int, seed: int = 20220124) -> list[tuple[str, str, tuple[str, ...]]]:
    catalog = load_catalog(ROOT / "resources" / "catalog" / "luoshan.yaml")
    heads, tails, quals = [], [], []
    for item in catalog.items:
        base, _, qual = item.name.partition("（")
        cut = max(2, len(base) // 2)
        heads.append(base[:cut])
        tails.append(base[cut:])
        if qual:
            quals.append("（" + qual)
    rng = random.Random(seed)
    words = [w for i in catalog.items for w in i.keywords]
    out = []
    for n in range(count):
        name = rng.choice(heads) + rng.choice(tails)
        if rng.random() < 0.2:
            name += rng.choice(quals)
        code = f"{rng.choice(catalog.items).code.split('-')[0]}-{n:05d}"
        out.append((code, name, tuple(rng.sample(words, 2))))
    return out


def run(items: int = ITEMS, rounds: int = 3) -> dict[str, float | int | str]:
    records = synthetic_names(items)
    started = time.perf_counter()
    index = CatalogIndex(records)
    build_s = time.perf_counter() - started
    names = [r[1] for r in records]
    prefixes = [q[:k] for q in QUERIES for k in range(1, len(q) + 1)]

    def typed() -> tuple[list[float], float]:
        times = []
        wall = time.perf_counter()
        for q in QUERIES:
            index.clear_cache()  # each query typed afresh: nothing left from the last one
            re.purge()  # and its regexes compile on the keystroke
            for k in range(1, len(q) + 1):
                t = time.process_time()
                index.search(q[:k])
                times.append(time.process_time() - t)
        return times, (time.perf_counter() - wall) / len(prefixes)

    def naive() -> float:
        t = time.process_time()
        for p in prefixes:
            p = re.sub(r"\s", "", p)
            [n for n in names if p in n][:20]
        return (time.process_time() - t) / len(prefixes)

    ours = [typed() for _ in range(rounds)]
    per_key = statistics.mean(statistics.mean(times) for times, _ in ours) * 1000
    worst = max(max(times) for times, _ in ours) * 1000
    wall = statistics.mean(w for _, w in ours) * 1000
    baseline = statistics.mean(naive() for _ in range(rounds)) * 1000
    return {
        "name": "catalog_search",
        "per_keystroke_ms": round(per_key, 3),
        "baseline_ms": round(baseline, 3),
        "ratio": round(per_key / baseline, 2),
        "max_keystroke_ms": round(worst, 3),
        "wall_per_keystroke_ms": round(wall, 3),
        "items": items,
        "keystrokes": len(prefixes),
        "build_s": round(build_s, 2),
    }


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False))
