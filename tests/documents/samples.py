"""Made-up sample data for every document (previews, render_samples.py, tests, the bench).

Every person, number and phone here is fictitious; the ID numbers pass the GB 11643 checksum.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TypeVar

from counter_app.documents.data import (
    BatchCase,
    BatchDoc,
    CaseDoc,
    CollectionDoc,
    DeliveryMethod,
    HallInfo,
    MaterialLine,
    MaterialStatus,
    Party,
    PartyKind,
    SupplementDoc,
)

HALL = HallInfo(
    name="罗山县政务服务中心",
    complaint_phone="0376-12345",
    supervision_phone="0376-2160000",
    progress_url="https://example.org/luoshan/progress",
    address="罗山县行政服务大楼一楼",
)
APPLICANT = Party(
    PartyKind.PERSON,
    "张三",
    id_no="411521198503121238",
    phone="13812345678",
    address="罗山县龙山街道",
)
AGENT = Party(PartyKind.PERSON, "李四", id_no="411521199007084567", phone="13987654321")
COMPANY = Party(
    PartyKind.ORGANISATION,
    "罗山县示例商贸有限公司",
    credit_code="91110000600037341L",
    legal_rep="王五",
    phone="0376-2161111",
)
T = TypeVar("T")
CASE_NO = "41152120250102000123"
BATCH_NO = "41152120250102900007"

RECEIVED = (
    MaterialLine(1, "公司登记（备案）申请书", "原件", 1, 4),
    MaterialLine(2, "公司章程", "原件", 1, 12),
    MaterialLine(3, "法定代表人身份证件", "复印件", 1, 1),
    MaterialLine(4, "住所（经营场所）使用证明", "复印件", 1, 3),
    MaterialLine(5, "指定代表或者共同委托代理人授权委托书", "原件", 1, 1),
)
DEFICIENT = (
    MaterialLine(
        6,
        "股东会决议",
        "原件",
        1,
        0,
        MaterialStatus.MISSING,
        "未提交",
        "提交全体股东签字（盖章）的股东会决议原件一份",
    ),
    MaterialLine(
        7,
        "住所（经营场所）使用证明",
        "复印件",
        1,
        3,
        MaterialStatus.DEFECTIVE,
        "租赁合同已过期（2024年12月31日到期）",
        "提交在有效期内的租赁合同复印件，并由申请人签字确认",
    ),
    MaterialLine(
        8,
        "法定代表人身份证件",
        "复印件",
        1,
        1,
        MaterialStatus.DEFECTIVE,
        "复印件不清晰，证件号码无法辨认",
        "提交清晰的身份证正反面复印件",
    ),
)


def case(**changes: object) -> CaseDoc:
    base = CaseDoc(
        hall=HALL,
        case_no=CASE_NO,
        item_name="有限责任公司设立登记",
        item_code="11411521MB1234567X4000111",
        department="罗山县市场监督管理局",
        window_name="市场准入综合窗口（3号）",
        clerk_name="赵敏",
        clerk_phone="0376-2162222",
        applicant=COMPANY,
        agent=AGENT,
        received_at=datetime(2025, 1, 2, 9, 41),
        materials=RECEIVED,
        accepted_on=date(2025, 1, 2),
        promised_days=3,
        statutory_days=15,
        promised_due=date(2025, 1, 7),
        statutory_due=date(2025, 1, 23),
        delivery_method=DeliveryMethod.IN_PERSON,
        not_accepted_reason="申请事项为食品经营许可，不属于本窗口受理范围",
        redirect="罗山县政务服务中心二楼食品药品综合窗口（8号），咨询电话 0376-2163333",
        reconsideration_body="罗山县人民政府",
        court="罗山县人民法院",
    )
    return base if not changes else _replace(base, changes)


def notice_case(**changes: object) -> CaseDoc:
    base = {
        "materials": RECEIVED[:2] + DEFICIENT,
        "accepted_on": None,
        "promised_due": None,
        "statutory_due": None,
    }
    return case(**{**base, **changes})


def person_case(**changes: object) -> CaseDoc:
    return case(**{"applicant": APPLICANT, "agent": None, **changes})


def supplement(**changes: object) -> SupplementDoc:
    base = SupplementDoc(
        hall=HALL,
        case_no=CASE_NO,
        item_name="有限责任公司设立登记",
        department="罗山县市场监督管理局",
        window_name="市场准入综合窗口（3号）",
        clerk_name="赵敏",
        clerk_phone="0376-2162222",
        applicant=COMPANY,
        agent=AGENT,
        received_at=datetime(2025, 1, 6, 14, 5),
        materials=(
            MaterialLine(6, "股东会决议", "原件", 1, 2),
            MaterialLine(7, "住所（经营场所）使用证明", "复印件", 1, 3),
        ),
        notice_date=date(2025, 1, 2),
        still_missing=(DEFICIENT[2],),
    )
    return base if not changes else _replace(base, changes)


def batch(n_cases: int = 6, **changes: object) -> BatchDoc:
    items = ["有限责任公司设立登记", "个体工商户变更登记", "食品经营许可", "营业执照遗失补领"]
    names = ["罗山县示例商贸有限公司", "周六", "罗山县青山茶叶专业合作社", "吴七"]
    cases = tuple(
        BatchCase(
            case_no=f"4115212025010200{k + 1:04d}",
            item_name=items[k % 4],
            applicant_name=names[k % 4],
            materials=RECEIVED[: 2 + k % 4],
        )
        for k in range(n_cases)
    )
    base = BatchDoc(
        hall=HALL,
        batch_no=BATCH_NO,
        from_window="市场准入综合窗口（3号）",
        from_clerk="赵敏",
        to_department="罗山县市场监督管理局",
        created_at=datetime(2025, 1, 2, 16, 30),
        cases=cases,
    )
    return base if not changes else _replace(base, changes)


def collection(**changes: object) -> CollectionDoc:
    base = CollectionDoc(
        hall=HALL,
        case_no=CASE_NO,
        item_name="有限责任公司设立登记",
        applicant=COMPANY,
        result_name="营业执照（正本、副本）",
        result_no="91411521MA9XYZ1234",
        copies=2,
        window_name="市场准入综合窗口（3号）",
        clerk_name="赵敏",
        issued_at=datetime(2025, 1, 7, 10, 15),
        collector_name="李四",
        collector_id_no="411521199007084567",
        collector_is_agent=True,
        collector_phone="13987654321",
    )
    return base if not changes else _replace(base, changes)


def posted(**changes: object) -> CollectionDoc:
    base = {
        "method": DeliveryMethod.POST,
        "collector_name": "",
        "collector_id_no": "",
        "carrier": "中国邮政EMS",
        "tracking_no": "1187654321098",
        "recipient_name": "王五",
        "recipient_phone": "13700001111",
        "recipient_address": "罗山县宝城街道示例路88号",
    }
    return collection(**{**base, **changes})


def _replace(obj: T, changes: dict[str, object]) -> T:
    return replace(obj, **changes)  # type: ignore[type-var]  # every T passed is a dataclass
