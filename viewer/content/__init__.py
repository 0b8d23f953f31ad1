"""The teaching content: ``annotations.json``, its schema, its one loader and its checker.

``from viewer.content import load_annotations, ContentError``. The schema's fields are documented in
:mod:`viewer.content.schema`; the reference rules in :mod:`viewer.content.references`; the lookups
in :mod:`viewer.content.lookups`; ``python -m viewer --check`` runs
:func:`viewer.content.check.main`.
"""

from __future__ import annotations

from .loader import load_annotations, load_annotations_for_app
from .lookups import Annotations, SectionEntries
from .problems import ContentError, Problem
from .schema import SCHEMA_VERSION

__all__ = [
    "Annotations",
    "ContentError",
    "Problem",
    "SCHEMA_VERSION",
    "SectionEntries",
    "load_annotations",
    "load_annotations_for_app",
]
