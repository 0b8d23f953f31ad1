"""Telling sided content on the other side: structure ids, body-chart regions, pain patterns.

Pain patterns are written for one side (the left); the lookups give them on the side a story or
path is told on. Body-chart region ids follow anatomapa, which names sides as drawn: mirroring a
region swaps its ``_left``/``_right`` suffix on either chart.
"""

from __future__ import annotations

from functools import cache

import anatomapa

from ..anatomy import structures as anatomy_structures
from ..vocabulary import SIDES, ChartView, Side
from .schema import BodyRegion, PainPattern


def other_side(side: Side) -> Side:
    return SIDES[1 - SIDES.index(side)]


def mirror_structure(structure_id: str) -> str:
    """The structure's twin on the other side (a midline id is its own twin)."""
    return anatomy_structures.mirror_id(structure_id) or structure_id


def region_side(region_id: str) -> Side | None:
    """The side a region id is drawn on (its suffix), or None for a midline region."""
    for side in SIDES:
        if region_id.endswith(f"_{side}"):
            return side
    return None


def drawn_side(patient_side: Side, chart_view: ChartView) -> Side:
    """The suffix anatomapa uses for the patient's ``patient_side`` on ``chart_view``: seen from
    behind, the patient's left is drawn on the left; from the front, on the right."""
    return patient_side if chart_view == "posterior" else other_side(patient_side)


@cache
def chart_regions(chart_view: ChartView) -> frozenset[str]:
    """The region ids the body chart can paint on ``chart_view`` (anatomapa's, without side)."""
    return frozenset(r["id"] for r in anatomapa.list_regions(view=chart_view))


def unsided(region_id: str) -> str:
    """A region id without its ``_left``/``_right`` suffix."""
    side = region_side(region_id)
    return region_id if side is None else region_id[: -len(side) - 1]


def mirror_region(region_id: str) -> str:
    """The same region on the other side of the chart (a midline region is unchanged)."""
    side = region_side(region_id)
    if side is None:
        return region_id
    return region_id[: -len(side)] + other_side(side)


def pattern_on_side(pattern: PainPattern, side: Side) -> PainPattern:
    """``pattern`` told for ``side``: its source structures, skin areas and regions mirrored."""
    if side == pattern.side:
        return pattern
    mirrored = pattern.model_copy(
        update={
            "side": side,
            "source_structures": [mirror_structure(i) for i in pattern.source_structures],
            "skin_areas": [mirror_structure(i) for i in pattern.skin_areas],
            "body_regions": [
                r.model_copy(update={"chart_region": mirror_region(r.chart_region)})
                for r in pattern.body_regions
            ],
        }
    )
    mirrored._id = pattern.id
    return mirrored


def regions_of(patterns: list[PainPattern]) -> list[BodyRegion]:
    """The body regions of several patterns, in order, each (name, region, view) once."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for pattern in patterns:
        for r in pattern.body_regions:
            key = (r.name, r.chart_region, r.chart_view)
            if key not in seen:
                seen.add(key)
                out.append(r)
    return out
