"""The one loader of ``annotations.json``: strict for the checker and the tests, forgiving for the app.

``load_annotations(path=None)`` reads, validates (schema, then every cross-reference against the
structure ids of ``viewer/anatomy/structures.py``) and returns
:class:`~viewer.content.lookups.Annotations`; anything wrong raises
:class:`~viewer.content.problems.ContentError` carrying every problem found, each with its place.
``load_annotations_for_app(path=None)`` opens what it can (:mod:`viewer.content.repair`) and
reports the rest; it never raises for a bad file, only for broken bundled content.
``content_problems(path)`` is what ``--check``, the window and ``--screenshot`` all report.
"""

from __future__ import annotations

from pathlib import Path

from .. import locations
from .lookups import Annotations
from .problems import ContentError, Problem
from .reading import read_json, validate_schema
from .references import cross_check
from .repair import Repair, Unusable


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
def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def _bundled_instead(p: Path, found: list[Problem]) -> tuple[Annotations, list[Problem]]:
    """The bundled content, with what made ``p`` unusable (raises when ``p`` is the bundled
    file itself: nothing is left to fall back on)."""
    bundled = locations.annotations_path()
    if _same_file(p, bundled):
        raise ContentError(found)
    note = Problem(str(p), "could not be used; the bundled content is shown instead")
    return load_annotations(bundled), [*found, note]


def _open_for_app(p: Path) -> tuple[Annotations, list[Problem]]:
    data, problems = read_json(p)
    if data is None:
        return _bundled_instead(p, problems)
    repair = Repair(data, str(p), locations.annotations_path())
    try:
        doc = repair.run()
    except Unusable as exc:
        return _bundled_instead(p, [*repair.problems, *exc.problems])
    return Annotations(doc, p), repair.problems


def load_annotations_for_app(path: str | Path | None = None) -> tuple[Annotations, list[Problem]]:
    """The content the app opens with, and the problems it met on the way (one line each).

    An entry (structure, topic, path or story) that fails the schema is left out; a reference to
    an id that does not exist is dropped, and where that would empty a list that must hold
    something, what holds the list goes; a structure of the model that the file lacks takes its
    bundled entry. Each is reported with its place and what was done. When the file cannot be
    used at all (unreadable, not JSON, over a limit, broken outside the entries), the bundled
    content opens instead. Every step is guarded: only broken bundled content raises
    :class:`ContentError`.
    """
    p = Path(path) if path is not None else locations.annotations_path()
    try:
        return _open_for_app(p)
    except ContentError:
        raise
    except Exception as exc:  # a fault no rule foresaw must still not stop the app
        return _bundled_instead(p, [Problem(str(p), f"could not be read ({exc!r})")])


def content_problems(path: str | Path | None = None) -> list[Problem]:
    """The problems of an annotations file, exactly as the app reports them when it opens the
    file (``--check``, the window and ``--screenshot`` say the same)."""
    try:
        return load_annotations_for_app(path)[1]
    except ContentError as exc:
        return exc.problems
