"""Ranking the model's pain sources against a painted pain map, below the widgets.

A pain map is what the patient or physiotherapist painted: zone id -> how much of that zone is
painted (0..1), per pain type. A pain *pattern* is where one source's pain is typically felt, from
the content: zone id -> weight (1 = the typical area, lower = sometimes). The score of a source is
the weighted Jaccard overlap of the two maps,

    score = sum(min(painted, pattern)) / sum(max(painted, pattern)),

so painting exactly a source's pattern scores 1, painting where it never hurts lowers the score,
and a source whose pattern misses every painted zone scores 0 and is not listed at all (groin pain
can never rank S1). This is teaching, not diagnosis: the list says which structures of this model
*can* send pain to the painted places.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PainPattern:
    """Where one source's pain is felt: ``zones`` zone id -> weight in (0, 1]; ``story`` the story
    that shows this source in 3D (None when there is none)."""

    id: str
    zones: Mapping[str, float]
    story: str | None = None


@dataclass(frozen=True)
class RankedSource:
    pattern: PainPattern
    score: float
    #: painted zones this source explains, best first
    matched: tuple[str, ...]


def combine(maps: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """One map from several pain types' maps (ache, sharp, pins and needles, numbness): a zone
    counts as much as the most painted type in it."""
    out: dict[str, float] = {}
    for m in maps:
        for zone, amount in m.items():
            if amount > 0:
                out[zone] = min(1.0, max(out.get(zone, 0.0), float(amount)))
    return out


def overlap(painted: Mapping[str, float], pattern: Mapping[str, float]) -> float:
    """The weighted Jaccard overlap of two zone maps (0 when either is empty)."""
    zones = set(painted) | set(pattern)
    top = sum(min(painted.get(z, 0.0), pattern.get(z, 0.0)) for z in zones)
    bottom = sum(max(painted.get(z, 0.0), pattern.get(z, 0.0)) for z in zones)
    return top / bottom if bottom > 0 else 0.0


def rank(painted: Mapping[str, float], patterns: Iterable[PainPattern]) -> list[RankedSource]:
    """The sources whose pattern overlaps the painting, best first (ties by id, so stable)."""
    clean = {z: min(1.0, float(a)) for z, a in painted.items() if a > 0}
    out = []
    for pattern in patterns:
        score = overlap(clean, pattern.zones)
        if score <= 0:
            continue
        matched = sorted(
            (z for z in clean if pattern.zones.get(z, 0) > 0),
            key=lambda z: (-min(clean[z], pattern.zones[z]), z),
        )
        out.append(RankedSource(pattern, score, tuple(matched)))
    out.sort(key=lambda r: (-r.score, r.pattern.id))
    return out
