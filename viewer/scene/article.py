"""The article's order for the Article dock and the guided tour (no Qt, no VTK): its outline,
stepping from section to section, and what a section or topic lights in the model."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from .focus import Focus


@dataclass(frozen=True)
class TopicNode:
    """A topic under a section, with the topics of the same section that it is the parent of."""

    id: str
    children: list[TopicNode] = field(default_factory=list)


@dataclass(frozen=True)
class SectionNode:
    id: str
    title: str
    topics: list[TopicNode]


def outline(content) -> list[SectionNode]:
    """Every article section in reading order, each with its topics as a tree: a topic whose
    parent is in the same section sits under it."""
    out = []
    for step in content.tour():
        here = set(step.topics)

        def node(tid: str, here: set[str] = here) -> TopicNode:
            return TopicNode(tid, [node(c.id) for c in content.children(tid) if c.id in here])

        roots = [tid for tid in step.topics if content.topic(tid).parent not in here]
        out.append(SectionNode(step.section.id, step.section.title, [node(t) for t in roots]))
    return out


def step_section(order: list[str], current: str | None, step: int) -> str | None:
    """The section ``step`` places after (negative: before) ``current`` in ``order``, kept at
    the ends; the first section when nothing is current (the last when stepping back)."""
    if not order:
        return None
    if current not in order:
        return order[0] if step >= 0 else order[-1]
    return order[max(0, min(len(order) - 1, order.index(current) + step))]


def topic_structures(content, topic_id: str) -> list[str]:
    """The structures a topic and its list items name, in order, once each."""
    t = content.topic(topic_id)
    ids = [*t.structures, *(sid for it in t.items for sid in it.structures)]
    return list(dict.fromkeys(ids))


def section_structures(content, section_id: str) -> list[str]:
    """The structures of a section: those that draw on it and those its topics name."""
    for step in content.tour():
        if step.section.id == section_id:
            ids = list(step.structures)
            for tid in step.topics:
                ids += topic_structures(content, tid)
            return list(dict.fromkeys(ids))
    raise KeyError(section_id)


def article_focus(
    kind: Literal["section", "topic"], key: str, ids: Iterable[str], available: Iterable[str]
) -> Focus:
    """Light ``ids`` (those in the scene) and dim the rest; an entry naming no structure in the
    scene lights nothing and dims nothing."""
    return Focus(kind, key, frozenset(ids) & frozenset(available))
