"""What the "Where does it hurt?" explorer lists: the model's pain sources ranked against a
painting, side by side (no Qt, no VTK).

The sources are content (``pain_sources`` in ``annotations.json``: each a pattern of zone
weights and the story that shows it). A painting on one side is ranked against the sources on
that side (:func:`viewer.scene.pain_ranking.rank`, the weighted Jaccard overlap); with both sides
painted, each side's list is made and the two merged, best first. Each entry says which story
to open, on which side. This is teaching, not diagnosis (:data:`NOT_DIAGNOSIS`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import Side
from .pain_painting import PainPainting
from .pain_ranking import PainPattern, RankedSource, rank

#: the plain line the explorer always shows under its list
NOT_DIAGNOSIS = (
    "This is teaching, not diagnosis: it shows which parts of this model can send pain to the "
    "places you marked. Only a clinician who examines you can say what causes your pain."
)


@dataclass(frozen=True)
class SideSource:
    """One listed source: its ranking on one side."""

    ranked: RankedSource
    side: Side

    @property
    def id(self) -> str:
        return self.ranked.pattern.id

    @property
    def story(self) -> str | None:
        return self.ranked.pattern.story

    @property
    def score(self) -> float:
        return self.ranked.score


def source_patterns(content) -> list[PainPattern]:
    """The content's pain sources as patterns to rank."""
    return [PainPattern(sid, dict(s.zones), s.story) for sid, s in content.doc.pain_sources.items()]


def ranked_sources(content, painting: PainPainting) -> list[SideSource]:
    """Every source whose pattern overlaps the painting on some side, best first (ties: by id,
    then the left side first)."""
    patterns = source_patterns(content)
    out = [
        SideSource(r, side)
        for side in painting.sides()
        for r in rank(painting.painted(side), patterns)
    ]
    out.sort(key=lambda s: (-s.score, s.id, s.side))
    return out


def source_title(content, source_id: str, voice: str) -> str:
    s = content.doc.pain_sources[source_id]
    return s.patient_name if voice == "patient" else s.name


def source_text(content, source_id: str, voice: str) -> str:
    s = content.doc.pain_sources[source_id]
    return s.patient if voice == "patient" else s.student
