"""The paper in the applicant's hand anchors the log: the chain position printed on a notice
(read back from its QR code, as a scanner would) exposes a chain rewritten after printing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from counter_app.cli.main import main
from counter_app.services.audit.events import event_digest, hashed_fields
from counter_app.services.audit.verify import verify_folder

from ..conftest import Hall
from ..test_audit_verify import _trail


def _position(pdf: bytes, pdf_tools) -> str:  # type: ignore[no-untyped-def]
    found = {s.text for image in pdf_tools.raster(pdf, 300, False)
             for s in pdf_tools.symbols(image) if s.format == "QRCode"}
    (url,) = found  # applicant copy and stub carry the same code
    (chain,) = parse_qs(urlparse(url).query)["chain"]
    return chain


def _rehash_from(db: Path, seq: int, payload: str) -> None:
    """What a forger with the file and the source does: edit an event, hash the rest again."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute(
        "SELECT * FROM event_log WHERE terminal_code = '01' AND seq >= ? ORDER BY seq", (seq,))]
    rows[0]["payload"] = payload
    prev = rows[0]["prev_hash"]
    for r in rows:
        r["prev_hash"] = prev
        r["hash"] = prev = event_digest(prev, hashed_fields(r))
        conn.execute("UPDATE event_log SET payload = ?, prev_hash = ?, hash = ? WHERE id = ?",
                     (r["payload"], r["prev_hash"], r["hash"], r["id"]))
    conn.commit()
    conn.close()


def test_a_chain_rewritten_after_printing_is_exposed_by_the_paper(hall: Hall, tmp_path: Path,
                                                                  pdf_tools, capsys) -> None:  # type: ignore[no-untyped-def]
    _trail(hall, tmp_path)
    hall.ctx.db.dispose()
    data = tmp_path / "data"
    paper = _position((tmp_path / "acceptance.pdf").read_bytes(), pdf_tools)
    terminal, seq, digest = paper.split("-")
    assert terminal == "01" and int(seq) > 3 and len(digest) == 16
    assert "链位" + paper in pdf_tools.flat("".join(pdf_tools.pages(
        (tmp_path / "acceptance.pdf").read_bytes())))  # printed beside the time, stub too
    assert verify_folder(data, papers=(paper,)).ok

    rewritten = tmp_path / "rewritten"
    shutil.copytree(data, rewritten)
    _rehash_from(rewritten / "counter.sqlite3", 2, '{"accepted_on":"2026-11-20"}')
    assert verify_folder(rewritten).ok  # the chain alone holds together again...
    (f,) = verify_folder(rewritten, papers=(paper,)).findings  # ...the paper does not
    assert (f.kind, f.terminal, f.seq) == ("anchor", "01", int(seq)) and "改写" in f.message
    assert main(["--data-dir", str(rewritten), "verify-audit", "--quiet", "--paper", paper]) == 1
    assert f"链位 {paper}" in capsys.readouterr().out

    cut = tmp_path / "cut"
    shutil.copytree(data, cut)
    conn = sqlite3.connect(cut / "counter.sqlite3")
    conn.execute("DELETE FROM event_log WHERE seq >= ?", (int(seq),))
    conn.commit()
    conn.close()
    findings = verify_folder(cut, papers=(paper,)).findings
    assert any(f.kind == "anchor" and "截断" in f.message for f in findings)
    assert main(["--data-dir", str(cut), "verify-audit", "--quiet", "--paper", "01-x"]) == 2
    assert "格式不对" in capsys.readouterr().err
