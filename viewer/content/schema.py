"""The versioned schema of ``annotations.json`` (pydantic v2).

The file is one JSON object. Version 1 has these fields (every text is written for this project,
conveying the source article's facts in new words):

``schema_version``
    The integer ``1``.
``title``
    The app's teaching title.
``disclaimer``
    Shown in the app: the viewer teaches, it does not diagnose.
``article``
    The source article: ``title`` and ``file`` (its name under ``shared/article``).
``sources``
    ``{source_id: {"citation": str, "url": str | null}}``: the references that notes cite.
``sections``
    The article's sections in reading order, a list of ``{"id", "title", "order", "heading"}``;
    ``title`` is the article's own heading where ``heading`` is true, otherwise a name given
    here to an unheaded block of the article (the guided tour follows ``order``).
``structures``
    ``{structure_id: Structure}``, one entry for every id in ``viewer/anatomy/structures.py``
    (the key is the id). A Structure has ``name`` (display name), ``other_names`` (Latin names,
    abbreviations, lay words: searched), ``group`` and ``side`` (as in structures.py),
    ``colour`` (``#rrggbb``), ``student`` (description for students), ``patient`` (plain
    language), ``sections`` (article section ids it draws on), ``related`` (structure or topic
    ids), ``anchor`` (label point ``[x, y, z]`` in model mm, or null: the renderer then uses the
    mesh) and ``note`` (null, or a Note where the article is loose or wrong).
``topics``
    ``{topic_id: Topic}``: what is not a structure (overview, the five mechanisms, diagnosis
    steps, risk factors, each treatment and procedure, prevention, outlook, summary). A Topic has
    ``title``, ``kind`` (see ``TopicKind``), ``parent`` (a topic id or null, for a tree),
    ``other_names``, ``sections``, ``structures`` (the structures involved: what to highlight),
    ``student``, ``patient``, ``items`` (a list of Items for the article's lists: imaging
    findings, risk factors, prevention steps, ...) and ``note``.
``Item``
    ``{"id", "name", "student", "patient" (or null), "structures", "note"}``: one list entry
    with its own text (so a quiz can use it).
``Note``
    ``{"text", "sources"}``: a short correction or caution; ``sources`` are ids of ``sources``.
``paths``
    ``{path_id: NervePath}`` (``s1_left``, ``s1_right``): ``side``, ``structures`` (ordered
    structure ids along the route, proximal to distal), ``stages`` (named stages of the route,
    each ``{"id", "name", "structure", "student", "patient"}``), ``pain_areas`` (skin pain-area
    structure ids) and ``body_regions`` (where S1 symptoms are felt, each
    ``{"name", "chart_region", "chart_view", "student", "patient"}``: ``chart_region`` is an
    ``anatomapa`` region id for ``chart_view``; anatomapa names sides as drawn, so on the
    posterior chart the patient's left is ``*_left`` and on the anterior chart it is
    ``*_right``).
``stories``
    ``{story_id: Story}``, one per mechanism: ``title``, ``topic`` (the mechanism topic id),
    ``side`` (``"left"`` default), ``highlight`` (structure ids), ``dim`` (structure ids or
    ``"rest"``: everything not highlighted), ``conditions`` (ids from the ``conditions`` group),
    ``camera`` (a Camera), ``caption`` (``{"student", "patient"}``) and ``nerve_path`` (a path
    id to light, or null).
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
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from ..vocabulary import ChartView, Group, Side, ViewName

SCHEMA_VERSION = 1

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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Keyed(_Model):
    """An entry stored under its id as the key of a JSON object; ``.id`` gives the key back."""

    _id: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        return self._id


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


class Structure(_Keyed):
    name: Text
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


class Item(_Model):
    id: Id
    name: Text
    student: Text
    patient: Text | None = None
    structures: list[Id] = []
    note: Note | None = None


class Topic(_Keyed):
    title: Text
    kind: TopicKind
    parent: Id | None = None
    other_names: list[Text] = []
    sections: list[Id] = Field(min_length=1)
    structures: list[Id] = []
    student: Text
    patient: Text
    items: list[Item] = []
    note: Note | None = None


class Stage(_Model):
    id: Id
    name: Text
    structure: Id
    student: Text
    patient: Text


class BodyRegion(_Model):
    name: Text
    chart_region: Id
    chart_view: ChartView
    student: Text
    patient: Text


class NervePath(_Keyed):
    side: Side
    structures: list[Id] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    pain_areas: list[Id] = []
    body_regions: list[BodyRegion] = Field(min_length=1)


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


class Caption(_Model):
    student: Text
    patient: Text


class Story(_Keyed):
    title: Text
    topic: Id
    side: Side = "left"
    highlight: list[Id] = Field(min_length=1)
    dim: list[Id] | Literal["rest"] = "rest"
    conditions: list[Id] = []
    camera: Camera
    caption: Caption
    nerve_path: Id | None = None


class AnnotationsFile(_Model):
    """The whole file, as validated; :class:`viewer.content.Annotations` wraps it with lookups."""

    schema_version: Literal[1]
    title: Text
    disclaimer: Text
    article: ArticleInfo
    sources: dict[Id, Source]
    sections: list[Section] = Field(min_length=1)
    structures: dict[Id, Structure]
    topics: dict[Id, Topic]
    paths: dict[Id, NervePath]
    stories: dict[Id, Story]

    @model_validator(mode="after")
    def _give_ids(self) -> AnnotationsFile:
        for table in (self.structures, self.topics, self.paths, self.stories):
            for key, entry in table.items():
                entry._id = key
        return self


def json_schema() -> dict:
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
