"""The one loader of ``annotations.json``, its problems, and the lookups the app needs.

``load_annotations(path=None)`` reads, validates (schema, then every cross-reference against the
structure ids of ``viewer/anatomy/structures.py``) and returns :class:`Annotations`; anything wrong
raises :class:`ContentError` carrying every :class:`Problem` found, each with its place.

:class:`Annotations` gives ``title``, ``disclaimer``, ``article``, ``sources``, ``sections`` (in
article order), the dicts ``structures``, ``topics``, ``paths`` and ``stories`` (id -> entry, each
entry with ``.id``), and the lookups ``structure(id)``, ``topic(id)``, ``story(id)``,
``path(id)``, ``section(id)``, ``entry(id)`` (a structure or a topic), ``display_name(id)``,
``search(query)`` (ids, best match first), ``topics_for(structure_id)``,
``story_for_topic(topic_id)``, ``story_on_side(story_id, side)`` (the story mirrored),
``children(topic_id)`` and ``tour()`` (sections in order with the entries that draw on each).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .. import locations
from ..anatomy import structures as anatomy_structures
from .schema import AnnotationsFile, NervePath, Section, Story, Structure, Topic


@dataclass(frozen=True)
class Problem:
    """One thing wrong, and where: ``file:line:col``, a JSON path, or an id."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class ContentError(Exception):
    """The annotations could not be loaded; ``.problems`` lists every reason with its place."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the annotations:\n{lines}")


# ------------------------------------------------------------------------------------ reading
def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def read_json(path: Path) -> tuple[dict | None, list[Problem]]:
    """The parsed file, or the problems that stop it parsing (with line and column)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        return None, [Problem(str(path), f"cannot read the file ({exc.strerror or exc})")]
    except UnicodeDecodeError as exc:
        return None, [Problem(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        return None, [Problem(f"{path}:{exc.lineno}:{exc.colno}", f"JSON syntax error: {exc.msg}")]
    except _DuplicateKey as exc:
        line = _line_of_key(text, exc.key)
        return None, [
            Problem(
                f"{path}:{line}" if line else str(path),
                f"the key {exc.key!r} appears twice in one object",
            )
        ]
    if not isinstance(data, dict):
        return None, [Problem(f"{path}:1:1", "the file must hold one JSON object")]
    return data, []


def _line_of_key(text: str, key: str) -> int | None:
    needle = json.dumps(key) + ":"
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line.replace('" :', '":')]
    return hits[-1] if len(hits) > 1 else None


def json_path(loc: tuple) -> str:
    """A pydantic error location as a JSON path: ``$.structures.l5_vertebra.colour``."""
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def validate_schema(data: dict) -> tuple[AnnotationsFile | None, list[Problem]]:
    try:
        return AnnotationsFile.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            # drop pydantic's internal union/tag step names so the path is the file's own path
            loc = tuple(
                p
                for p in err["loc"]
                if not (
                    isinstance(p, str)
                    and (p.startswith(("function-", "literal[", "list[", "tuple[")) or p == "str")
                )
            )
            problems.append(Problem(json_path(loc), err["msg"]))
        return None, problems


# ---------------------------------------------------------------------- cross-reference checks
def cross_check(doc: AnnotationsFile) -> list[Problem]:
    """Every id a text or story refers to exists; one entry per structure id, and no others."""
    problems: list[Problem] = []
    spec_ids = set(anatomy_structures.BY_ID)
    entry_ids = set(doc.structures)
    topic_ids = set(doc.topics)
    section_ids = [s.id for s in doc.sections]
    known_sections = set(section_ids)
    source_ids = set(doc.sources)

    def need(ids, known, place, what):
        for i in ids:
            if i not in known:
                problems.append(Problem(place, f"unknown {what} id {i!r}"))

    def need_note(note, place):
        if note is not None:
            need(note.sources, source_ids, f"{place}.note", "source")

    for sid in sorted(spec_ids - entry_ids):
        problems.append(
            Problem(f"structure {sid}", "listed in viewer/anatomy/structures.py but has no entry")
        )
    for sid in sorted(entry_ids - spec_ids):
        problems.append(
            Problem(f"structure {sid}", "has an entry but is not in viewer/anatomy/structures.py")
        )
    both = entry_ids & topic_ids
    for i in sorted(both):
        problems.append(Problem(f"topic {i}", "the same id is used by a structure"))
    for i in sorted({x for x in section_ids if section_ids.count(x) > 1}):
        problems.append(Problem(f"section {i}", "section id defined twice"))
    orders = [s.order for s in doc.sections]
    if orders != sorted(set(orders)):
        problems.append(Problem("$.sections", "sections must be listed in increasing 'order'"))

    for sid, s in doc.structures.items():
        place = f"structure {sid}"
        spec = anatomy_structures.BY_ID.get(sid)
        if spec is not None:
            if s.group != spec.group:
                problems.append(
                    Problem(place, f"group {s.group!r} but structures.py says {spec.group!r}")
                )
            if s.side != spec.side:
                problems.append(
                    Problem(place, f"side {s.side!r} but structures.py says {spec.side!r}")
                )
        need(s.sections, known_sections, place, "section")
        need(s.related, entry_ids | topic_ids, f"{place} related", "structure or topic")
        need_note(s.note, place)

    for tid, t in doc.topics.items():
        place = f"topic {tid}"
        need(t.sections, known_sections, place, "section")
        need(t.structures, entry_ids, place, "structure")
        if t.parent is not None:
            need([t.parent], topic_ids, f"{place} parent", "topic")
        need_note(t.note, place)
        item_ids = [it.id for it in t.items]
        for i in sorted({x for x in item_ids if item_ids.count(x) > 1}):
            problems.append(Problem(f"{place} item {i}", "item id used twice in this list"))
        for it in t.items:
            need(it.structures, entry_ids, f"{place} item {it.id}", "structure")
            need_note(it.note, f"{place} item {it.id}")

    conditions = set(anatomy_structures.ids("conditions"))
    for pid, p in doc.paths.items():
        place = f"path {pid}"
        need(p.structures, entry_ids, place, "structure")
        need([st.structure for st in p.stages], entry_ids, f"{place} stages", "structure")
        need(p.pain_areas, conditions, f"{place} pain_areas", "condition shape")
        for sid in p.structures:
            spec = anatomy_structures.BY_ID.get(sid)
            if spec is not None and spec.side not in (None, p.side):
                problems.append(Problem(place, f"{sid!r} is on the other side"))

    for sid, st in doc.stories.items():
        place = f"story {sid}"
        need([st.topic], topic_ids, place, "topic")
        if st.topic in doc.topics and doc.topics[st.topic].kind != "mechanism":
            problems.append(Problem(place, f"topic {st.topic!r} is not a mechanism"))
        need(st.highlight, entry_ids, f"{place} highlight", "structure")
        if st.dim != "rest":
            need(st.dim, entry_ids, f"{place} dim", "structure")
        need(st.conditions, conditions, f"{place} conditions", "condition shape")
        if st.nerve_path is not None:
            need([st.nerve_path], set(doc.paths), f"{place} nerve_path", "path")
    return problems


# ----------------------------------------------------------------------------- the loaded content
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
        self.article = doc.article
        self.sources = doc.sources
        self.sections: list[Section] = sorted(doc.sections, key=lambda s: s.order)
        self.structures: dict[str, Structure] = dict(doc.structures)
        self.topics: dict[str, Topic] = dict(doc.topics)
        self.paths: dict[str, NervePath] = dict(doc.paths)
        self.stories: dict[str, Story] = dict(doc.stories)
        self._index = self._build_index()

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
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def entry(self, entry_id: str) -> Structure | Topic:
        """A structure or a topic by id."""
        if entry_id in self.structures:
            return self.structures[entry_id]
        return self.topics[entry_id]

    def display_name(self, entry_id: str) -> str:
        e = self.entry(entry_id)
        return e.name if isinstance(e, Structure) else e.title

    def topics_for(self, structure_id: str) -> list[Topic]:
        """The topics that involve a structure (its own items' structures count too)."""
        return [
            t
            for t in self.topics.values()
            if structure_id in t.structures or any(structure_id in it.structures for it in t.items)
        ]

    def story_for_topic(self, topic_id: str) -> Story | None:
        return next((s for s in self.stories.values() if s.topic == topic_id), None)

    def story_on_side(self, story_id: str, side: str) -> Story:
        """The story told on ``side``: every sided id (structures, shapes, path) mirrored."""
        story = self.stories[story_id]
        if side == story.side:
            return story

        def flip(ids):
            return [anatomy_structures.mirror_id(i) or i for i in ids]

        flipped = story.model_copy(
            update={
                "side": side,
                "highlight": flip(story.highlight),
                "dim": story.dim if story.dim == "rest" else flip(story.dim),
                "conditions": flip(story.conditions),
                "nerve_path": (anatomy_structures.mirror_id(story.nerve_path) or story.nerve_path)
                if story.nerve_path
                else None,
            }
        )
        flipped._id = story.id
        return flipped

    def children(self, topic_id: str) -> list[Topic]:
        return [t for t in self.topics.values() if t.parent == topic_id]

    def tour(self) -> list[SectionEntries]:
        """The article's sections in order, each with the entries that draw on it."""
        return [
            SectionEntries(
                s,
                [i for i, e in self.structures.items() if s.id in e.sections],
                [i for i, t in self.topics.items() if s.id in t.sections],
            )
            for s in self.sections
        ]

    # search -------------------------------------------------------------------------------
    def _build_index(self) -> list[tuple[str, str, bool]]:
        """(lower-case term, entry id, is the display name) for names, synonyms and item names."""
        index: list[tuple[str, str, bool]] = []
        for sid, s in self.structures.items():
            index.append((s.name.lower(), sid, True))
            for term in (sid.replace("_", " "), *s.other_names):
                index.append((term.lower(), sid, False))
        for tid, t in self.topics.items():
            index.append((t.title.lower(), tid, True))
            for term in (tid.replace("_", " "), *t.other_names, *(it.name for it in t.items)):
                index.append((term.lower(), tid, False))
        return index

    def search(self, query: str) -> list[str]:
        """Ids of structures and topics whose names match ``query`` (case-insensitive).

        Best first: the display name starts with the query; another name starts with it; a word
        of a name starts with it; the query is inside a name. Ties keep the file's order.
        """
        q = " ".join(query.lower().split())
        if not q:
            return []
        ranks: dict[str, int] = {}
        for term, eid, is_name in self._index:
            if term.startswith(q):
                rank = 0 if is_name else 1
            elif any(w.startswith(q) for w in term.replace("-", " ").replace("(", " ").split()):
                rank = 2
            elif q in term:
                rank = 3
            else:
                continue
            ranks[eid] = min(rank, ranks.get(eid, rank))
        order = {eid: n for n, eid in enumerate([*self.structures, *self.topics])}
        return sorted(ranks, key=lambda e: (ranks[e], order[e]))


def parse(path: Path) -> tuple[Annotations | None, list[Problem]]:
    """Read, validate and cross-check; the Annotations, or None and the problems."""
    data, problems = read_json(path)
    if data is None:
        return None, problems
    doc, problems = validate_schema(data)
    if doc is None:
        return None, [Problem(f"{path} {p.place}", p.message) for p in problems]
    problems = cross_check(doc)
    if problems:
        return None, [Problem(f"{path} {p.place}", p.message) for p in problems]
    return Annotations(doc, path), []


def load_annotations(path: str | Path | None = None) -> Annotations:
    """The annotations from ``path`` (default: the bundled ``annotations.json``).

    Raises :class:`ContentError` listing every problem when the file is missing, malformed or
    refers to an id that does not exist.
    """
    p = Path(path) if path is not None else locations.annotations_path()
    annotations, problems = parse(p)
    if annotations is None:
        raise ContentError(problems)
    return annotations


_TABLES = {"structure": "structures", "topic": "topics", "path": "paths", "story": "stories"}


def _entry_of(place: str, loc: tuple | None = None) -> tuple[str, str] | None:
    """The (table, id) of the entry a problem lies in, when it lies in one entry."""
    if loc is not None:
        if len(loc) > 1 and loc[0] in _TABLES.values():
            return str(loc[0]), str(loc[1])
        return None
    kind, _, rest = place.partition(" ")
    if kind in _TABLES and rest:
        return _TABLES[kind], rest.split(" ")[0]
    return None


def _prune_references(data: dict) -> None:
    """Drop every reference to an id the file does not define (in place), so one bad id costs
    one link, not the entry that holds it."""
    structures, topics = set(data["structures"]), set(data["topics"])
    sections = {sec.get("id") for sec in data.get("sections", []) if isinstance(sec, dict)}
    sources, paths_ = set(data.get("sources", {})), set(data.get("paths", {}))
    conditions = set(anatomy_structures.ids("conditions"))

    def keep(entry: dict, key: str, known: set) -> None:
        if isinstance(entry.get(key), list):
            entry[key] = [i for i in entry[key] if i in known]

    def note(entry: dict) -> None:
        if isinstance(entry.get("note"), dict):
            keep(entry["note"], "sources", sources)

    for e in data["structures"].values():
        keep(e, "sections", sections), keep(e, "related", structures | topics), note(e)
    for e in data["topics"].values():
        keep(e, "sections", sections), keep(e, "structures", structures), note(e)
        if e.get("parent") is not None and e["parent"] not in topics:
            e["parent"] = None
        for item in e.get("items", []):
            keep(item, "structures", structures), note(item)
    for e in data["paths"].values():
        keep(e, "structures", structures), keep(e, "pain_areas", conditions)
        e["stages"] = [st for st in e.get("stages", []) if st.get("structure") in structures]
    for sid in [k for k, e in data["stories"].items() if e.get("topic") not in topics]:
        del data["stories"][sid]
    for e in data["stories"].values():
        keep(e, "highlight", structures), keep(e, "dim", structures)
        keep(e, "conditions", conditions)
        if e.get("nerve_path") is not None and e["nerve_path"] not in paths_:
            e["nerve_path"] = None


def load_annotations_for_app(path: str | Path | None = None) -> tuple[Annotations, list[Problem]]:
    """The content the app opens with, and the problems it met on the way.

    An entry (structure, topic, path or story) that fails the schema is left out; a reference to
    an id that does not exist is dropped; a structure of the model that the file lacks takes its
    bundled entry. Each is reported with its place. When the file cannot be used at all
    (unreadable, not JSON, broken outside the entries), the bundled content opens instead. Only
    broken bundled content raises :class:`ContentError`.
    """
    bundled = locations.annotations_path()
    p = Path(path) if path is not None else bundled
    annotations, problems = parse(p)
    if annotations is not None:
        return annotations, []

    def fallback(found: list[Problem]) -> tuple[Annotations, list[Problem]]:
        if p == bundled:
            raise ContentError(found)
        note = Problem(str(p), "could not be used; the bundled content is shown instead")
        return load_annotations(bundled), [*found, note]

    data, read_problems = read_json(p)
    if data is None or not all(isinstance(data.get(t), dict) for t in _TABLES.values()):
        return fallback(read_problems or [Problem(str(p), "not an annotations file")])
    reported = list(problems)  # parse() already names the file
    base = json.loads(bundled.read_text(encoding="utf-8-sig"))
    for _ in range(10):
        try:
            doc = AnnotationsFile.model_validate(data)
        except ValidationError as exc:
            bad = {_entry_of("", tuple(e["loc"])) for e in exc.errors(include_url=False)}
            if None in bad:
                return fallback(reported)
            for table, eid in bad:
                data[table].pop(eid, None)
            continue
        found = cross_check(doc)
        if not found:
            return Annotations(doc, p), reported
        reported += [
            Problem(f"{p} {q.place}", q.message)
            for q in found
            if Problem(f"{p} {q.place}", q.message) not in reported
        ]
        for sid in set(anatomy_structures.BY_ID) - set(data["structures"]):
            data["structures"][sid] = base["structures"][sid]
        for sid in set(data["structures"]) - set(anatomy_structures.BY_ID):
            del data["structures"][sid]
        _prune_references(data)
        remaining = cross_check(AnnotationsFile.model_validate(data))
        bad = {_entry_of(q.place) for q in remaining}
        if None in bad:
            return fallback(reported)
        for table, eid in bad:
            data[table].pop(eid, None)
    return fallback(reported)
