"""Special procedures (公告, 检验检测, 鉴定, 专家评审, 听证, 中止) of shipped items, each with its
source, stated on the acceptance notice as time not counted in the limit (行政许可法第四十五条).
Printed to PDF and read back with pdftotext."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from counter_app.paths import resource
from counter_app.services.catalog.exchange import load_catalog
from counter_app.services.intake.service import IntakeService
from counter_app.services.printing.service import PrintService

from .conftest import Hall
from .helpers import complete_intake
from .test_notice_law import _authorize

# item: (procedure, the words of its source that must be listed)
SHIPPED = {
    "JSGC-0007": ("专家评审", "第51号）第二十二条"),
    "QKSL-0008": ("听证", "《娱乐场所管理条例》"),
    "YBSB-0007": ("中止（等待有关结论）", "《工伤保险条例》第二十条"),
    "GA-0004": ("调查核实", "公安机关办理犯罪记录查询工作规定"),
}


def test_shipped_items_state_their_special_procedures_with_a_source() -> None:
    catalog = load_catalog(resource("catalog", "luoshan.yaml"))
    for code, (kind, source) in SHIPPED.items():
        item = catalog.item(code)
        assert item is not None
        assert [p.kind for p in item.special_procedures] == [kind], code
        assert not item.special_procedures[0].counted
        assert any(source in s for s in item.sources), code
    expert = catalog.item("JSGC-0007").special_procedures[0]
    assert (expert.days, expert.unit) == (20, "workday")
    assert catalog.item("GA-0003").statutory_unit == "day"  # 居住证暂行条例第九条: 15日


def _raw_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "acceptance.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", out)


@pytest.mark.parametrize("code", ["JSGC-0007", "YBSB-0007"])
def test_the_acceptance_notice_states_the_time_not_counted(hall: Hall, tmp_path: Path,
                                                          code: str) -> None:
    _authorize(hall, code.split("-")[0])
    svc = IntakeService(hall.ctx)
    case = svc.record(hall.clerk, complete_intake(svc, code), "accept")
    pdf = PrintService(hall.ctx).produce(hall.clerk, "acceptance", case.case_no).pdf
    text = _raw_text(pdf, tmp_path)
    assert "下列程序所需时间不计算在办理时限内" in text
    kind = SHIPPED[code][0]
    assert kind in text
    if code == "JSGC-0007":
        assert "专家评审（20个工作日）" in text
        Path("/tmp/cat22-shots").mkdir(exist_ok=True)
        Path("/tmp/cat22-shots/acceptance-JSGC-0007.pdf").write_bytes(pdf)
