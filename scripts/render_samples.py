"""Render one of each printed document, in both layouts, from the made-up sample data.

    python scripts/render_samples.py [OUT_DIR] [--png] [--reprint N]

Writes OUT_DIR/<kind>-<layout>.pdf (default OUT_DIR: out/samples); with --png also
<kind>-<layout>-<page>.png at 100 dpi through pdftoppm (poppler-utils), for looking at them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the samples live with the tests

from counter_app.documents import DOC_KINDS, render
from tests.documents import samples

SAMPLES = {
    "acceptance": samples.case,
    "one_time_notice": samples.notice_case,
    "not_accepted": samples.person_case,
    "supplement_receipt": samples.supplement,
    "handoff": samples.batch,
    "collection": samples.collection,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="out/samples", type=Path)
    parser.add_argument("--png", action="store_true", help="also render PNG pages (pdftoppm)")
    parser.add_argument("--reprint", type=int, default=0, help="reprint number to mark")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.png and shutil.which("pdftoppm") is None:
        parser.error("--png needs pdftoppm (apt-get install poppler-utils)")
    for kind in DOC_KINDS:
        for layout in ("a4", "receipt"):
            path = args.out / f"{kind}-{layout}.pdf"
            path.write_bytes(render(kind, SAMPLES[kind](), layout, reprint_no=args.reprint))
            print(path)
            if args.png:
                cmd = ["pdftoppm", "-png", "-r", "100", path, path.with_suffix("")]
                subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
