from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.services.intake.scan_detector import FeedResult, ScanDetector

ENTER = "\r"


@dataclass
class Outcome:
    delivered: list[str] = field(default_factory=list)  # keys reaching the widget, in order
    scans: list[str] = field(default_factory=list)
    partial: int = 0
    stream: list[str] = field(default_factory=list)  # delivered keys and scans, interleaved

    def record(self, result: FeedResult, key: str | None) -> None:
        self.delivered += list(result.replay)
        self.stream += list(result.replay)
        self.partial += result.partial_scan
        if result.scan is not None:
            assert result.swallow and not result.replay
            self.scans.append(result.scan)
            self.stream += [*result.scan, key or ""]  # the scan and the Enter it consumed
        elif key is not None and not result.swallow:
            self.delivered.append(key)
            self.stream.append(key)


def run(events: Iterable[tuple[str, int]], det: ScanDetector | None = None) -> Outcome:
    """Feed the events, then a timer tick long after, as the UI would."""
    det = det or ScanDetector()
    out, last = Outcome(), 0
    for key, ts in events:
        out.record(det.feed(key, ts), key)
        last = ts
    out.record(det.flush(last + 10_000), None)
    assert det.pending == "" and det.deadline_ms is None
    return out


def timed(keys: Iterable[str], start: int, gaps: Iterable[int]) -> list[tuple[str, int]]:
    events, ts = [], start
    for key, gap in zip(keys, gaps, strict=False):
        ts += gap
        events.append((key, ts))
    return events


def burst(text: str, start: int = 1000, gap: int = 10) -> list[tuple[str, int]]:
    return timed([*text, ENTER], start, [0] + [gap] * len(text))


def test_fast_burst_with_enter_is_one_scan() -> None:
    gaps = [0, 5, 12, 20, 8, 15, 5, 19, 11, 7, 6, 14, 9]
    out = run(timed([*"SJ2026000123", ENTER], 500, gaps))
    assert out.scans == ["SJ2026000123"]
    assert out.delivered == []  # nothing reached the widget, not even the Enter
    assert out.partial == 0


@pytest.mark.parametrize(("gap", "is_scan"), [(30, True), (31, False)])
def test_max_gap_is_inclusive(gap: int, is_scan: bool) -> None:
    out = run(burst("ABCDEFGH", gap=gap))
    assert out.scans == (["ABCDEFGH"] if is_scan else [])


def test_human_typing_is_replayed_in_order() -> None:
    text = "zhangsan 138"
    gaps = [0, 80, 120, 200, 95, 150, 180, 81, 110, 99, 130, 175]
    out = run(timed(text, 0, gaps))
    assert "".join(out.delivered) == text
    assert out.scans == [] and out.partial == 0


def test_human_typing_then_enter_passes_enter() -> None:
    out = run(timed([*"abc", ENTER], 0, [0, 100, 90, 150]))
    assert out.delivered == ["a", "b", "c", ENTER] and out.scans == []


def test_each_held_key_is_released_by_the_next_slow_key() -> None:
    det = ScanDetector()
    first = det.feed("a", 0)
    assert first == FeedResult(swallow=True)
    assert det.pending == "a" and det.deadline_ms == 31
    assert det.flush(20) == FeedResult()  # not stale yet: may still become a scan
    assert det.feed("b", 100) == FeedResult(swallow=True, replay="a")
    assert det.flush(131) == FeedResult(replay="b")
    assert det.pending == ""


def test_scan_right_after_typing() -> None:
    typing = timed("abc", 0, [0, 120, 100])
    out = run(typing + burst("1234567890", start=220 + 150))
    assert "".join(out.delivered) == "abc"
    assert out.scans == ["1234567890"]


def test_typed_key_just_before_a_scan_cannot_be_told_apart() -> None:
    # A key 10 ms before the scanner starts is indistinguishable from the scan's first key.
    out = run([("a", 990), *burst("12345678", start=1000)])
    assert out.scans == ["a12345678"]


def test_scan_payload_may_hold_any_printable_ascii() -> None:
    payload = "AB 12/34-x~!"
    assert run(burst(payload)).scans == [payload]


def test_two_scans_back_to_back() -> None:
    out = run(burst("ABCDEFGH", start=0) + burst("12345678", start=300))
    assert out.scans == ["ABCDEFGH", "12345678"] and out.delivered == []


def test_partial_scan_without_enter_is_replayed_and_flagged() -> None:
    det = ScanDetector()
    for i, ch in enumerate("1234567890"):
        assert det.feed(ch, 1000 + 10 * i).swallow
    assert det.flush(1095) == FeedResult()  # still within the gap
    result = det.flush(1200)
    assert result == FeedResult(replay="1234567890", partial_scan=True)


def test_partial_scan_interrupted_by_a_slow_key() -> None:
    events = [*timed("12345678", 0, [0] + [10] * 7), ("x", 500)]
    out = run(events)
    assert "".join(out.delivered) == "12345678x"
    assert out.partial == 1 and out.scans == []


def test_too_short_burst_then_enter_is_typing() -> None:
    out = run(burst("1234567"))  # 7 < min_length
    assert out.delivered == [*"1234567", ENTER] and out.scans == []


def test_slow_enter_after_burst_is_not_a_scan() -> None:
    events = [*timed("12345678", 0, [0] + [10] * 7), (ENTER, 70 + 200)]
    out = run(events)
    assert out.delivered == [*"12345678", ENTER] and out.scans == []
    assert out.partial == 1


def test_non_ascii_key_ends_the_burst_and_passes_through() -> None:
    events = [*timed("ABCD", 0, [0, 5, 5, 5]), ("中", 20), *timed([*"EFGH", ENTER], 25, [5] * 5)]
    out = run(events)
    assert out.delivered == [*"ABCD", "中", *"EFGH", ENTER] and out.scans == []


@pytest.mark.parametrize("key", ["Backspace", "Tab", "", "ab", "\x08", "\t", "é"])
def test_special_keys_pass_through(key: str) -> None:
    det = ScanDetector()
    assert det.feed("a", 0).swallow
    result = det.feed(key, 5)
    assert result == FeedResult(swallow=False, replay="a")


@pytest.mark.parametrize("enter", ["\r", "\n", "Enter", "Return"])
def test_terminator_spellings(enter: str) -> None:
    det = ScanDetector()
    for i, ch in enumerate("ABCDEFGH"):
        det.feed(ch, i * 5)
    assert det.feed(enter, 40) == FeedResult(swallow=True, scan="ABCDEFGH")


def test_configurable_gap_length_and_terminator() -> None:
    det = ScanDetector(max_gap_ms=50, min_length=4, terminators=frozenset({"Tab"}))
    for i, ch in enumerate("ABCD"):
        det.feed(ch, i * 45)
    assert det.feed("Tab", 180).scan == "ABCD"
    with pytest.raises(ValueError):
        ScanDetector(min_length=0)


def test_clock_going_backwards_releases_the_buffer() -> None:
    det = ScanDetector()
    det.feed("a", 1000)
    assert det.feed("b", 500) == FeedResult(swallow=True, replay="a")


def test_forced_flush_on_focus_loss() -> None:
    det = ScanDetector()
    det.feed("a", 0)
    det.feed("b", 5)
    assert det.flush(6, force=True) == FeedResult(replay="ab")
    assert det.flush(6, force=True) == FeedResult()


keys = st.one_of(
    st.sampled_from([*"0123456789ABCXYZ-", ENTER, "\n", "Enter", "Backspace", "中", "é", "\t"]),
    st.characters(),
)
gaps = st.one_of(st.integers(0, 35), st.integers(36, 400), st.integers(-50, -1))


@given(st.lists(st.tuples(keys, gaps)), st.integers(4, 12))
def test_no_key_is_lost_or_doubled(seq: list[tuple[str, int]], min_length: int) -> None:
    ts, events = 10_000, []
    for key, gap in seq:
        ts += gap
        events.append((key, ts))
    det = ScanDetector(min_length=min_length)
    out = run(events, det)
    assert out.stream == [key for key, _ in events]
    assert all(len(s) >= min_length and s.isascii() for s in out.scans)


@given(st.lists(st.tuples(keys, gaps)), st.lists(st.integers(0, 60)))
def test_timer_ticks_anywhere_change_nothing_but_timing(
    seq: list[tuple[str, int]], ticks: list[int]
) -> None:
    det, out, ts = ScanDetector(), Outcome(), 0
    ticks_iter = iter(ticks)
    for key, gap in seq:
        tick = next(ticks_iter, None)
        if tick is not None and tick < abs(gap):
            out.record(det.flush(ts + tick), None)
        ts += gap
        out.record(det.feed(key, ts), key)
    out.record(det.flush(ts, force=True), None)
    assert out.stream == [key for key, _ in seq]
