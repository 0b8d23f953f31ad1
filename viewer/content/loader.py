"""The one loader of ``annotations.json``: strict for the checker and the tests, forgiving for the app.

``load_annotations(path=None)`` reads, validates (schema, then every cross-reference against the
structure ids of ``viewer/anatomy/structures.py``) and returns
:class:`~viewer.content.lookups.Annotations`; anything wrong raises
:class:`~viewer.content.problems.ContentError` carrying every problem found, each with its place.
``load_annotations_for_app(path=None)`` opens what it can and reports the rest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import locations
from ..anatomy import structures as anatomy_structures
from .lookups import Annotations
from .problems import ContentError, Problem
from .reading import read_json, schema_error_locations, validate_schema
from .references import TABLES, cross_check, prune_references
from .schema import AnnotationsFile


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


# ---------------------------------------------------------------------- the forgiving loader
def _entry_at(loc: tuple[int | str, ...]) -> tuple[str, str] | None:
    """The (table, id) of the entry a schema error lies in, when it lies in one entry."""
    if len(loc) > 1 and loc[0] in TABLES.values():
        return str(loc[0]), str(loc[1])
    return None


def _entry_named(place: str) -> tuple[str, str] | None:
    """The (table, id) of the entry a cross-check problem names (``"story x ..."``), if any."""
    word, _, rest = place.partition(" ")
    if word in TABLES and rest:
        return TABLES[word], rest.split(" ")[0]
    return None


def _valid_after_dropping_bad_entries(data: dict[str, Any]) -> AnnotationsFile | None:
    """The document once every entry that fails the schema is left out (``data`` changes in
    place), or None when an error lies outside the entries."""
    for _ in range(10):
        try:
            return AnnotationsFile.model_validate(data)
        except ValidationError as exc:
            bad = {_entry_at(loc) for loc, _ in schema_error_locations(exc)}
            if None in bad:
                return None
            for entry in bad:
                if entry is not None:
                    data[entry[0]].pop(entry[1], None)
    return None


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
    if data is None or not all(isinstance(data.get(t), dict) for t in TABLES.values()):
        return fallback(read_problems or [Problem(str(p), "not an annotations file")])
    reported = list(problems)  # parse() already names the file
    base = json.loads(bundled.read_text(encoding="utf-8-sig"))
    for _ in range(10):
        doc = _valid_after_dropping_bad_entries(data)
        if doc is None:
            return fallback(reported)
        found = cross_check(doc)
        if not found:
            return Annotations(doc, p), reported
        for q in found:
            named = Problem(f"{p} {q.place}", q.message)
            if named not in reported:
                reported.append(named)
        for sid in set(anatomy_structures.BY_ID) - set(data["structures"]):
            data["structures"][sid] = base["structures"][sid]
        for sid in set(data["structures"]) - set(anatomy_structures.BY_ID):
            del data["structures"][sid]
        prune_references(data)
        doc = _valid_after_dropping_bad_entries(data)
        if doc is None:
            return fallback(reported)
        bad = {_entry_named(q.place) for q in cross_check(doc)}
        if None in bad:
            return fallback(reported)
        for entry in bad:
            if entry is not None:
                data[entry[0]].pop(entry[1], None)
    return fallback(reported)
