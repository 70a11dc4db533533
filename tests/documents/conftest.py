"""Tools the document tests share: rasterise with poppler, decode with zxing-cpp, read text.

poppler-utils (pdftoppm, pdffonts) must be installed (Debian: apt-get install poppler-utils).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader


@dataclass(frozen=True)
class Symbol:
    format: str  # "Code128" / "QRCode"
    text: str
    rows: tuple[int, int]  # pixel rows (top, bottom) of the symbol


class PdfTools:
    def __init__(self, tmp: Path) -> None:
        for tool in ("pdftoppm", "pdffonts"):
            if shutil.which(tool) is None:
                raise RuntimeError(f"{tool} missing: apt-get install -y poppler-utils")
        self.tmp = tmp
        self.count = 0

    def save(self, pdf: bytes, name: str = "doc") -> Path:
        self.count += 1
        path = self.tmp / f"{self.count:03d}-{name}.pdf"
        path.write_bytes(pdf)
        return path

    def raster(self, pdf: bytes, dpi: int, mono: bool) -> list[Image.Image]:
        """Every page as an image, the way a 203 dpi thermal printer (-mono) or a 300 dpi
        scan (-gray) would see it."""
        path = self.save(pdf, f"r{dpi}")
        prefix = path.with_suffix("")
        mode = "-mono" if mono else "-gray"
        # PBM/PGM, not PNG: PNG encoding of a 200-page-case run took 25 s, this 0.5 s.
        subprocess.run(["pdftoppm", mode, "-r", str(dpi), path, prefix], check=True)
        files = sorted(path.parent.glob(prefix.name + ("-*.pbm" if mono else "-*.pgm")))
        images = []
        for f in files:
            with Image.open(f) as im:
                images.append(im.convert("L"))
        return images

    def symbols(self, image: Image.Image) -> list[Symbol]:
        out = []
        formats = (zxingcpp.BarcodeFormat.Code128, zxingcpp.BarcodeFormat.QRCode)
        for r in zxingcpp.read_barcodes(image, formats=formats, try_rotate=False):
            p = r.position
            ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
            out.append(Symbol(r.format.name, r.text, (min(ys), max(ys))))
        return out

    def fonts(self, pdf: bytes) -> list[tuple[str, str]]:
        """(font name, emb yes/no) for every font pdffonts lists."""
        out = subprocess.run(
            ["pdffonts", self.save(pdf, "fonts")], check=True, capture_output=True, text=True
        ).stdout.splitlines()[2:]
        return [(line.split()[0], line.split()[-5]) for line in out if line.strip()]

    @staticmethod
    def flat(text: str) -> str:
        return re.sub(r"\s+", "", text)

    @staticmethod
    def pages(pdf: bytes) -> list[str]:
        """Text of each page with all whitespace removed (wrapping splits words anywhere)."""
        reader = PdfReader(io.BytesIO(pdf))
        return [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]

    @staticmethod
    def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
        reader = PdfReader(io.BytesIO(pdf))
        return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


@pytest.fixture
def pdf_tools(tmp_path: Path) -> PdfTools:
    return PdfTools(tmp_path)
