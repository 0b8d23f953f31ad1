"""Guided tours: an ordered list of steps, each a scene and a caption in the student's and the
patient's words (no Qt, no VTK).

A tour file (``*.l5s1tour``) is JSON: a schema version, a title and the steps, each step a
caption (``title``, ``patient_title``, ``student``, ``patient``) and a ``scene`` object as a scene
file holds it (:mod:`viewer.scene.scene_file`). :func:`article_tour` builds the tour the app
ships from the content: the anatomy, the five mechanisms (the condition stories), diagnosis and
treatment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..locations import write_atomic
from .scene_file import (
    SceneDocument,
    SceneFileError,
    SceneFocus,
    parse_scene,
    scene_to_dict,
)
from .state import Voice

TOUR_VERSION = 1
TOUR_SUFFIX = ".l5s1tour"
#: the article's parts the shipped tour walks through, in order (section ids of the content);
#: the condition stories told in a part's sections follow its step
ARTICLE_PARTS = ("anatomy", "mechanisms", "diagnosis", "treatment")
#: a caption is a few sentences
CAPTION_SENTENCES = 3
MAX_TOUR_BYTES = 50_000_000


@dataclass(frozen=True)
class TourStep:
    """One step: the scene to show and its caption, in both voices."""

    title: str
    student: str
    patient: str = ""
    patient_title: str = ""
    scene: SceneDocument = SceneDocument()

    def caption_title(self, voice: Voice) -> str:
        return (self.patient_title or self.title) if voice == "patient" else self.title

    def caption_text(self, voice: Voice) -> str:
        return (self.patient or self.student) if voice == "patient" else self.student


@dataclass(frozen=True)
class Tour:
    title: str
    steps: tuple[TourStep, ...] = ()

    def with_step(self, step: TourStep, at: int | None = None) -> Tour:
        steps = list(self.steps)
        steps.insert(len(steps) if at is None else at, step)
        return replace(self, steps=tuple(steps))

    def moved(self, index: int, to: int) -> Tour:
        """The tour with step ``index`` moved to position ``to``."""
        steps = list(self.steps)
        steps.insert(max(0, min(to, len(steps) - 1)), steps.pop(index))
        return replace(self, steps=tuple(steps))

    def without(self, index: int) -> Tour:
        steps = list(self.steps)
        del steps[index]
        return replace(self, steps=tuple(steps))


def few_sentences(text: str, n: int = CAPTION_SENTENCES) -> str:
    """The first ``n`` sentences of ``text``."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z(])", " ".join(text.split()))
    return " ".join(parts[:n])


# -- the shipped tour --------------------------------------------------------------------------
def article_tour(content) -> Tour:
    """The article in the 3D view: each part of :data:`ARTICLE_PARTS` lit as its section, and
    after a part, the condition story of each of its sections (the mechanisms)."""
    order = [s.id for s in content.sections]
    parts = [p for p in ARTICLE_PARTS if p in order]
    story_of_section: dict[str, str] = {}
    for sid, story in content.stories.items():
        for sec in content.topic(story.topic).sections:
            story_of_section.setdefault(sec, sid)
    topics_of = {e.section.id: e.topics for e in content.tour()}
    steps: list[TourStep] = []
    for n, part in enumerate(parts):
        end = order.index(parts[n + 1]) if n + 1 < len(parts) else len(order)
        steps.append(_section_step(content, part, topics_of.get(part, [])))
        told: list[str] = []
        for sec in order[order.index(part) : end]:
            sid = story_of_section.get(sec)
            if sid is not None and sid not in told:
                told.append(sid)
                steps.append(_story_step(content, sid))
    return Tour(f"{content.title}: the article in 3D", tuple(steps))


def _section_step(content, section_id: str, topics: list[str]) -> TourStep:
    section = content.section(section_id)
    scene = SceneDocument(focus=SceneFocus("section", section_id))
    if not topics:
        return TourStep(section.title, "", scene=scene)
    topic = content.topic(topics[0])
    return TourStep(
        section.title,
        few_sentences(topic.student),
        few_sentences(topic.patient),
        topic.patient_title,
        scene,
    )


def _story_step(content, story_id: str) -> TourStep:
    story = content.story(story_id)
    return TourStep(
        story.title,
        few_sentences(story.caption.student),
        few_sentences(story.caption.patient),
        story.patient_title,
        SceneDocument(focus=SceneFocus("story", story_id, story.side)),
    )


# -- files -------------------------------------------------------------------------------------
def tour_to_text(tour: Tour) -> str:
    data = {
        "schema_version": TOUR_VERSION,
        "title": tour.title,
        "steps": [
            {
                "title": s.title,
                "patient_title": s.patient_title,
                "student": s.student,
                "patient": s.patient,
                "scene": scene_to_dict(s.scene),
            }
            for s in tour.steps
        ],
    }
    return json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def save_tour(tour: Tour, path: str | Path) -> Path:
    """Write ``tour`` to ``path`` atomically."""
    path = Path(path)
    write_atomic(path, tour_to_text(tour).encode("utf-8"))
    return path


def parse_tour(text: str) -> tuple[Tour, list[str]]:
    """A tour from its JSON text, and what was left out of its steps' scenes."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise SceneFileError(f"not a tour file (not JSON: {exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise SceneFileError("not a tour file (no steps)")
    left: list[str] = []
    steps = []
    for n, raw in enumerate(data["steps"], start=1):
        if not isinstance(raw, dict):
            left.append(f"step {n}: not a step")
            continue
        texts = {k: raw.get(k, "") for k in ("title", "patient_title", "student", "patient")}
        if not all(isinstance(v, str) for v in texts.values()):
            left.append(f"step {n}: its caption is not text")
            continue
        scene_data: Any = raw.get("scene", {})
        try:
            read = parse_scene(json.dumps({"schema_version": 1, **scene_data}))
        except (SceneFileError, TypeError):
            left.append(f"step {n}: its scene is not a scene")
            continue
        left += [f"step {n}: {line}" for line in read.left_out]
        steps.append(TourStep(scene=read.document, **texts))
    title = data.get("title") if isinstance(data.get("title"), str) else "Tour"
    return Tour(str(title), tuple(steps)), left


def read_tour(path: str | Path) -> tuple[Tour, list[str]]:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_TOUR_BYTES:
            raise SceneFileError(f"{path.name} is larger than {MAX_TOUR_BYTES} bytes")
        return parse_tour(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SceneFileError(f"cannot read {path.name}: {exc}") from exc
