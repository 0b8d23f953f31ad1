"""The versioned schema of ``annotations.json`` (pydantic v2).

The file is one JSON object. Version 2 has these fields (every text is written for this project,
conveying the source article's facts in new words). Texts come in two voices: ``student`` and
``patient`` (plain words, jargon explained in brackets at first use); names shown to patients
have a ``patient_name`` (or ``patient_title``).

``schema_version``
    The integer ``2``.
``title``, ``disclaimer``
    The app's teaching title; the disclaimer (the viewer teaches, it does not diagnose), shown
    with the red flags on every patient-facing view.
``red_flags``
    A RedFlags block: when to seek help. ``title`` (Voiced), ``emergency`` and ``serious`` (each a
    WarningGroup: ``title``, ``action`` (Voiced: what to do), ``signs`` (each ``{"id",
    "student", "patient"}``) and ``sources``).
``article``
    The source article: ``title`` and ``file`` (its name under ``shared/article``).
``sources``
    ``{source_id: {"citation": str, "url": str | null}}``: full citations that notes cite.
``sections``
    The article's sections in reading order, a list of ``{"id", "title", "order", "heading"}``;
    ``title`` is the article's own heading where ``heading`` is true, otherwise a name given
    here to an unheaded block of the article (the guided tour follows ``order``).
``structures``
    ``{structure_id: Structure}``, one entry for every id in ``viewer/anatomy/structures.py``.
    A Structure has ``name``, ``patient_name``, ``other_names`` (searched), ``group`` and
    ``side`` (as in structures.py), ``colour`` (``#rrggbb``), ``student``, ``patient``,
    ``sections`` (article section ids), ``related`` (structure or topic ids), ``anchor`` (label
    point in model mm, or null), ``note`` (null, or a Note) and ``patient_facing`` (its view
    shows the red flags).
``topics``
    ``{topic_id: Topic}``: what is not a structure. ``title``, ``patient_title``, ``kind`` (see
    ``TopicKind``), ``parent`` (a topic id or null), ``other_names``, ``sections``,
    ``structures`` (what to highlight), ``student``, ``patient``, ``items`` (Items: the
    article's lists), ``note`` and ``patient_facing``.
``Item``
    ``{"id", "name", "patient_name", "student", "patient" (or null), "structures", "note"}``.
``Note``
    ``{"text", "sources"}``: a correction or caution; ``sources`` are ids of ``sources``.
``pain_patterns``
    ``{pattern_id: PainPattern}``: where a kind of pain (or numbness) is felt, told for the left
    side (``side``; the lookups mirror it). ``name``, ``patient_name``, ``kind``
    (``PainPatternKind``: radicular pain, dermatome or somatic referred pain), ``source_structures``
    (where it comes from), ``student``, ``patient``, ``skin_areas`` (pain-area structure ids
    drawn on the 3D skin), ``body_regions`` (body-chart regions, each ``{"name", "chart_region",
    "chart_view", "frequency", "student", "patient"}``: ``chart_region`` is an ``anatomapa``
    region id for ``chart_view``; anatomapa names sides as drawn, so on the posterior chart the
    patient's left is ``*_left`` and on the anterior chart it is ``*_right``) and ``sources``.
``paths``
    ``{path_id: NervePath}`` (``s1_left``, ``s1_right``): ``side``, ``structures`` (ordered
    structure ids along the route, proximal to distal), ``stages`` (each ``{"id", "name",
    "patient_name", "structure", "student", "patient"}``), ``pain_patterns`` (pattern ids) and
    ``pain_areas`` (the skin areas of those patterns on this side). ``body_regions`` is not
    in the file: the lookups give the path its patterns' regions on its side.
``stories``
    ``{story_id: Story}``, one per mechanism: ``title``, ``patient_title``, ``topic`` (the
    mechanism topic id), ``side`` (``"left"`` default), ``highlight``, ``dim`` (ids or
    ``"rest"``), ``conditions`` (ids from the ``conditions`` group: the condition shapes and the
    skin areas of its pain patterns), ``pain_patterns`` (the patterns that belong to it),
    ``compare_patterns`` (patterns shown for contrast only), ``camera`` (a Camera), ``caption``
    (Voiced) and ``nerve_path`` (a path id to light, or null).
``Camera``
    Either ``view`` (one of ``viewer.vocabulary.VIEW_NAMES``) or all of ``position``,
    ``focal_point`` and ``view_up`` (model mm); plus an optional ``zoom`` factor.

Cross-references (ids that must exist, one entry per structure id) are checked by
:mod:`viewer.content.references` (one table of rules), not by the schema, so that each problem
can name its id.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from ..vocabulary import ChartView, Group, Side, ViewName

SCHEMA_VERSION = 2

Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=1)]
Text = Annotated[str, Field(min_length=1)]
Point = tuple[float, float, float]
TopicKind = Literal[
    "overview",
    "anatomy",
    "mechanism",
    "diagnosis",
    "risk_factors",
    "treatment",
    "procedure",
    "prevention",
    "outlook",
    "summary",
]
#: radicular pain (an irritated root: shooting, band-like, along the leg); a dermatome (the skin a
#: root supplies: where its numbness is felt); somatic referred pain (deep, diffuse pain from a
#: joint or muscle felt away from it) (Bogduk, Pain 2009;147:17-19)
PainPatternKind = Literal["radicular_pain", "dermatome", "somatic_referred_pain"]
#: how often a region is part of a pattern: usually, or in some people only
Frequency = Literal["usual", "sometimes"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Keyed(_Model):
    """An entry stored under its id as the key of a JSON object; ``.id`` gives the key back."""

    _id: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        return self._id


class Voiced(_Model):
    """One text in both voices."""

    student: Text
    patient: Text


class Note(_Model):
    text: Text
    sources: list[Id] = Field(min_length=1)


class Source(_Model):
    citation: Text
    url: str | None = None


class ArticleInfo(_Model):
    title: Text
    file: Text


class Section(_Model):
    id: Id
    title: Text
    order: int
    heading: bool


class WarningSign(_Model):
    id: Id
    student: Text
    patient: Text


class WarningGroup(_Model):
    title: Voiced
    action: Voiced
    signs: list[WarningSign] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


class RedFlags(_Model):
    """When to seek help: emergency signs (cauda equina syndrome) and other serious signs."""

    title: Voiced
    emergency: WarningGroup
    serious: WarningGroup


class Structure(_Keyed):
    name: Text
    patient_name: Text
    other_names: list[Text] = []
    group: Group
    side: Side | None
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
    student: Text
    patient: Text
    sections: list[Id] = []
    related: list[Id] = []
    anchor: Point | None = None
    note: Note | None = None
    patient_facing: bool = False


class Item(_Model):
    id: Id
    name: Text
    patient_name: Text
    student: Text
    patient: Text | None = None
    structures: list[Id] = []
    note: Note | None = None


class Topic(_Keyed):
    title: Text
    patient_title: Text
    kind: TopicKind
    parent: Id | None = None
    other_names: list[Text] = []
    sections: list[Id] = Field(min_length=1)
    structures: list[Id] = []
    student: Text
    patient: Text
    items: list[Item] = []
    note: Note | None = None
    patient_facing: bool = False


class Stage(_Model):
    id: Id
    name: Text
    patient_name: Text
    structure: Id
    student: Text
    patient: Text


class BodyRegion(_Model):
    name: Text
    chart_region: Id
    chart_view: ChartView
    frequency: Frequency = "usual"
    student: Text
    patient: Text


class PainPattern(_Keyed):
    name: Text
    patient_name: Text
    kind: PainPatternKind
    side: Side = "left"
    source_structures: list[Id] = Field(min_length=1)
    student: Text
    patient: Text
    skin_areas: list[Id] = []
    body_regions: list[BodyRegion] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


class NervePath(_Keyed):
    side: Side
    structures: list[Id] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    pain_patterns: list[Id] = Field(min_length=1)
    pain_areas: list[Id] = []
    _body_regions: list[BodyRegion] = PrivateAttr(default_factory=list)

    @property
    def body_regions(self) -> list[BodyRegion]:
        """The body-chart regions of this path's pain patterns, on its side (given by
        :class:`viewer.content.Annotations`; empty on a bare validated file)."""
        return self._body_regions


class Camera(_Model):
    view: ViewName | None = None
    position: Point | None = None
    focal_point: Point | None = None
    view_up: Point | None = None
    zoom: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _named_or_explicit(self) -> Camera:
        explicit = [self.position, self.focal_point, self.view_up]
        if self.view is None and any(v is None for v in explicit):
            raise ValueError("give either 'view' or all of 'position', 'focal_point', 'view_up'")
        if self.view is not None and any(v is not None for v in explicit):
            raise ValueError("give 'view' or an explicit position, not both")
        return self


#: a story's caption in both voices (the name kept for the app's readers)
Caption = Voiced


class Story(_Keyed):
    title: Text
    patient_title: Text
    topic: Id
    side: Side = "left"
    highlight: list[Id] = Field(min_length=1)
    dim: list[Id] | Literal["rest"] = "rest"
    conditions: list[Id] = []
    pain_patterns: list[Id] = Field(min_length=1)
    compare_patterns: list[Id] = []
    camera: Camera
    caption: Voiced
    nerve_path: Id | None = None


class AnnotationsFile(_Model):
    """The whole file, as validated; :class:`viewer.content.Annotations` wraps it with lookups."""

    schema_version: Literal[2]
    title: Text
    disclaimer: Text
    red_flags: RedFlags
    article: ArticleInfo
    sources: dict[Id, Source]
    sections: list[Section] = Field(min_length=1)
    structures: dict[Id, Structure]
    topics: dict[Id, Topic]
    pain_patterns: dict[Id, PainPattern]
    paths: dict[Id, NervePath]
    stories: dict[Id, Story]

    @model_validator(mode="after")
    def _give_ids(self) -> AnnotationsFile:
        tables: list[dict[str, Any]] = [
            self.structures,
            self.topics,
            self.pain_patterns,
            self.paths,
            self.stories,
        ]
        for table in tables:
            for key, entry in table.items():
                entry._id = key
        return self


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``annotations.json`` (exported to ``annotations.schema.json``)."""
    schema = AnnotationsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "L5-S1 viewer annotations"
    schema["description"] = f"annotations.json, schema version {SCHEMA_VERSION}"
    return schema


#: The exported JSON Schema, kept next to this module (a test checks it is up to date).
SCHEMA_FILE = Path(__file__).with_name("annotations.schema.json")


def write_json_schema(path: Path = SCHEMA_FILE) -> None:
    """Export :func:`json_schema`. Refresh after a schema change with
    ``python -c "from viewer.content.schema import write_json_schema; write_json_schema()"``."""
    path.write_text(json.dumps(json_schema(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
