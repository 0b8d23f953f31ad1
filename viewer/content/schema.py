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
``pain_zones``
    ``{zone_id: PainZone}``: the finer zones the pain explorer paints and ranks (buttock, groin,
    outer foot...): ``name``, ``patient_name``, ``chart`` (ChartPatches: ``chart_view``,
    ``chart_region`` (anatomapa's, the patient's left as drawn), ``across`` and ``down`` (the
    part of the region's box, as fractions from its midline side and its top)),
    ``skin_vertices`` (per side, MakeHuman hm08 base.obj vertex indices on the 3D skin) and
    ``sources``. Optional (an empty table by default).
``pain_sources``
    ``{source_id: PainSource}``: what the pain explorer ranks: ``name``, ``patient_name``,
    ``structures``, ``story`` (the story that shows it), ``zones`` (zone id -> weight in
    (0, 1]), ``student``, ``patient`` and ``sources``. Optional.
``Camera``
    Either ``view`` (one of ``viewer.vocabulary.VIEW_NAMES``) or all of ``position``,
    ``focal_point`` and ``view_up`` (model mm); plus an optional ``zoom`` factor.

Limits (:mod:`viewer.content.limits`, each in the exported JSON Schema and reported with its
place): the file at most 16 MiB, nested at most 16 deep, every number finite (no ``NaN`` or
``Infinity``) and at most 32 characters, no key twice in one object (these four are checked
when the JSON is read, at line and column); ids at most 64 characters, names and titles 160,
texts 5,000, no word longer than 100 characters and no control characters (all text is plain
text, never HTML); at most 1,000 topics, 500 structures, 500 sections, 1,000 sources, 200 pain
patterns, 20 paths, 200 stories, 50 stages a path, 200 items a list, 100 other names and 500
ids a list; coordinates within 10 m of the model's origin, a camera's zoom from 0.1 to 10.

Cross-references (ids that must exist, one entry per structure id) are checked by
:mod:`viewer.content.references` (one table of rules), not by the schema, so that each problem
can name its id.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    model_validator,
)

from ..vocabulary import ChartView, Group, Side, ViewName
from . import limits

SCHEMA_VERSION = 2

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _plain_text(text: str) -> str:
    """Refuse control characters (other than newline and tab) and words too long to wrap."""
    if not text.isprintable() and _CONTROL.search(text):
        raise ValueError("a control character in the text (plain text only)")
    if len(text) > limits.MAX_WORD_CHARS and max(map(len, text.split())) > limits.MAX_WORD_CHARS:
        raise ValueError(
            f"a word longer than {limits.MAX_WORD_CHARS} characters without a space "
            "(it could not be wrapped)"
        )
    return text


_WORDS = f"no word longer than {limits.MAX_WORD_CHARS} characters, no control characters"
Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=limits.MAX_ID_CHARS)]
#: a name or title (a label, a tree row, a heading): plain text, never HTML
Name = Annotated[
    str,
    Field(
        min_length=1,
        max_length=limits.MAX_NAME_CHARS,
        description=f"a name or title: plain text (not HTML), {_WORDS}",
    ),
    AfterValidator(_plain_text),
]
#: a text (a description, a note, a caption, a citation): plain text, never HTML
Text = Annotated[
    str,
    Field(
        min_length=1,
        max_length=limits.MAX_TEXT_CHARS,
        description=f"a text: plain text (not HTML), {_WORDS}",
    ),
    AfterValidator(_plain_text),
]
Url = Annotated[str, Field(pattern=r"^https?://\S+$", max_length=limits.MAX_URL_CHARS)]
#: a coordinate in model mm, finite and within the model's surroundings
Coordinate = Annotated[
    float,
    Field(ge=-limits.MAX_COORDINATE_MM, le=limits.MAX_COORDINATE_MM, allow_inf_nan=False),
]
Point = tuple[Coordinate, Coordinate, Coordinate]
#: a fraction of a body-chart region's width or height
Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
#: how typical a pain zone is for a pain source: 1 usual, lower sometimes
Weight = Annotated[float, Field(gt=0.0, le=1.0, allow_inf_nan=False)]
#: a vertex index of the MakeHuman hm08 base mesh (base.obj has 13,380 body vertices)
SkinVertex = Annotated[int, Field(ge=0, lt=100_000)]


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
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class _Keyed(_Model):
    """An entry stored under its id as the key of a JSON object; ``.id`` gives the key back."""

    _id: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        return self._id


def _ids(most: int = limits.MAX_IDS, least: int = 0) -> Any:
    """The bounds of a list (``minItems`` and ``maxItems`` in the JSON Schema)."""
    return Field(min_length=least, max_length=most)


def _table(most: int) -> Any:
    """The bound of a table of entries (``maxProperties`` in the JSON Schema)."""
    return Field(max_length=most)


class Voiced(_Model):
    """One text in both voices."""

    student: Text
    patient: Text


class Note(_Model):
    text: Text
    sources: list[Id] = _ids(least=1)


class Source(_Model):
    citation: Text
    url: Url | None = None


class ArticleInfo(_Model):
    title: Name
    file: Name


class Section(_Model):
    id: Id
    title: Name
    order: int = Field(ge=0, le=limits.MAX_ORDER)
    heading: bool


class WarningSign(_Model):
    id: Id
    student: Text
    patient: Text


class WarningGroup(_Model):
    title: Voiced
    action: Voiced
    signs: list[WarningSign] = _ids(limits.MAX_ITEMS, least=1)
    sources: list[Id] = _ids(least=1)


class RedFlags(_Model):
    """When to seek help: emergency signs (cauda equina syndrome) and other serious signs."""

    title: Voiced
    emergency: WarningGroup
    serious: WarningGroup


class Structure(_Keyed):
    name: Name
    patient_name: Name
    other_names: list[Name] = _ids(limits.MAX_NAMES)
    group: Group
    side: Side | None
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
    student: Text
    patient: Text
    sections: list[Id] = _ids()
    related: list[Id] = _ids()
    anchor: Point | None = None
    note: Note | None = None
    patient_facing: bool = False


class Item(_Model):
    id: Id
    name: Name
    patient_name: Name
    student: Text
    patient: Text | None = None
    structures: list[Id] = _ids()
    note: Note | None = None


class Topic(_Keyed):
    title: Name
    patient_title: Name
    kind: TopicKind
    parent: Id | None = None
    other_names: list[Name] = _ids(limits.MAX_NAMES)
    sections: list[Id] = _ids(least=1)
    structures: list[Id] = _ids()
    student: Text
    patient: Text
    items: list[Item] = _ids(limits.MAX_ITEMS)
    note: Note | None = None
    patient_facing: bool = False


class Stage(_Model):
    id: Id
    name: Name
    patient_name: Name
    structure: Id
    student: Text
    patient: Text


class BodyRegion(_Model):
    name: Name
    chart_region: Id
    chart_view: ChartView
    frequency: Frequency = "usual"
    student: Text
    patient: Text


class PainPattern(_Keyed):
    name: Name
    patient_name: Name
    kind: PainPatternKind
    side: Side = "left"
    source_structures: list[Id] = _ids(least=1)
    student: Text
    patient: Text
    skin_areas: list[Id] = _ids()
    body_regions: list[BodyRegion] = _ids(limits.MAX_ITEMS, least=1)
    sources: list[Id] = _ids(least=1)


class NervePath(_Keyed):
    side: Side
    structures: list[Id] = _ids(least=1)
    stages: list[Stage] = _ids(limits.MAX_STAGES, least=1)
    pain_patterns: list[Id] = _ids(least=1)
    pain_areas: list[Id] = _ids()
    _body_regions: list[BodyRegion] = PrivateAttr(default_factory=list)

    @property
    def body_regions(self) -> list[BodyRegion]:
        """The body-chart regions of this path's pain patterns, on its side (given by
        :class:`viewer.content.Annotations`; empty on a bare validated file)."""
        return self._body_regions


def _length(v: tuple[float, ...]) -> float:
    return math.sqrt(sum(c * c for c in v))


class Camera(_Model):
    """A named view, or an explicit pose; with an optional zoom. Every number is finite and
    bounded; the view-up vector has a length and does not point along the line of sight."""

    view: ViewName | None = None
    position: Point | None = None
    focal_point: Point | None = None
    view_up: Point | None = None
    zoom: float | None = Field(default=None, ge=limits.MIN_ZOOM, le=limits.MAX_ZOOM)

    @model_validator(mode="after")
    def _named_or_explicit(self) -> Camera:
        if self.view is not None:
            if any(v is not None for v in (self.position, self.focal_point, self.view_up)):
                raise ValueError("give 'view' or an explicit position, not both")
            return self
        if self.position is None or self.focal_point is None or self.view_up is None:
            raise ValueError("give either 'view' or all of 'position', 'focal_point', 'view_up'")
        sight = tuple(p - f for p, f in zip(self.position, self.focal_point, strict=True))
        up = self.view_up
        if _length(sight) < limits.MIN_VECTOR_LENGTH:
            raise ValueError("'position' and 'focal_point' are the same point")
        if _length(up) < limits.MIN_VECTOR_LENGTH:
            raise ValueError("'view_up' has no length")
        cross = (
            sight[1] * up[2] - sight[2] * up[1],
            sight[2] * up[0] - sight[0] * up[2],
            sight[0] * up[1] - sight[1] * up[0],
        )
        if _length(cross) < 1e-6 * _length(sight) * _length(up):
            raise ValueError("'view_up' points along the line of sight")
        return self


#: a story's caption in both voices (the name kept for the app's readers)
Caption = Voiced


class Story(_Keyed):
    title: Name
    patient_title: Name
    topic: Id
    side: Side = "left"
    highlight: list[Id] = _ids(least=1)
    dim: list[Id] | Literal["rest"] = "rest"
    conditions: list[Id] = _ids()
    pain_patterns: list[Id] = _ids(least=1)
    compare_patterns: list[Id] = _ids()
    camera: Camera
    caption: Voiced
    nerve_path: Id | None = None


class ChartPatch(_Model):
    """Part of a pain zone on the body chart: the part of anatomapa's region ``chart_region``
    (told for the patient's left, named as drawn) inside the box ``across`` (fractions of the
    region's width, 0 at its side nearer the midline, 1 at its outer side) by ``down``
    (fractions of its height, 0 at its top)."""

    chart_view: ChartView
    chart_region: Id
    across: tuple[Fraction, Fraction] = (0.0, 1.0)
    down: tuple[Fraction, Fraction] = (0.0, 1.0)


class PainZone(_Keyed):
    """One zone of the finer pain map (buttock, groin, outer foot...): where it lies on the body
    chart and, where the 3D skin reaches, which skin vertices it covers (base.obj indices of the
    MakeHuman hm08 mesh, per side)."""

    name: Name
    patient_name: Name
    chart: list[ChartPatch] = _ids(limits.MAX_ITEMS, least=1)
    skin_vertices: dict[Side, list[SkinVertex]] = Field(default_factory=dict)
    sources: list[Id] = _ids(least=1)


class PainSource(_Keyed):
    """A structure of the model that can send pain to some zones: its pattern as zone -> weight
    (1 the typical area, lower: felt there sometimes), told for either side, and the story that
    shows it."""

    name: Name
    patient_name: Name
    structures: list[Id] = _ids(least=1)
    story: Id
    zones: dict[Id, Weight] = _table(limits.MAX_ITEMS)
    student: Text
    patient: Text
    sources: list[Id] = _ids(least=1)


class AnnotationsFile(_Model):
    """The whole file, as validated; :class:`viewer.content.Annotations` wraps it with lookups."""

    schema_version: Literal[2]
    title: Name
    disclaimer: Text
    red_flags: RedFlags
    article: ArticleInfo
    sources: dict[Id, Source] = _table(limits.MAX_SOURCES)
    sections: list[Section] = _ids(limits.MAX_SECTIONS, least=1)
    structures: dict[Id, Structure] = _table(limits.MAX_STRUCTURES)
    topics: dict[Id, Topic] = _table(limits.MAX_TOPICS)
    pain_patterns: dict[Id, PainPattern] = _table(limits.MAX_PATTERNS)
    paths: dict[Id, NervePath] = _table(limits.MAX_PATHS)
    stories: dict[Id, Story] = _table(limits.MAX_STORIES)
    pain_zones: dict[Id, PainZone] = Field(default_factory=dict, max_length=limits.MAX_PATTERNS)
    pain_sources: dict[Id, PainSource] = Field(default_factory=dict, max_length=limits.MAX_PATTERNS)

    @model_validator(mode="after")
    def _give_ids(self) -> AnnotationsFile:
        tables: list[dict[str, Any]] = [
            self.structures,
            self.topics,
            self.pain_patterns,
            self.paths,
            self.stories,
            self.pain_zones,
            self.pain_sources,
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
    schema["description"] = (
        f"annotations.json, schema version {SCHEMA_VERSION}. Read as strict JSON: at most "
        f"{limits.MAX_FILE_BYTES:,} bytes, nested at most {limits.MAX_DEPTH} deep, numbers "
        f"finite (no NaN or Infinity) and at most {limits.MAX_NUMBER_CHARS} characters, no "
        "duplicate keys. All text is plain text, never HTML."
    )
    return schema


#: The exported JSON Schema, kept next to this module (a test checks it is up to date).
SCHEMA_FILE = Path(__file__).with_name("annotations.schema.json")


def write_json_schema(path: Path = SCHEMA_FILE) -> None:
    """Export :func:`json_schema`. Refresh after a schema change with
    ``python -c "from viewer.content.schema import write_json_schema; write_json_schema()"``."""
    path.write_text(json.dumps(json_schema(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
