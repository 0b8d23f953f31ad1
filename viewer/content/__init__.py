"""The teaching content: ``annotations.json``, its schema, its one loader and its checker.

``from viewer.content import load_annotations, ContentError``. The schema's fields are documented in
:mod:`viewer.content.schema` and its limits in :mod:`viewer.content.limits`; the reference rules
in :mod:`viewer.content.references`; what the app does with a damaged file in
:mod:`viewer.content.repair`; the lookups in :mod:`viewer.content.lookups` and search in
:mod:`viewer.content.search`; ``python -m viewer --check`` runs :func:`viewer.content.check.main`.

``load_annotations_for_app(path)`` gives the content the app opens and its problems, each one line
(``str(problem)``); ``content_problems(path)`` gives the same problems alone (what ``--check``
prints); ``one_line(text)`` makes any message one printable line.
"""

from __future__ import annotations

from .loader import content_problems, load_annotations, load_annotations_for_app
from .lookups import Annotations, SectionEntries
from .problems import ContentError, Problem, one_line
from .schema import SCHEMA_VERSION
from .search import SearchHit

__all__ = [
    "Annotations",
    "ContentError",
    "Problem",
    "SCHEMA_VERSION",
    "SearchHit",
    "SectionEntries",
    "content_problems",
    "load_annotations",
    "load_annotations_for_app",
    "one_line",
]
