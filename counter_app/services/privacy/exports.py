"""Exports that carry personal data, each leaving one entry in the access log.

- **The case list** (``export_cases``): an Excel sheet of the cases received in a period,
  ID numbers and phones masked. An unmasked one needs the supervisor role and a reason,
  which the access log keeps with the entry.
- **The bulletin** (``export_bulletin``): it names no applicant's ID number or phone (free
  text such as a complaint's content is masked by ``bulletin_tables``); it names
  complainants and staff, so it is logged too.

The file is written before the entry: a file that could not be written was no export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from ...models import STATUS_LABELS, CaseFile, ItemVersion, Staff
from ..context import Actor, PermissionDenied, ServiceContext
from ..supervision.bulletin.build import Bulletin
from .access_log import Access, AccessLog
from .disclosure import shown_id, shown_phone

MIN_REASON = 4  # characters: "导出" alone is no reason
MAX_DAYS = 366


class ExportError(Exception):
    """The message is for the user."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    unmasked: bool


HEADERS = ["办件编号", "事项", "窗口", "申请人", "证件号码", "联系电话", "代办人", "代办人证件号码",
           "状态", "收件时间", "受理人"]


class ExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def export_cases(self, actor: Actor | None, path: Path, since: date, until: date, *,
                     window: str = "", unmasked: bool = False, reason: str = "") -> ExportResult:
        """The cases received from ``since`` to ``until`` (inclusive), optionally of one
        window, as an xlsx file. ``actor`` None is an administrator at this PC's command line:
        masked only."""
        reason = " ".join((reason or "").split())
        if unmasked:
            if actor is None or not actor.has("supervisor"):
                raise PermissionDenied("导出完整证件号码和电话须由管理人员登录办理")
            if len(reason) < MIN_REASON:
                raise ExportError(f"导出理由：导出完整号码须写明理由（至少 {MIN_REASON} 个字）")
        if until < since:
            raise ExportError(f"日期范围：结束日期 {until} 早于开始日期 {since}")
        if (until - since).days >= MAX_DAYS:
            raise ExportError(f"日期范围：一次最多导出 {MAX_DAYS} 天")
        if path.suffix.lower() != ".xlsx":
            raise ExportError(f"输出文件“{path.name}”的扩展名应为 .xlsx")
        q = (select(CaseFile.case_no, ItemVersion.name, CaseFile.window_code, CaseFile.applicant_name,
                    CaseFile.applicant_id_no, CaseFile.phone, CaseFile.agent_name,
                    CaseFile.agent_id_no, CaseFile.status, CaseFile.received_at, Staff.full_name)
             .outerjoin(ItemVersion, ItemVersion.id == CaseFile.item_version_id)
             .outerjoin(Staff, Staff.id == CaseFile.clerk_id)
             .where(CaseFile.received_on >= since, CaseFile.received_on <= until)
             .order_by(CaseFile.received_at))
        if window:
            q = q.where(CaseFile.window_code == window)
        with self.ctx.db.read() as conn:
            rows = conn.execute(q).all()
        wb = Workbook()
        ws = wb.active
        assert isinstance(ws, Worksheet)  # a new workbook has one worksheet
        ws.title = "办件"
        ws.append(HEADERS)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append([r.case_no, r.name or "", r.window_code, r.applicant_name,
                       shown_id(r.applicant_id_no, unmasked), shown_phone(r.phone, unmasked),
                       r.agent_name, shown_id(r.agent_id_no, unmasked),
                       STATUS_LABELS.get(r.status, r.status), f"{r.received_at:%Y-%m-%d %H:%M}",
                       r.full_name or ""])
        for col, width in zip("ABCDEFGHIJK", (24, 30, 10, 12, 22, 14, 10, 22, 10, 18, 10),
                              strict=True):
            ws.column_dimensions[col].width = width
        try:
            wb.save(path)
        except OSError as exc:
            raise ExportError(f"无法写入“{path}”：{exc.strerror or exc}") from None
        AccessLog(self.ctx).look(actor, Access(
            "export", full=unmasked, reason=reason if unmasked else "",
            detail=f"办件清单 {path.name}（{len(rows)} 件）", since=since.isoformat(),
            until=until.isoformat(), window=window, count=len(rows)))
        return ExportResult(path, len(rows), unmasked)

    def export_bulletin(self, actor: Actor | None, bulletin: Bulletin, path: Path) -> Path:
        """Write the bulletin (PDF or xlsx, by the file's extension) and log the export."""
        from ..supervision.bulletin.pdf import render_bulletin_pdf
        from ..supervision.bulletin.xlsx import save_bulletin_xlsx

        if path.suffix.lower() == ".pdf":
            path.write_bytes(render_bulletin_pdf(bulletin))
        else:
            save_bulletin_xlsx(bulletin, path)
        AccessLog(self.ctx).look(actor, Access("export", detail=f"{bulletin.title} {path.name}"))
        return path
