"""Type-ahead item search: ranking, pinyin rules, and agreement with a plain reference matcher."""

from __future__ import annotations

import random
import time
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin import Style, pinyin

from counter_app.paths import resource
from counter_app.services.catalog.exchange import load_catalog
from counter_app.services.catalog.search import (
    _POLYPHONIC,
    CODE_EXACT,
    CODE_PREFIX,
    KEYWORD,
    NAME_EXACT,
    NAME_SUBSTRING,
    PINYIN,
    PINYIN_OTHER_READING,
    TIER,
    CatalogIndex,
    normalize,
)

CATALOG = load_catalog(resource("catalog", "luoshan.yaml"))
EXTRA = [
    ("T-1", "银行账户开户", ["开户"]),
    ("T-2", "长期居住证明", []),
    ("T-3", "110kV变电站新装", ["变电站"]),
    ("T-4", "KTV经营许可", []),
    ("T-5", "〇号文件备案", []),
    ("T-6", "B超检查（门诊）", ["彩超"]),
]
RECORDS = [(i.code, i.name, list(i.keywords)) for i in CATALOG.items] + EXTRA
NAMES = {code: name for code, name, _ in RECORDS}
FRESH = CatalogIndex(RECORDS)  # searched with an empty cache, as if built for each query


@pytest.fixture(scope="module")
def index() -> CatalogIndex:
    return CatalogIndex(RECORDS)


def codes(index: CatalogIndex, query: str, limit: int = 20) -> list[str]:
    return [code for code, _ in index.search(query, limit)]


def tier(index: CatalogIndex, query: str, code: str) -> int:
    return dict(index.search(query, limit=len(index)))[code] // TIER


# ---------------------------------------------------------------------- ranking


def test_code_exact_then_code_prefix(index: CatalogIndex) -> None:
    assert codes(index, "SCZR-0001")[0] == "SCZR-0001"
    assert tier(index, "sczr-0001", "SCZR-0001") == CODE_EXACT  # case does not matter
    hits = codes(index, "bdc-00", limit=100)
    assert hits == sorted(c for c in NAMES if c.startswith("BDC-00"))  # code order
    assert tier(index, "BDC", "BDC-0004") == CODE_PREFIX


def test_chinese_substring_earlier_and_shorter_first(index: CatalogIndex) -> None:
    hits = codes(index, "登记", limit=200)
    positions = [(NAMES[c].find("登记"), len(NAMES[c])) for c in hits if "登记" in NAMES[c]]
    assert positions == sorted(positions)
    assert codes(index, "个体工商户设立登记")[0] == "SCZR-0007"
    assert tier(index, "个体工商户设立登记", "SCZR-0007") == NAME_EXACT
    assert tier(index, "工商户", "SCZR-0007") == NAME_SUBSTRING
    first = codes(index, "公积金提取")
    assert first[0] == "GJJ-0005"  # 住房公积金提取（租赁住房）: the shortest of the four


def test_full_pinyin_with_or_without_spaces(index: CatalogIndex) -> None:
    for query in ("gongsi", "gong si", "GongSi", "ｇｏｎｇｓｉ", "youxianzeren"):
        assert codes(index, query)[0] == "SCZR-0001", query
    assert tier(index, "gongsi", "SCZR-0001") == PINYIN
    assert "GJJ-0003" in codes(index, "zhufang gongjijin tiqu")
    assert codes(index, "jiehundengji") == ["MZ-0001"]


def test_initials_and_mixed_spellings(index: CatalogIndex) -> None:
    for query in ("yxzr", "yxzrgs", "youxzr", "有限zr", "y限责", "限zrgs"):
        assert codes(index, query)[:3] == ["SCZR-0001", "SCZR-0002", "SCZR-0003"], query
    assert codes(index, "yxzrgssldj") == ["SCZR-0001"]
    assert codes(index, "sfzhl") == ["GA-0001"]  # 身份证换领
    assert "SCZR-0010" in codes(index, "spjyxk")  # 食品经营许可


def test_polyphonic_characters(index: CatalogIndex) -> None:
    assert codes(index, "yinhang")[0] == "T-1"  # 银行 read in context
    assert tier(index, "yinhang", "T-1") == PINYIN
    assert tier(index, "yinxing", "T-1") == PINYIN_OTHER_READING  # 行's other reading
    assert codes(index, "changqi") == ["T-2"]
    assert codes(index, "zhangqi") == ["T-2"]  # the other reading of 长 also finds it
    assert tier(index, "zhangqi", "T-2") == PINYIN_OTHER_READING


def test_letters_digits_and_symbols_in_names(index: CatalogIndex) -> None:
    assert codes(index, "ktv")[0] == "T-4"
    assert codes(index, "110kv") == ["T-3"]
    assert codes(index, "kvbdz") == ["T-3"]
    assert codes(index, "bc")[0] == "T-6"
    assert codes(index, "(门诊)") == ["T-6"]  # full-width brackets in the name, half-width typed
    assert codes(index, "〇号") == ["T-5"]


def test_keywords_rank_below_names(index: CatalogIndex) -> None:
    hits = index.search("营业执照", limit=50)
    assert hits and all(score // TIER == KEYWORD for _, score in hits)
    assert {"SCZR-0001", "SCZR-0007"} <= {c for c, _ in hits}
    assert "SCZR-0007" in codes(index, "yyzz")
    mixed = index.search("开户", limit=50)
    assert mixed[0][0] == "T-1"  # in the name, before the keyword-only matches


def test_empty_queries_limits_and_duplicates(index: CatalogIndex) -> None:
    assert index.search("") == []
    assert index.search("   \t") == []
    assert index.search("gongsi", limit=0) == []
    assert len(index.search("d", limit=5)) == 5
    assert codes(index, "zzzzqqqq") == []
    twice = CatalogIndex([("A", "结婚登记"), ("A", "离婚登记"), ("B", "离婚登记")])
    assert len(twice) == 2
    assert codes(twice, "lihun") == ["B"]


def test_from_catalog_uses_keywords() -> None:
    index = CatalogIndex.from_catalog(CATALOG)
    assert len(index) == len(CATALOG.items)
    assert "SCZR-0001" in codes(index, "开公司")


# ---------------------------------------------------------------------- reference matcher


@cache
def _readings(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for options in pinyin(text, style=Style.NORMAL, errors=lambda s: list(s)):
        r = normalize(options[0])
        out.append(r if r.isascii() and r.isalpha() else "")
    return tuple(out)


def _spells(query: str, text: str, readings: tuple[str, ...]) -> bool:
    """The rule, written plainly: query = consecutive characters, each given as itself or as a
    non-empty prefix of its reading."""

    @cache
    def from_(i: int, j: int) -> bool:
        if j == len(query):
            return True
        if i == len(text):
            return False
        if query[j] == text[i] and from_(i + 1, j + 1):
            return True
        reading = readings[i] or (text[i] if text[i].isascii() and text[i].isalpha() else "")
        return any(query[j:j + k] == reading[:k] and from_(i + 1, j + k)
                   for k in range(1, len(reading) + 1))

    return any(from_(i, 0) for i in range(len(text)))


@cache
def _other_readings(text: str) -> list[tuple[str, ...]]:
    out = []
    for n in [n for n, ch in enumerate(text) if ch in _POLYPHONIC][:3]:
        readings = list(_readings(text))
        others = pinyin(text[n], style=Style.NORMAL, heteronym=True)[0]
        readings[n] = next((r for r in others if r != readings[n]), readings[n])
        out.append(tuple(readings))
    return out


def reference(query: str) -> set[str]:
    q = normalize(query)[:40]
    if not q:
        return set()
    letters = any("a" <= ch <= "z" for ch in q)
    found = set()
    for code, name, keywords in RECORDS:
        name, kws = normalize(name), [normalize(k) for k in keywords]
        if (
            normalize(code).startswith(q)
            or q in name
            or any(q in k for k in kws)
            or (letters and _spells(q, name, _readings(name)))
            or (letters and any(_spells(q, name, r) for r in _other_readings(name)))
            or any(_spells(q, k, _readings(k)) for k in kws)
        ):
            found.add(code)
    return found


@st.composite
def spelled_queries(draw: st.DrawFn) -> str:
    """Mostly queries spelling part of some name; sometimes plain random letters."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.text("abcdeghijklmnopqrstuwxyz 限公", min_size=1, max_size=6))
    _, name, _ = draw(st.sampled_from(RECORDS))
    name = normalize(name)
    readings = _readings(name)
    start = draw(st.integers(0, len(name) - 1))
    pieces = []
    for i in range(start, min(len(name), start + draw(st.integers(1, 6)))):
        reading = readings[i]
        how = draw(st.sampled_from(["char", "initial", "full", "prefix"]))
        if how == "char" or not reading:
            pieces.append(name[i])
        elif how == "initial":
            pieces.append(reading[0])
        elif how == "full":
            pieces.append(reading)
        else:
            pieces.append(reading[: draw(st.integers(1, len(reading)))])
    return "".join(pieces)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spelled_queries())
def test_every_match_and_nothing_else(index: CatalogIndex, query: str) -> None:
    assert set(codes(index, query, limit=len(index))) == reference(query)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spelled_queries(), st.booleans())
def test_typing_letter_by_letter_equals_a_fresh_search(
    index: CatalogIndex, query: str, clear: bool
) -> None:
    """Keystrokes re-scan only the last query's matches; that must never lose one."""
    if clear:
        index.clear_cache()
    for k in range(1, len(query) + 1):
        typed = query[:k]
        FRESH.clear_cache()
        assert index.search(typed, limit=15) == FRESH.search(typed, limit=15), typed


# ---------------------------------------------------------------------- speed


def test_keystrokes_are_fast_on_a_big_catalog() -> None:
    rng = random.Random(7)
    heads = [n[: len(n) // 2] for n in NAMES.values()]
    tails = [n[len(n) // 2:] for n in NAMES.values()]
    big = CatalogIndex((f"X-{n:05d}", rng.choice(heads) + rng.choice(tails)) for n in range(3000))
    queries = ["zhufang gongjijin", "yxzrgs", "不动产抵押", "shipin", "dengji"]
    spent, strokes = 0.0, 0
    for q in queries:
        big.clear_cache()
        for k in range(1, len(q) + 1):
            t = time.process_time()
            big.search(q[:k])
            spent += time.process_time() - t
            strokes += 1
    assert spent / strokes < 0.02  # generous: the benchmark holds the real figure
