"""What the fact-check of the shipped catalog changed, held (issue 22; the table in
docs/LAW-AND-DOCUMENTS.md)."""

from __future__ import annotations

from counter_app.paths import resource
from counter_app.services.catalog.exchange import load_catalog


def test_no_department_names_a_court_that_could_not_be_confirmed() -> None:
    """信阳 hears administrative cases away from the defendant's county (异地管辖): which court
    takes a 罗山 case was not found, so the notice says 有管辖权的人民法院 and the items say why."""
    catalog = load_catalog(resource("catalog", "luoshan.yaml"))
    organs = [d for d in catalog.departments if d.is_organ]
    assert organs and all(d.court is None for d in organs)
    licensing = [i for i in catalog.items if i.item_type == "licensing"]
    assert all("异地管辖" in (i.unconfirmed or "") for i in licensing)


def test_limits_confirmed_against_the_regulation_carry_its_article() -> None:
    catalog = load_catalog(resource("catalog", "luoshan.yaml"))
    residence = catalog.item("GA-0003")
    assert (residence.statutory_days, residence.statutory_unit) == (15, "day")
    assert "居住证暂行条例" in residence.sources[0]
    permit = catalog.item("JSGC-0001")  # 建筑工程施工许可管理办法第五条: 七日
    assert (permit.statutory_days, permit.statutory_unit) == (7, "day")
    assert any("第五条" in s for s in permit.sources)
    fire = catalog.item("JSGC-0007")
    assert (fire.statutory_days, fire.statutory_unit) == (15, "workday")
    assert "法定时限及其单位未与法规原文核对" not in (fire.unconfirmed or "")
