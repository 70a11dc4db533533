"""Synthetic applicants for demo data: plausible names, valid ID numbers and credit codes."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ..intake.validation import make_credit_code, make_resident_id

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏辉玲建国建华红梅海"
    "燕德志晓东春梅雪梅新民文斌永刚丽娟金凤秀珍俊杰子涵梓轩浩然欣怡诗涵一诺宇航佳怡思"
    "远"
)
# Xinyang prefecture's county codes: applicants are mostly local.
REGIONS = ["411521", "411521", "411521", "411502", "411503", "411522", "411523", "411524",
           "411525", "411526", "411527", "411528"]
TOWNS = ["龙山街道", "丽水街道", "宝城街道", "周党镇", "竹竿镇", "灵山镇", "子路镇", "楠杆镇",
         "青山镇", "潘新镇", "彭新镇", "莽张镇", "东铺乡", "山店乡", "庙仙乡", "定远乡"]
ORG_WORDS = ["鑫源", "宏达", "华泰", "瑞丰", "金诚", "恒信", "天成", "信合", "润发", "茶韵",
             "灵山", "豫南", "银杏", "广益", "永顺", "聚福"]
ORG_TRADES = ["商贸有限公司", "建筑工程有限公司", "农业发展有限公司", "茶业有限公司",
              "餐饮管理有限公司", "物流有限公司", "电子科技有限公司", "家庭农场", "养殖专业合作社"]
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def person_name(rng: random.Random) -> str:
    given = GIVEN[rng.randrange(len(GIVEN))]
    if rng.random() < 0.7:
        given += GIVEN[rng.randrange(len(GIVEN))]
    return SURNAMES[rng.randrange(len(SURNAMES))] + given


def resident_id(rng: random.Random) -> str:
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
    return make_resident_id(rng.choice(REGIONS), birth, rng.randrange(1, 999))


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def address(rng: random.Random) -> str:
    return f"罗山县{rng.choice(TOWNS)}{rng.randrange(1, 60)}号"


def org_name(rng: random.Random) -> str:
    return f"罗山县{rng.choice(ORG_WORDS)}{rng.choice(ORG_TRADES)}"


def credit_code(rng: random.Random) -> str:
    body = "".join(rng.choice(CREDIT_CHARS) for _ in range(9))
    return make_credit_code("91411521" + body)
