"""The reference rules of ``annotations.json``, in one table, and the two things done with them.

:data:`REFERENCES` says which field of which entry refers to which set of ids, and what becomes
of the reference when that id does not exist. :func:`cross_check` reports every reference that
does not resolve (plus the rules that are not references: one entry per structure of the model,
with its group and side; unique section ids in increasing order; a story's topic is a
mechanism; a path keeps to its side). :mod:`viewer.content.repair` applies the same table to a
damaged file, so that one bad id costs one link, not the entry that holds it. Whether a list may
end up empty is read from the schema (its ``min_length``), never written twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal, get_args

from annotated_types import MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..anatomy import structures as anatomy_structures
from ..vocabulary import Side, StructureKind
from .problems import Problem
from .schema import AnnotationsFile
from .sides import chart_regions, drawn_side, pattern_on_side, region_side, unsided

#: the sets of ids a reference can point into ("conditions": the condition group's structures;
#: "pain_areas": those of them that are skin pain areas)
Target = Literal[
    "structures",
    "topics",
    "entries",
    "sections",
    "sources",
    "paths",
    "pain_patterns",
    "conditions",
    "pain_areas",
]
#: what pruning does with a reference that does not resolve: drop the id (a list loses it, a
#: single optional id becomes null), drop the list element that holds it (a path's stage), or
#: drop the whole entry (a story without its topic)
OnMissing = Literal["drop_id", "drop_element", "drop_entry"]

#: the keyed tables of the file, by the word a problem's place uses for one of their entries
TABLES: dict[str, str] = {
    "structure": "structures",
    "topic": "topics",
    "pain_pattern": "pain_patterns",
    "path": "paths",
    "story": "stories",
}
#: blocks of the file that are one object, not a table of entries, by the word for them
BLOCKS: dict[str, str] = {"red_flags": "red_flags"}
_ENTRY_WORD = {table: word for word, table in TABLES.items()}
#: a list of sub-entries (each with an ``id``), by the word a problem's place uses for one
_ELEMENT_WORD = {"items": "item", "stages": "stage"}


@dataclass(frozen=True)
class Reference:
    """One rule: ``field`` of every entry of ``table`` holds ids of ``target``.

    ``field`` is a dotted path inside the entry; ``name[]`` steps into each element of a list
    (``"items[].note.sources"``). The field holds one id, a list of ids, or null. ``literals``
    are values that are not ids (a story's ``dim`` may be ``"rest"``). :func:`least_items`
    says from the schema whether the list may end up empty; when it may not, pruning drops what
    holds it (a note without sources goes, the entry keeps the rest; a topic without a known
    section goes).
    """

    table: str
    field: str
    target: Target
    what: str
    on_missing: OnMissing = "drop_id"
    literals: tuple[str, ...] = ()


REFERENCES: tuple[Reference, ...] = (
    Reference("structures", "sections", "sections", "section"),
    Reference("structures", "related", "entries", "structure or topic"),
    Reference("structures", "note.sources", "sources", "source"),
    Reference("topics", "sections", "sections", "section"),
    Reference("topics", "structures", "structures", "structure"),
    Reference("topics", "parent", "topics", "topic"),
    Reference("topics", "note.sources", "sources", "source"),
    Reference("topics", "items[].structures", "structures", "structure"),
    Reference("topics", "items[].note.sources", "sources", "source"),
    Reference("pain_patterns", "source_structures", "structures", "structure"),
    Reference("pain_patterns", "skin_areas", "pain_areas", "pain area"),
    Reference("pain_patterns", "sources", "sources", "source"),
    Reference("paths", "structures", "structures", "structure"),
    Reference("paths", "stages[].structure", "structures", "structure", "drop_element"),
    Reference("paths", "pain_patterns", "pain_patterns", "pain pattern"),
    Reference("paths", "pain_areas", "pain_areas", "pain area"),
    Reference("stories", "topic", "topics", "topic", "drop_entry"),
    Reference("stories", "highlight", "structures", "structure"),
    Reference("stories", "dim", "structures", "structure", literals=("rest",)),
    Reference("stories", "conditions", "conditions", "condition shape"),
    Reference("stories", "pain_patterns", "pain_patterns", "pain pattern"),
    Reference("stories", "compare_patterns", "pain_patterns", "pain pattern"),
    Reference("stories", "nerve_path", "paths", "path"),
    Reference("red_flags", "emergency.sources", "sources", "source"),
    Reference("red_flags", "serious.sources", "sources", "source"),
)


# ------------------------------------------------------------------------------- walking a rule
@dataclass
class _Slot:
    """Where one rule's field sits in one entry: ``holder[key]``; ``holder`` is itself held by
    ``parent`` (a dict and its key) or is an element of ``element_of`` (or is the entry)."""

    place: str
    entry_id: str
    holder: dict[str, Any]
    key: str
    element_of: list[Any] | None = None
    parent: tuple[dict[str, Any], str] | None = None


def _slots(node: dict[str, Any], steps: list[str], at: _Slot) -> Iterator[_Slot]:
    step, rest = steps[0], steps[1:]
    if not rest:
        yield _Slot(f"{at.place} {step}", at.entry_id, node, step, at.element_of, at.parent)
    elif step.endswith("[]"):
        elements = node.get(step[:-2])
        if isinstance(elements, list):
            word = _ELEMENT_WORD.get(step[:-2], step[:-2])
            for element in elements:
                if isinstance(element, dict):
                    where = _Slot(
                        f"{at.place} {word} {element.get('id')}", at.entry_id, element, ""
                    )
                    yield from _slots(element, rest, replace(where, element_of=elements))
    elif isinstance(node.get(step), dict):
        where = _Slot(f"{at.place} {step}", at.entry_id, node[step], "", parent=(node, step))
        yield from _slots(node[step], rest, where)


def slots(data: dict[str, Any], rule: Reference) -> Iterator[_Slot]:
    """Every place in ``data`` (the file as plain JSON) where ``rule``'s field sits."""
    table = data.get(rule.table)
    if not isinstance(table, dict):
        return
    if rule.table in BLOCKS:
        at = _Slot(BLOCKS[rule.table], "", table, "")
        yield from _slots(table, rule.field.split("."), at)
        return
    for entry_id, entry in table.items():
        if isinstance(entry, dict):
            at = _Slot(f"{_ENTRY_WORD[rule.table]} {entry_id}", entry_id, entry, "")
            yield from _slots(entry, rule.field.split("."), at)


def _ids_in(value: Any, rule: Reference) -> list[str]:
    values = value if isinstance(value, list) else [] if value is None else [value]
    return [v for v in values if isinstance(v, str) and v not in rule.literals]


def known_ids(data: dict[str, Any]) -> dict[Target, set[str]]:
    """The ids each target stands for, in ``data`` (the file as plain JSON)."""

    def keys(name: str) -> set[str]:
        table = data.get(name)
        return set(table) if isinstance(table, dict) else set()

    structures, topics = keys("structures"), keys("topics")
    sections = data.get("sections")
    return {
        "structures": structures,
        "topics": topics,
        "entries": structures | topics,
        "sections": {
            s["id"] for s in sections if isinstance(s, dict) and isinstance(s.get("id"), str)
        }
        if isinstance(sections, list)
        else set(),
        "sources": keys("sources"),
        "paths": keys("paths"),
        "pain_patterns": keys("pain_patterns"),
        "conditions": set(anatomy_structures.ids("conditions")) & structures,
        "pain_areas": {
            s.id for s in anatomy_structures.STRUCTURES if s.kind == StructureKind.PAIN_AREA
        }
        & structures,
    }


def unresolved(data: dict[str, Any]) -> Iterator[tuple[Reference, _Slot, str]]:
    """Every reference of ``data`` whose id does not exist: (rule, where, the id)."""
    known = known_ids(data)
    for rule in REFERENCES:
        for slot in slots(data, rule):
            for i in _ids_in(slot.holder.get(slot.key), rule):
                if i not in known[rule.target]:
                    yield rule, slot, i


# --------------------------------------------------------------------------------- checking
def model_problems(doc: AnnotationsFile) -> list[Problem]:
    """The rules that are not references: the model's structures, sections, stories, paths."""
    problems: list[Problem] = []
    spec_ids, entry_ids = set(anatomy_structures.BY_ID), set(doc.structures)
    for sid in sorted(spec_ids - entry_ids):
        problems.append(
            Problem(f"structure {sid}", "listed in viewer/anatomy/structures.py but has no entry")
        )
    for sid in sorted(entry_ids - spec_ids):
        problems.append(
            Problem(f"structure {sid}", "has an entry but is not in viewer/anatomy/structures.py")
        )
    for i in sorted(entry_ids & set(doc.topics)):
        problems.append(Problem(f"topic {i}", "the same id is used by a structure"))
    section_ids = Counter(s.id for s in doc.sections)
    for i in sorted(x for x, n in section_ids.items() if n > 1):
        problems.append(Problem(f"section {i}", "section id defined twice"))
    orders = [s.order for s in doc.sections]
    if orders != sorted(set(orders)):
        problems.append(Problem("$.sections", "sections must be listed in increasing 'order'"))
    for sid, s in doc.structures.items():
        spec = anatomy_structures.BY_ID.get(sid)
        if spec is not None and s.group != spec.group:
            problems.append(
                Problem(
                    f"structure {sid}", f"group {s.group!r} but structures.py says {spec.group!r}"
                )
            )
        if spec is not None and s.side != spec.side:
            problems.append(
                Problem(f"structure {sid}", f"side {s.side!r} but structures.py says {spec.side!r}")
            )
    for tid, t in doc.topics.items():
        item_ids = Counter(it.id for it in t.items)
        for i in sorted(x for x, n in item_ids.items() if n > 1):
            problems.append(Problem(f"topic {tid} item {i}", "item id used twice in this list"))
    for pid, p in doc.paths.items():
        for sid in p.structures:
            spec = anatomy_structures.BY_ID.get(sid)
            if spec is not None and spec.side not in (None, p.side):
                problems.append(Problem(f"path {pid}", f"{sid!r} is on the other side"))
    for sid, st in doc.stories.items():
        if st.topic in doc.topics and doc.topics[st.topic].kind != "mechanism":
            problems.append(Problem(f"story {sid}", f"topic {st.topic!r} is not a mechanism"))
    return problems + _pattern_problems(doc)


def _pattern_problems(doc: AnnotationsFile) -> list[Problem]:
    """Pain patterns keep to their side; a story or path shows the skin areas of its patterns."""
    problems: list[Problem] = []
    for pid, pattern in doc.pain_patterns.items():
        place = f"pain_pattern {pid}"
        for sid in [*pattern.source_structures, *pattern.skin_areas]:
            spec = anatomy_structures.BY_ID.get(sid)
            if spec is not None and spec.side not in (None, pattern.side):
                problems.append(Problem(place, f"{sid!r} is on the other side"))
        for r in pattern.body_regions:
            if unsided(r.chart_region) not in chart_regions(r.chart_view):
                problems.append(
                    Problem(place, f"no region {r.chart_region!r} on the {r.chart_view} chart")
                )
                continue
            side = region_side(r.chart_region)
            if side is not None and side != drawn_side(pattern.side, r.chart_view):
                problems.append(
                    Problem(
                        place,
                        f"region {r.chart_region!r} is not the patient's {pattern.side} on the "
                        f"{r.chart_view} chart",
                    )
                )

    def skin_of(pattern_ids: list[str], side: Side) -> set[str]:
        found = [doc.pain_patterns[i] for i in pattern_ids if i in doc.pain_patterns]
        return {a for p in found for a in pattern_on_side(p, side).skin_areas}

    pain_areas = {s.id for s in anatomy_structures.STRUCTURES if s.kind == StructureKind.PAIN_AREA}
    for sid, st in doc.stories.items():
        shown = {c for c in st.conditions if c in pain_areas}
        if shown != skin_of(st.pain_patterns, st.side):
            problems.append(
                Problem(
                    f"story {sid}",
                    f"shows the pain areas {sorted(shown)} but its pain patterns draw "
                    f"{sorted(skin_of(st.pain_patterns, st.side))}",
                )
            )
        for i in sorted(set(st.pain_patterns) & set(st.compare_patterns)):
            problems.append(Problem(f"story {sid}", f"pattern {i!r} is both shown and compared"))
    for pid, path in doc.paths.items():
        if set(path.pain_areas) != skin_of(path.pain_patterns, path.side):
            problems.append(
                Problem(
                    f"path {pid}",
                    f"pain_areas {sorted(path.pain_areas)} are not the skin areas of its "
                    f"pain patterns {sorted(skin_of(path.pain_patterns, path.side))}",
                )
            )
    return problems


def reference_problems(data: dict[str, Any]) -> list[Problem]:
    """A problem for every reference of ``data`` (the file as plain JSON) that does not resolve."""
    return [
        Problem(slot.place, f"unknown {rule.what} id {i!r}") for rule, slot, i in unresolved(data)
    ]


def cross_check(doc: AnnotationsFile) -> list[Problem]:
    """Every id a text or story refers to exists; one entry per structure id, and no others."""
    return model_problems(doc) + reference_problems(doc.model_dump(mode="json"))


# ----------------------------------------------------------------------- what the schema requires
def _field(table: str, steps: list[str]) -> FieldInfo:
    """The schema's field at ``steps`` (``name[]`` steps into a list's elements) of an entry of
    ``table`` (or of the block ``table``)."""
    model: Any = AnnotationsFile.model_fields[table].annotation
    if table not in BLOCKS:
        model = model.__args__[1]  # a table is dict[Id, Entry]
    for n, step in enumerate(steps):
        info = model.model_fields[step.removesuffix("[]")]
        if n == len(steps) - 1:
            return info
        model = next(
            c
            for inner in (info.annotation, *get_args(info.annotation))
            for c in (inner, *get_args(inner))
            if isinstance(c, type) and issubclass(c, BaseModel)
        )
    raise ValueError(f"no field {'.'.join(steps)} in {table}")


def _min_length(info: FieldInfo) -> int:
    return max((m.min_length for m in info.metadata if isinstance(m, MinLen)), default=0)


@cache
def least_items(table: str, field: str) -> int:
    """The fewest elements the schema allows in the list at ``field`` (dotted, as in a
    :class:`Reference`) of an entry of ``table``; 0 for a single id."""
    return _min_length(_field(table, field.split(".")))


@cache
def least_elements(rule: Reference) -> int:
    """For a ``drop_element`` rule: the fewest elements the list holding the element may keep."""
    steps = rule.field.split(".")
    holder = next(n for n in range(len(steps) - 1, -1, -1) if steps[n].endswith("[]"))
    return _min_length(_field(rule.table, steps[: holder + 1]))
