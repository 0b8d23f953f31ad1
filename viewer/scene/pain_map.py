"""What the body chart shows for the focus: the pain patterns of the story or path in focus, each
region they shade and how (no Qt, no VTK).

A story shows its own patterns (``content.story_pain_patterns``) and, drawn differently, the ones
it names only for comparison (``content.story_compare_patterns``); a path its patterns
(``content.path_pain_patterns``); anything else, and no focus, shows nothing. Each pattern keeps
its own name and kind (radicular pain, dermatome or somatic referred pain), and each region its
frequency ("usual" or "sometimes").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import ChartView, Side
from .focus import Focus
from .state import Voice

#: how the chart names each kind of pattern (the student's words; a patient's name of a pattern
#: says it plainly already)
KIND_NAMES: dict[str, str] = {
    "radicular_pain": "radicular pain",
    "dermatome": "dermatome",
    "somatic_referred_pain": "somatic referred pain",
}


@dataclass(frozen=True)
class MappedPattern:
    """One pattern on the chart: its id, names, kind, and whether it is there for comparison."""

    id: str
    name: str
    patient_name: str
    kind: str
    compare: bool

    def title(self, voice: Voice) -> str:
        """The pattern's name in ``voice``; in the student's, with its kind where the name does
        not say it ("Buttock pain in piriformis syndrome (somatic referred pain)")."""
        if voice == "patient":
            label = self.patient_name
        else:
            kind = KIND_NAMES.get(self.kind, self.kind.replace("_", " "))
            label = self.name if kind in self.name.lower() else f"{self.name} ({kind})"
        return f"{label}, for comparison" if self.compare else label


@dataclass(frozen=True)
class ShadedRegion:
    """One body-chart region shaded for one pattern."""

    pattern: str
    chart_view: ChartView
    #: anatomapa's region id, its suffix the side as drawn (``hip_right`` on the front is the
    #: patient's left hip)
    chart_region: str
    #: the region's name in the content ("Buttock", "Groin")
    name: str
    frequency: str
    compare: bool


@dataclass(frozen=True)
class PainMap:
    """Everything the chart draws for one focus: the side, the patterns and their regions."""

    side: Side | None
    patterns: tuple[MappedPattern, ...] = ()
    regions: tuple[ShadedRegion, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.regions

    def regions_on(self, chart_view: ChartView) -> list[ShadedRegion]:
        return [r for r in self.regions if r.chart_view == chart_view]


def _mapped(patterns, compare: bool) -> tuple[list[MappedPattern], list[ShadedRegion]]:
    mapped, regions = [], []
    for p in patterns:
        mapped.append(MappedPattern(p.id, p.name, p.patient_name, p.kind, compare))
        for r in p.body_regions:
            regions.append(
                ShadedRegion(p.id, r.chart_view, r.chart_region, r.name, r.frequency, compare)
            )
    return mapped, regions


def pain_map(content, focus: Focus | None) -> PainMap:
    """What the chart shows for ``focus`` (nothing for no focus, an article entry, or a story or
    path without a pattern)."""
    if focus is None or focus.kind not in ("story", "path"):
        return PainMap(None)
    if focus.kind == "story":
        own = content.story_pain_patterns(focus.key, focus.side)
        compare = content.story_compare_patterns(focus.key, focus.side)
        side = focus.side or content.story(focus.key).side
    else:
        own, compare = content.path_pain_patterns(focus.key), []
        side = content.path(focus.key).side
    mapped, regions = _mapped(own, False)
    mapped_c, regions_c = _mapped(compare, True)
    if not regions and not regions_c:
        return PainMap(side)
    return PainMap(side, tuple(mapped + mapped_c), tuple(regions + regions_c))
