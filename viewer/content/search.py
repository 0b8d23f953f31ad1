"""Finding structures and topics by what people call them: ranked, and tolerant of typos.

Every structure is found by its name, and by its synonyms: its patient name, its other names and
its id; every topic by its title, patient title, other names, id and the names of its items.
:meth:`SearchIndex.search` ranks what matches a query:

1. a display name (a structure's name, without its side, or a topic's title) that is the query;
2. then, among names that hold the query as a whole word or the start of one ("disc", "buttock
   mus"), structure names first, then synonyms of structures, then topics: "disc" gives the
   L5-S1 disc before the Discectomy topic;
3. then names that hold the query inside a word ("formis");
4. then names that come within one or two typos of the query ("piriformus"): a word of four or
   five letters may be one edit off, a longer word two (a letter added, left out, changed, or two
   neighbours swapped). Only a query word that starts no word of the content is looked up this
   way, so a correct query is never diluted by near misses.

Within one kind, an exact name beats a name it starts, which beats one with the words in another
order; ties go to the entry with more matching names, then to the file's order. Each result is a
:class:`SearchHit` with its ``score`` (higher is better). Building the index and each search
are linear in the size of the content.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..vocabulary import SIDES
from .schema import Structure, Topic

#: what a hit is
EntryKind = Literal["structure", "topic"]
#: which of an entry's names matched: a structure's name, a synonym of a structure (patient name,
#: other name, id) or a topic's name (title, patient title, other name, id, item)
MatchKind = Literal["name", "synonym", "topic"]
_MATCHES: tuple[MatchKind, ...] = ("name", "synonym", "topic")
_TIER: dict[MatchKind, int] = {m: n for n, m in enumerate(_MATCHES)}
#: how well a name matches, best first: it is the query; it starts with the query; it has the
#: query's words; it has words that start with the query's words; it holds the query inside a
#: word; it comes within a few typos
_EXACT, _PREFIX, _WORDS, _WORD_PREFIXES, _INSIDE, _TYPO = range(6)
_SPLIT = re.compile(r"[^\w]+|_")


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    flat = text.casefold()
    if not flat.isascii():
        flat = unicodedata.normalize("NFKD", flat)
        flat = "".join(c for c in flat if not unicodedata.combining(c))
    return tuple(w for w in _SPLIT.split(flat) if w)


def normalise(text: str) -> list[str]:
    """The words of ``text`` as search compares them: lower case, accents and punctuation gone
    ("L5-S1 disc: Annulus" -> ["l5", "s1", "disc", "annulus"])."""
    return list(_words(text))


def typos_allowed(word: str) -> int:
    """How many edits a query word may be off: none under four letters, one up to five, two."""
    return 0 if len(word) < 4 else 1 if len(word) <= 5 else 2


def edit_distance(a: str, b: str, limit: int) -> tuple[int, int]:
    """(the edits that turn ``a`` into ``b``, the edits that turn ``a`` into the nearest start
    of ``b``), counting a swap of two neighbours as one edit; ``limit + 1`` stands for "more
    than ``limit``"."""
    over = limit + 1
    if abs(len(a) - len(b)) > limit and len(b) < len(a):
        return over, over
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return over, over
        previous2, previous = previous, row
    return min(previous[-1], over), min(min(previous), over)


@dataclass(frozen=True)
class SearchHit:
    """One entry that matches a query: its ``id``, whether it is a structure or a topic, which
    of its names matched best (``match``, and the name as written, ``term``) and the
    ``score`` of that match (higher is better; hits come best first)."""

    id: str
    kind: EntryKind
    match: MatchKind
    term: str
    score: int


@dataclass(frozen=True)
class _Term:
    entry: int  # index into the entries, in file order
    tier: int
    text: str  # as written
    words: tuple[str, ...]
    flat: str  # the words joined by single spaces
    display: str | None  # the flat display name (side left out), for a display name


def _score(group: int, tier: int, quality: int, typos: int) -> int:
    """Higher is better; the groups and tiers of the module docstring never overlap."""
    return 1000 - 250 * group - 60 * tier - 10 * quality - typos


class SearchIndex:
    """The names of ``structures`` and ``topics`` (id -> entry, in the file's order)."""

    def __init__(self, structures: dict[str, Structure], topics: dict[str, Topic]):
        self._entries: list[tuple[str, EntryKind]] = []
        self._terms: list[_Term] = []
        sides = set(SIDES)
        for sid, s in structures.items():
            n = self._add_entry(sid, "structure")
            words = normalise(s.name)
            display = " ".join(w for w in words if w not in sides)
            self._add(n, "name", [s.name], display)
            self._add(n, "synonym", [s.patient_name, *s.other_names, sid])
        for tid, t in topics.items():
            n = self._add_entry(tid, "topic")
            self._add(n, "topic", [t.title], " ".join(normalise(t.title)))
            items = [name for it in t.items for name in (it.name, it.patient_name)]
            self._add(n, "topic", [t.patient_title, *t.other_names, tid, *items])
        self._postings: dict[str, list[int]] = {}
        for k, term in enumerate(self._terms):
            for w in set(term.words):
                self._postings.setdefault(w, []).append(k)
        self._vocabulary = sorted(self._postings)

    def _add_entry(self, key: str, kind: EntryKind) -> int:
        self._entries.append((key, kind))
        return len(self._entries) - 1

    def _add(self, entry: int, match: MatchKind, texts: Iterable[str], display=None) -> None:
        seen = set()
        for text in texts:
            words = _words(text)
            if words and words not in seen:
                seen.add(words)
                flat = " ".join(words)
                self._terms.append(_Term(entry, _TIER[match], text, words, flat, display))

    # -- matching words ------------------------------------------------------------------------
    def _starting(self, word: str) -> list[str]:
        """The words of the content that start with ``word``."""
        at = bisect_left(self._vocabulary, word)
        out = []
        while at < len(self._vocabulary) and self._vocabulary[at].startswith(word):
            out.append(self._vocabulary[at])
            at += 1
        return out

    def _near(self, word: str) -> dict[str, int]:
        """Words of the content within the typos ``word`` allows (whole, or a start of them),
        with the number of edits (a start costs one more than a whole word)."""
        limit = typos_allowed(word)
        found: dict[str, int] = {}
        if limit == 0:
            return found
        for candidate in self._vocabulary:
            if len(candidate) < len(word) - limit:
                continue
            whole, start = edit_distance(word, candidate, limit)
            if whole <= limit:
                found[candidate] = whole
            elif start <= limit:
                found[candidate] = start + 1
        return found

    def _word_matches(self, word: str) -> dict[str, tuple[int, int]]:
        """Content word -> (0 equal, 1 starts with the query word, 2 typo; edits)."""
        matches = {w: (1, 0) for w in self._starting(word)}
        if word in matches:
            matches[word] = (0, 0)
        if not matches:
            matches = {w: (2, d) for w, d in self._near(word).items()}
        return matches

    # -- searching -----------------------------------------------------------------------------
    def search(self, query: str, limit: int | None = None) -> list[SearchHit]:
        """The entries that match ``query``, best first (at most ``limit``)."""
        words = normalise(query)
        if not words:
            return []
        q = " ".join(words)
        per_word = [self._word_matches(w) for w in words]
        best: dict[int, list[tuple[int, int]]] = {}  # entry -> [(score, term index)]
        candidates = set()
        for matches in per_word[:1]:
            for w in matches:
                candidates.update(self._postings[w])
        for k in candidates:
            scored = self._word_score(self._terms[k], q, per_word)
            if scored is not None:
                best.setdefault(self._terms[k].entry, []).append((scored, k))
        if len(q) >= 2:
            for k, term in enumerate(self._terms):
                if q in term.flat and term.entry not in best:
                    best.setdefault(term.entry, []).append((_score(2, term.tier, _INSIDE, 0), k))

        def rank(item: tuple[int, list[tuple[int, int]]]) -> tuple[list[int], int]:
            """Best score first, then the next best names (more matching names rank higher),
            then the file's order."""
            scores = sorted((-s for s, _ in item[1]))[:3]
            return scores + [0] * (3 - len(scores)), item[0]

        ranked = sorted(best.items(), key=rank)
        hits = []
        for entry, matched in ranked[:limit]:
            top, k = max(matched)
            key, kind = self._entries[entry]
            term = self._terms[k]
            hits.append(SearchHit(key, kind, _MATCHES[term.tier], term.text, top))
        return hits

    @staticmethod
    def _word_score(term: _Term, q: str, per_word: list[dict[str, tuple[int, int]]]) -> int | None:
        """The score of ``term`` when every query word matches one of its words, else None."""
        worst, typos = 0, 0
        for matches in per_word:
            found = [matches[w] for w in term.words if w in matches]
            if not found:
                return None
            how, edits = min(found)
            worst, typos = max(worst, how), typos + edits
        if worst == 2:
            return _score(3, term.tier, _TYPO, typos)
        if term.display is not None and term.display == q:
            return _score(0, term.tier, _EXACT, 0)
        if term.flat == q:
            quality = _EXACT
        elif term.flat.startswith(q):
            quality = _PREFIX
        else:
            quality = _WORDS if worst == 0 else _WORD_PREFIXES
        return _score(1, term.tier, quality, 0)
