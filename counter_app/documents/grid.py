"""A ruled table of Text cells, lighter than reportlab's Table.

Table saves and translates the canvas per cell and draws each rule as its own line; for the
field and material tables of a notice that was a third of the render time. Here all the cells
of a table go through one text object and all the rules into one path. It repeats header
rows on every page and splits a row that is taller than a page (a case with very many
materials) between pages rather than failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from counter_app.documents.text import Text


@dataclass(frozen=True)
class Cell:
    # Text, or another flowable drawn in place (a case's barcode on the handoff list)
    content: list[Text | Flowable]
    span: int = 1  # columns this cell covers (spans run to the right)


Row = list[Cell]


class Grid(Flowable):
    def __init__(
        self,
        rows: Sequence[Row],
        widths: Sequence[float],
        *,
        repeat: int = 0,  # header rows repeated on every page
        pad: float = 2.0,
        lines: str = "box",  # "box": full grid (A4); "rules": horizontal rules; "none"
        middle: bool = True,  # centre cell content vertically, else top-align
        tall: float = 500.0,  # rows taller than this split across pages (about 2/3 of A4)
        carry: Sequence[int] = (),  # columns repeated on the continuation of a split row
    ) -> None:
        super().__init__()
        self.rows = [list(r) for r in rows]
        self.widths = list(widths)
        self.repeat = repeat
        self.pad = pad
        self.lines = lines
        self.middle = middle
        self.tall = tall
        self.carry = tuple(carry)
        self.width = sum(self.widths)
        self._heights: list[float] = []
        self.hAlign = "LEFT"

    def _cell_width(self, col: int, span: int) -> float:
        return sum(self.widths[col : col + span]) - 2 * self.pad

    def _row_height(self, row: Row) -> float:
        tallest, col = 0.0, 0
        for cell in row:
            w = self._cell_width(col, cell.span)
            tallest = max(tallest, sum(t.wrap(w, 1e7)[1] for t in cell.content))
            col += cell.span
        return tallest + 2 * self.pad + 0.8

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._heights = [self._row_height(r) for r in self.rows]
        self.height = sum(self._heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        head = self.rows[: self.repeat]
        room = available_height - sum(self._heights[: self.repeat])
        k, used = self.repeat, 0.0
        while k < len(self.rows) and used + self._heights[k] <= room:
            used += self._heights[k]
            k += 1
        if k == len(self.rows):
            return [self]
        # A row taller than a page is split where it falls; any other moves to the next page.
        if self._heights[k] > self.tall and room - used > 4 * self.pad + 40:
            first, rest = self._split_row(self.rows[k], room - used)
            if first is not None:
                return [
                    self._part([*self.rows[:k], first]),
                    self._part([*head, rest, *self.rows[k + 1 :]]),
                ]
        if k == self.repeat:
            return []
        return [self._part(self.rows[:k]), self._part(head + self.rows[k:])]

    def _split_row(self, row: Row, room: float) -> tuple[Row | None, Row]:
        first: Row = []
        rest: Row = []
        col, moved = 0, False
        for cell in row:
            w = self._cell_width(col, cell.span)
            left = room - 2 * self.pad - 0.8
            now: list[Text | Flowable] = []
            later: list[Text | Flowable] = []
            for t in cell.content:
                h = t.wrap(w, 1e7)[1]
                if later or h > left:
                    parts = [] if later else t.split(w, left)
                    if len(parts) == 2:
                        now.append(parts[0])
                        later.append(parts[1])
                        left = 0
                    else:
                        later.append(t)
                    continue
                now.append(t)
                left -= h
            moved = moved or bool(now)
            if not later and col in self.carry:  # say again whose row continues here
                later = list(cell.content)
            first.append(Cell(now, cell.span))
            rest.append(Cell(later, cell.span))
            col += cell.span
        return (first if moved else None), rest

    def _part(self, rows: list[Row]) -> Grid:
        return Grid(
            rows,
            self.widths,
            repeat=self.repeat,
            pad=self.pad,
            lines=self.lines,
            middle=self.middle,
            tall=self.tall,
            carry=self.carry,
        )

    def draw(self) -> None:
        canv = self.canv
        text = canv.beginText()
        rules: list[str] = []
        top = self.height
        for row, height in zip(self.rows, self._heights, strict=True):
            x, col = 0.0, 0
            for cell in row:
                w = self._cell_width(col, cell.span)
                inner = sum(t.height for t in cell.content)
                y = top - self.pad - (max(height - 2 * self.pad - inner, 0) / 2 if self.middle else 0)
                for t in cell.content:
                    if isinstance(t, Text):
                        t.emit(text, x + self.pad, y)
                    else:
                        t.drawOn(canv, x + self.pad, y - t.height)
                    y -= t.height
                if self.lines == "box" and col:
                    rules.append(f"{x:.2f} {top:.2f} m {x:.2f} {top - height:.2f} l")
                x += w + 2 * self.pad
                col += cell.span
            top -= height
            rules.append(f"0 {top:.2f} m {self.width:.2f} {top:.2f} l")
        canv.drawText(text)
        if self.lines == "none":
            return
        rules.append(f"0 {self.height:.2f} m {self.width:.2f} {self.height:.2f} l")
        if self.lines == "box":
            rules.append(f"0 0 {self.width:.2f} {self.height:.2f} re")
        canv.saveState()
        canv.setLineWidth(0.5 if self.lines == "box" else 0.4)
        canv.addLiteral(" ".join(rules) + " S")  # all rules in one path
        canv.restoreState()
