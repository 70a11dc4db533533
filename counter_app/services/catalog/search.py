"""Type-ahead search over service items: by code, Chinese name, full pinyin, initials, or a mix.

The clerk searches on every keystroke, so the work is done once at build time and a query is a
few scans, in C, of long prebuilt strings by one compiled regular expression each:

- Kinds of match are tried best first (code, name substring, pinyin, other readings of a 多音字,
  keywords); the search stops once `limit` results are known to beat anything later.
- Items are laid out shortest name first, so scan order is rank order wherever the position of
  the match does not count. Name substrings, where it counts, are also laid out as every suffix
  of every name ordered by position: a broad query stops after `limit` hits.
- Pinyin matches of a query are kept: the next keystroke extends the query and only re-scans
  the items that matched it (typing narrows). One-letter queries are answered at build time.

Pinyin rule: the query, spaces removed, is split over consecutive characters of a name, each
piece being the character itself or a non-empty prefix of its pinyin. So "yxzr", "youxian",
"youxzr", "有限zr" and "gongsi" all find 有限责任公司. Readings come from pypinyin with phrase
context (银行 = yinhang); common 多音字 also match by their other reading (行 xing/hang).
"""

from __future__ import annotations

import heapq
import re
import string
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from pypinyin import Style, pinyin

if TYPE_CHECKING:
    from counter_app.services.catalog.exchange import CatalogData

MAX_QUERY = 40  # no item name is longer; also bounds the regex work
_DIRECT = 200  # name hits ranked directly up to this many; beyond, the suffix layout answers
# Tokens: "You有" (pinyin capitalised, then the character), "B" (an ASCII letter), or _MARK +
# the character (digits, punctuation, characters without a reading). _SKIP eats a token's rest.
_MARK = "\x01"
_SKIP = "[^A-Z\x01\n\t]*+"
_ID_BASE = 0xF0000  # pinyin lines start with chr(_ID_BASE + rank), so a hit names its item
_POLYPHONIC = "行长重还乐调会降省单朝传便参种率曾查解校系藏给称"  # other reading also typed

# Scores come in tiers: score // TIER is the kind of match, best first. Inside a tier an
# earlier position, then a shorter name (or code) scores higher.
TIER = 100_000
CODE_EXACT, CODE_PREFIX, NAME_EXACT, NAME_SUBSTRING = 10, 9, 8, 7
PINYIN, PINYIN_OTHER_READING, KEYWORD, KEYWORD_PINYIN = 6, 5, 4, 3


def _score(tier: int, pos: int, length: int) -> int:
    return tier * TIER + TIER - 1 - 1000 * min(pos, 99) - min(length, 999)


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, no spaces or control characters."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isprintable() and not ch.isspace())


def _keep(chars: str) -> list[str]:
    return list(chars)  # pypinyin's error handler: one entry per non-Chinese character


def _tokens(text: str, flip: int = -1) -> list[str]:
    """One token per character of a normalised text; `flip` picks a 多音字's other reading."""
    readings = pinyin(text, style=Style.NORMAL, errors=_keep) if text else []  # type: ignore[arg-type]  # a list is allowed (pypinyin docs)
    if len(readings) != len(text):  # pypinyin grouped characters after all: go one by one
        readings = [pinyin(ch, style=Style.NORMAL, errors=_keep)[0] for ch in text]  # type: ignore[arg-type]  # as above
    out = []
    for n, (ch, options) in enumerate(zip(text, readings, strict=True)):
        reading = options[0]
        if n == flip:
            others = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
            reading = next((r for r in others if r != reading), reading)
        reading = normalize(reading)
        if ch.isascii():
            out.append(ch.upper() if ch.isalpha() else _MARK + ch)
        elif reading.isascii() and reading.isalpha():  # hanzi, and 〇 (ling)
            out.append(reading.capitalize() + ch)
        else:
            out.append(_MARK + ch)
    return out


def _pattern(q: str) -> str:
    """A regex over token strings for a normalised query: see the module's pinyin rule."""
    parts: list[str] = []
    prev = ""  # kind of the previous query character: "l" letter, "o" other ASCII, "h" the rest
    for ch in q:
        kind = ("l" if ch.isalpha() else "o") if ch.isascii() else "h"
        skip = _SKIP if prev == "l" else ""
        if kind == "l":
            parts.append(f"(?:{ch}|{skip}{ch.upper()})" if prev == "l" else ch.upper())
        elif kind == "h":
            parts.append(f"{skip}[A-Z{_MARK}][a-z]*+{ch}" if prev else ch)
        else:
            parts.append(skip + _MARK + re.escape(ch))
        prev = kind
    return "".join(parts)


def _has_letter(q: str) -> bool:
    return any(ch in string.ascii_lowercase for ch in q)


class _Lines:
    """One string per item, joined one per line in rank order; `suffixes` adds every suffix of
    every line, ordered by (position, rank), for position-ranked scans that stop early."""

    def __init__(self, lines: Sequence[str], suffixes: bool = False) -> None:
        self.text = "\n" + "\n".join(lines) + "\n"
        self.starts: list[int] = []
        pos = 1
        for line in lines:
            self.starts.append(pos)
            pos += len(line) + 1
        self.suffix_text = ""
        self.suffix_starts: list[int] = []
        self.suffix_owner: list[tuple[int, int]] = []  # (rank, position)
        if suffixes:
            chunks: list[str] = []
            pos = 1
            for p in range(max((len(s) for s in lines), default=0)):
                for r, line in enumerate(lines):
                    if p < len(line):
                        chunks.append(line[p:])
                        self.suffix_starts.append(pos)
                        self.suffix_owner.append((r, p))
                        pos += len(line) - p + 1
            self.suffix_text = "\n" + "\n".join(chunks) + "\n"

    def hits(self, pattern: str) -> Iterator[int]:
        """Ranks of the matching lines, each once, best first."""
        for m in re.finditer(pattern + "[^\n]*", self.text):
            yield bisect_right(self.starts, m.start()) - 1

    def ranked(self, literal: str) -> Iterator[tuple[int, int]]:
        """(rank, position) of lines containing `literal`, earliest position first."""
        found: list[tuple[int, int]] = []
        starts = self.starts
        for m in re.finditer(literal + "[^\n]*", self.text):
            r = bisect_right(starts, m.start()) - 1
            found.append((m.start() - starts[r], r))
            if len(found) > _DIRECT:  # broad: read hits in rank order and stop when enough
                seen: set[int] = set()
                for m2 in re.finditer("\n" + literal, self.suffix_text):
                    r, p = self.suffix_owner[bisect_right(self.suffix_starts, m2.start())]
                    if r not in seen:
                        seen.add(r)
                        yield r, p
                return
        for p, r in sorted(found):
            yield r, p


class _Pinyin:
    """Pinyin token lines of all names, and the matches of recent queries for narrowing."""

    def __init__(self, tokens: Sequence[Sequence[str]], cache_size: int = 64) -> None:
        self.lines = [chr(_ID_BASE + r) + "".join(t) for r, t in enumerate(tokens)]
        self.text = "\n" + "\n".join(self.lines) + "\n"
        self.token_starts: list[list[int]] = []
        for t in tokens:
            offs, o = [], 1  # after the id character
            for tok in t:
                offs.append(o)
                o += len(tok)
            self.token_starts.append(offs)
        self.cache: OrderedDict[str, list[tuple[int, int]]] = OrderedDict()
        self.cache_size = cache_size
        # one letter: every match, kept for good (the first keystroke, and the base to narrow)
        self.single = {c: self._scan(self.text, c.upper()) for c in string.ascii_lowercase}

    def matches(self, q: str) -> list[tuple[int, int]]:
        """All (position, rank) pinyin matches of q, best first."""
        if len(q) == 1 and q in self.single:
            return self.single[q]
        hit = self.cache.get(q)
        if hit is not None:
            self.cache.move_to_end(q)
            return hit
        # Every match of q is a match of each prefix of q, so scan only the last known ones.
        text = self.text
        for cut in range(len(q) - 1, 0, -1):
            base = self.single.get(q[0]) if cut == 1 else self.cache.get(q[:cut])
            if base is not None:
                text = "\n" + "\n".join([self.lines[r] for _, r in base]) + "\n"
                break
        found = self._scan(text, _pattern(q))
        self.cache[q] = found
        if len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        return found

    def _scan(self, text: str, pattern: str) -> list[tuple[int, int]]:
        found = []
        token_starts = self.token_starts
        for m in re.finditer(pattern + "[^\n]*", text):
            at = m.start()
            line = text.rfind("\n", 0, at) + 1
            r = ord(text[line]) - _ID_BASE
            found.append((bisect_right(token_starts[r], at - line) - 1, r))
        found.sort()
        return found


class CatalogIndex:
    """Search service items by code, name, pinyin or initials; build once, query per keystroke.

    Records are (code, name) or (code, name, keywords), keywords a string or strings.
    A repeated code keeps its first record.
    """

    def __init__(self, records: Iterable[Sequence[object]]) -> None:
        items: list[tuple[str, str, list[str]]] = []
        seen: set[str] = set()
        for record in records:
            code = str(record[0])
            if code in seen:
                continue
            seen.add(code)
            extra = record[2] if len(record) > 2 else None
            words: list[object] = []
            if isinstance(extra, str):
                words = [extra]
            elif isinstance(extra, Iterable):
                words = list(extra)
            kws = [w for w in (normalize(str(x)) for x in words) if w]
            items.append((code, normalize(str(record[1])), kws))
        # rank: shortest name first, then as given
        items = [items[n] for n in sorted(range(len(items)), key=lambda n: (len(items[n][1]), n))]
        self._codes = [code for code, _, _ in items]
        names = [name for _, name, _ in items]
        self._name_len = [min(len(s), 999) for s in names]
        by_code = sorted((normalize(c), r) for r, c in enumerate(self._codes))
        self._code_keys = [c for c, _ in by_code]
        self._code_ranks = [r for _, r in by_code]

        cache: dict[str, str] = {}  # keywords repeat across items: pinyin each once

        def joined(s: str) -> str:
            if s not in cache:
                cache[s] = "".join(_tokens(s))
            return cache[s]

        self._names = _Lines(names, suffixes=True)
        self._pinyin = _Pinyin([_tokens(s) for s in names])
        alts = []
        for s in names:
            flips = [n for n, ch in enumerate(s) if ch in _POLYPHONIC][:3]
            alts.append("\t".join("".join(_tokens(s, flip=f)) for f in flips))
        self._alt = _Lines(alts)
        self._kw = _Lines(["\t".join(kws) for _, _, kws in items])
        self._kw_pinyin = _Lines(["\t".join(joined(w) for w in kws) for _, _, kws in items])

    @classmethod
    def from_catalog(cls, data: CatalogData) -> CatalogIndex:
        return cls((i.code, i.name, i.keywords) for i in data.items)

    def __len__(self) -> int:
        return len(self._codes)

    def clear_cache(self) -> None:
        """Forget the matches kept from recent queries (they only speed up the next ones)."""
        self._pinyin.cache.clear()

    def search(self, query: str, limit: int = 20) -> list[tuple[str, int]]:
        """Best matches first as (code, score); score // TIER is the kind of match (CODE_EXACT
        ... KEYWORD_PINYIN). An empty query finds nothing."""
        q = normalize(query)[:MAX_QUERY]
        if not q or limit <= 0:
            return []
        found: dict[int, tuple[int, int]] = {}  # rank -> (score, tie-break)
        tiers = (self._by_code, self._by_name, self._by_pinyin, self._by_alt, self._by_keyword)
        for tier in tiers:
            # a tier yields its items best first, all scoring below the earlier tiers
            for r, score, tie in tier(q, limit - len(found)):
                if r not in found:
                    found[r] = (score, tie)
                    if len(found) >= limit:
                        break
            if len(found) >= limit:
                break
        best = sorted(found.items(), key=lambda item: (-item[1][0], item[1][1]))
        return [(self._codes[r], score) for r, (score, _) in best]

    def _by_code(self, q: str, wanted: int) -> Iterator[tuple[int, int, int]]:
        keys = self._code_keys  # sorted, so equal scores list in code order
        lo = bisect_left(keys, q)
        hi = bisect_left(keys, q + "\U0010ffff", lo)
        if lo < hi and keys[lo] == q:
            yield self._code_ranks[lo], _score(CODE_EXACT, 0, 0), lo
        for i in heapq.nsmallest(wanted + 1, range(lo, hi), key=lambda i: (len(keys[i]), i)):
            yield self._code_ranks[i], _score(CODE_PREFIX, 0, len(keys[i])), i

    def _by_name(self, q: str, wanted: int) -> Iterator[tuple[int, int, int]]:
        for r, pos in self._names.ranked(re.escape(q)):
            if pos == 0 and self._name_len[r] == len(q):
                yield r, _score(NAME_EXACT, 0, 0), r
            else:
                yield r, _score(NAME_SUBSTRING, pos, self._name_len[r]), r

    def _by_pinyin(self, q: str, wanted: int) -> Iterator[tuple[int, int, int]]:
        if _has_letter(q):  # without letters it is a name substring, answered already
            for pos, r in self._pinyin.matches(q):
                yield r, _score(PINYIN, pos, self._name_len[r]), r

    def _by_alt(self, q: str, wanted: int) -> Iterator[tuple[int, int, int]]:
        if _has_letter(q):
            for r in self._alt.hits(_pattern(q)):
                yield r, _score(PINYIN_OTHER_READING, 0, self._name_len[r]), r

    def _by_keyword(self, q: str, wanted: int) -> Iterator[tuple[int, int, int]]:
        for r in self._kw.hits(re.escape(q)):
            yield r, _score(KEYWORD, 0, self._name_len[r]), r
        for r in self._kw_pinyin.hits(_pattern(q)):
            yield r, _score(KEYWORD_PINYIN, 0, self._name_len[r]), r
