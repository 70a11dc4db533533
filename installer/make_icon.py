#!/usr/bin/env python3
"""Draw Counter's icon (a red rounded tile with a white 窗) as PNG and ICO with Pillow.

Run once; the outputs are committed (resources/icons/counter.png, counter.ico). Pillow is
needed for generating only, never at run time. Uses the shipped WenQuanYi Micro Hei font.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
RED, GOLD, WHITE = (190, 22, 34, 255), (245, 200, 66, 255), (255, 255, 255, 255)


def tile(size: int = 1024) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    pad, radius = size * 0.04, size * 0.2
    draw.rounded_rectangle((pad, pad, size - pad, size - pad), radius, fill=RED)
    # a gold counter-top line under the character
    bar = size * 0.045
    draw.rounded_rectangle((size * 0.2, size * 0.78, size * 0.8, size * 0.78 + bar), bar / 2, fill=GOLD)
    font = ImageFont.truetype(str(FONT), int(size * 0.56), index=0)
    draw.text((size / 2, size * 0.45), "窗", font=font, fill=WHITE, anchor="mm")
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = tile()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "counter.png", optimize=True)
    big.resize((512, 512), Image.Resampling.LANCZOS).save(OUT / "counter-512.png", optimize=True)
    sizes = [(s, s) for s in (16, 20, 24, 32, 40, 48, 64, 128, 256)]
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "counter.ico", sizes=sizes)
    print(f"wrote {', '.join(p.name for p in sorted(OUT.iterdir()))}")


if __name__ == "__main__":
    main()
