"""The loaded content and the lookups the app uses: :class:`Annotations`.

:class:`Annotations` gives ``title``, ``disclaimer``, ``red_flags``, ``article``, ``sources``,
``sections`` (in article order), the dicts ``structures``, ``topics``, ``pain_patterns``,
``paths`` and ``stories`` (id -> entry, each entry with ``.id``), and the lookups
``structure(id)``, ``topic(id)``, ``story(id)``, ``path(id)``, ``section(id)``, ``entry(id)``
(a structure or a topic), ``display_name(id, voice)``, ``search(query)`` (ranked
:class:`~viewer.content.search.SearchHit` list, best first), ``topics_for(structure_id)``,
``story_for_topic(topic_id)``,
``story_on_side(story_id, side)`` (the story mirrored), ``children(topic_id)``, ``tour()``
(sections in order with the entries that draw on each), ``pain_pattern(id, side)``,
``story_pain_patterns(story_id, side)``, ``story_compare_patterns(story_id, side)``,
``path_pain_patterns(path_id)``, ``shows_red_flags(view, id)`` and ``patient_facing_views()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..vocabulary import Side
from .schema import (
    AnnotationsFile,
    NervePath,
    PainPattern,
    RedFlags,
    Section,
    Story,
    Structure,
    Topic,
)
from .search import SearchHit, SearchIndex
from .sides import mirror_structure, pattern_on_side, regions_of

#: the two voices every text is written in
Voice = Literal["student", "patient"]
#: the kinds of view the app shows content in
ViewKind = Literal["story", "path", "topic", "structure"]


@dataclass(frozen=True)
class PatientFacingViews:
    """The views that show the red flags and the disclaimer, by kind."""

    stories: frozenset[str]
    paths: frozenset[str]
    topics: frozenset[str]
    structures: frozenset[str]


@dataclass(frozen=True)
class SectionEntries:
    """One article section with the structures and topics that draw on it (guided-tour step)."""

    section: Section
    structures: list[str]
    topics: list[str]


class Annotations:
    """The loaded, checked content with the lookups the app uses."""

    def __init__(self, doc: AnnotationsFile, source: Path | None = None):
        self.doc = doc
        self.source = source
        self.schema_version: int = doc.schema_version
        self.title: str = doc.title
        self.disclaimer: str = doc.disclaimer
        self.red_flags: RedFlags = doc.red_flags
        self.article = doc.article
        self.sources = doc.sources
        self.sections: list[Section] = sorted(doc.sections, key=lambda s: s.order)
        self.structures: dict[str, Structure] = dict(doc.structures)
        self.topics: dict[str, Topic] = dict(doc.topics)
        self.pain_patterns: dict[str, PainPattern] = dict(doc.pain_patterns)
        self.paths: dict[str, NervePath] = dict(doc.paths)
        for path in self.paths.values():
            path._body_regions = regions_of(self.path_pain_patterns(path.id))
        self.stories: dict[str, Story] = dict(doc.stories)
        self._index_links()
        self._search: SearchIndex | None = None  # built on the first search

    def _index_links(self) -> None:
        """What the lookups below give, computed once (linear in the content's size)."""
        self._children: dict[str, list[Topic]] = {}
        self._topics_for: dict[str, list[Topic]] = {}
        for t in self.topics.values():
            if t.parent is not None:
                self._children.setdefault(t.parent, []).append(t)
            involved = [*t.structures, *(sid for it in t.items for sid in it.structures)]
            for sid in dict.fromkeys(involved):
                self._topics_for.setdefault(sid, []).append(t)
        self._story_for_topic: dict[str, Story] = {}
        for story in self.stories.values():
            self._story_for_topic.setdefault(story.topic, story)
        self._sections = {s.id: s for s in reversed(self.sections)}
        self._tour_structures: dict[str, list[str]] = {s.id: [] for s in self.sections}
        self._tour_topics: dict[str, list[str]] = {s.id: [] for s in self.sections}
        for table, by_section in (
            (self.structures, self._tour_structures),
            (self.topics, self._tour_topics),
        ):
            for eid, e in table.items():
                for sec in dict.fromkeys(e.sections):
                    if sec in by_section:
                        by_section[sec].append(eid)

    # lookups by id ------------------------------------------------------------------------
    def structure(self, structure_id: str) -> Structure:
        return self.structures[structure_id]

    def topic(self, topic_id: str) -> Topic:
        return self.topics[topic_id]

    def story(self, story_id: str) -> Story:
        return self.stories[story_id]

    def path(self, path_id: str) -> NervePath:
        return self.paths[path_id]

    def section(self, section_id: str) -> Section:
        return self._sections[section_id]

    def entry(self, entry_id: str) -> Structure | Topic:
        """A structure or a topic by id."""
        if entry_id in self.structures:
            return self.structures[entry_id]
        return self.topics[entry_id]

    def display_name(self, entry_id: str, voice: Voice = "student") -> str:
        """The name of a structure or topic as the voice shows it (a label, a heading)."""
        e = self.entry(entry_id)
        if isinstance(e, Structure):
            return e.patient_name if voice == "patient" else e.name
        return e.patient_title if voice == "patient" else e.title

    def topics_for(self, structure_id: str) -> list[Topic]:
        """The topics that involve a structure (its own items' structures count too)."""
        return list(self._topics_for.get(structure_id, []))

    def story_for_topic(self, topic_id: str) -> Story | None:
        return self._story_for_topic.get(topic_id)

    def story_on_side(self, story_id: str, side: Side) -> Story:
        """The story told on ``side``: every sided id (structures, shapes, path) mirrored; its
        pain patterns keep their ids (``story_pain_patterns(id, side)`` gives them mirrored)."""
        story = self.stories[story_id]
        if side == story.side:
            return story

        def flip(ids: list[str]) -> list[str]:
            return [mirror_structure(i) for i in ids]

        flipped = story.model_copy(
            update={
                "side": side,
                "highlight": flip(story.highlight),
                "dim": story.dim if story.dim == "rest" else flip(story.dim),
                "conditions": flip(story.conditions),
                "nerve_path": mirror_structure(story.nerve_path) if story.nerve_path else None,
            }
        )
        flipped._id = story.id
        return flipped

    # pain patterns ------------------------------------------------------------------------
    def pain_pattern(self, pattern_id: str, side: Side | None = None) -> PainPattern:
        """A pain pattern, told for ``side`` (default: the side it is written for)."""
        pattern = self.pain_patterns[pattern_id]
        return pattern if side is None else pattern_on_side(pattern, side)

    def story_pain_patterns(self, story_id: str, side: Side | None = None) -> list[PainPattern]:
        """The patterns that belong to a story, on ``side`` (default: the story's own side)."""
        story = self.stories[story_id]
        return [self.pain_pattern(i, side or story.side) for i in story.pain_patterns]

    def story_compare_patterns(self, story_id: str, side: Side | None = None) -> list[PainPattern]:
        """The patterns a story shows only for contrast, on ``side``."""
        story = self.stories[story_id]
        return [self.pain_pattern(i, side or story.side) for i in story.compare_patterns]

    def path_pain_patterns(self, path_id: str) -> list[PainPattern]:
        """The patterns of a nerve path, on the path's side."""
        path = self.paths[path_id]
        return [
            self.pain_pattern(i, path.side) for i in path.pain_patterns if i in self.pain_patterns
        ]

    # safety ---------------------------------------------------------------------------------
    def patient_facing_views(self) -> PatientFacingViews:
        """Every story and path, and the topics and structures marked ``patient_facing``."""
        return PatientFacingViews(
            stories=frozenset(self.stories),
            paths=frozenset(self.paths),
            topics=frozenset(i for i, t in self.topics.items() if t.patient_facing),
            structures=frozenset(i for i, s in self.structures.items() if s.patient_facing),
        )

    def shows_red_flags(self, view: ViewKind, view_id: str) -> bool:
        """Whether the view of ``view_id`` (a story, path, topic or structure) shows the red
        flags and the disclaimer."""
        views = self.patient_facing_views()
        by_kind = {
            "story": views.stories,
            "path": views.paths,
            "topic": views.topics,
            "structure": views.structures,
        }
        return view_id in by_kind[view]

    # the article's tree and tour ------------------------------------------------------------
    def children(self, topic_id: str) -> list[Topic]:
        return list(self._children.get(topic_id, []))

    def tour(self) -> list[SectionEntries]:
        """The article's sections in order, each with the entries that draw on it."""
        return [
            SectionEntries(s, list(self._tour_structures[s.id]), list(self._tour_topics[s.id]))
            for s in self.sections
        ]

    # search -------------------------------------------------------------------------------
    def search(self, query: str, limit: int | None = None) -> list[SearchHit]:
        """Structures and topics that match ``query``, best first (ranked and typo-tolerant:
        :mod:`viewer.content.search`); each hit has its ``id``, ``kind`` and ``score``."""
        if self._search is None:
            self._search = SearchIndex(self.structures, self.topics)
        return self._search.search(query, limit)
