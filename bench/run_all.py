#!/usr/bin/env python3
"""Run every benchmark (bench/bench_*.py, each exposing run() -> dict or list of dicts) and
write the results to bench/results/latest.json. Set COUNTER_BENCH_QUICK=1 for small data."""

from __future__ import annotations

import importlib.util
import json
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(argv: list[str]) -> int:
    only = set(argv)
    results, failed = [], []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        t = time.perf_counter()
        try:
            spec.loader.exec_module(module)
            out = module.run()
        except Exception:
            traceback.print_exc()
            failed.append(path.stem)
            continue
        for r in out if isinstance(out, list) else [out]:
            r.setdefault("bench", path.stem)
            results.append(r)
        print(f"# {path.stem}: {time.perf_counter() - t:.1f} s", file=sys.stderr)
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
