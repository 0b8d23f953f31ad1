"""Scene files (``*.l5s1scene``): a prepared view of the model, saved and opened again (no Qt, no
VTK).

A scene is JSON with a schema version (:data:`SCENE_VERSION`), described by
``scene_file.schema.json`` next to this module. It holds the camera, what is shown, faded,
see-through (X-ray) and selected, the story, path or article entry in focus and its side, the
voice and text size, the labels switch, the pins, and an optional ``pain_map`` object kept as it
is (another part of the app owns its meaning).

Reading is forgiving: :func:`parse_scene` keeps every part it understands and lists what it left
out (a newer version's fields, an unknown id, a broken camera); :func:`restrict` then drops what
the running app does not know (structures, stories, paths). Writing is atomic
(:func:`save_scene`): a kill during a save leaves the old file whole.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, get_args

import numpy as np

from ..locations import write_atomic
from ..vocabulary import SIDES, Side
from .camera import CameraPose
from .camera_checks import pose_problem
from .focus import FocusKind
from .pins import Pin, clean_text
from .state import VOICES, Voice

#: the version this app writes; a file with a higher one is read as far as this app understands it
SCENE_VERSION = 1
#: what a scene file's name ends with
SCENE_SUFFIX = ".l5s1scene"
SCHEMA_FILE = Path(__file__).with_name("scene_file.schema.json")
FOCUS_KINDS: tuple[FocusKind, ...] = get_args(FocusKind)
#: the text size is a factor on the labels' size, within these bounds
TEXT_SCALE_RANGE = (0.5, 3.0)
#: a scene file larger than this is not a scene (bytes)
MAX_SCENE_BYTES = 20_000_000
KNOWN_KEYS = frozenset(
    {
        "schema_version",
        "camera",
        "visible",
        "faded",
        "xray",
        "selected",
        "focus",
        "voice",
        "text_scale",
        "labels",
        "pins",
        "pain_map",
    }
)


class SceneFileError(ValueError):
    """The file is not a scene at all (not JSON, not an object, unreadable)."""


@dataclass(frozen=True)
class SceneFocus:
    """The story, path, article section or topic in focus, told on ``side``."""

    kind: FocusKind
    key: str
    side: Side | None = None


@dataclass(frozen=True)
class SceneDocument:
    """Everything a scene file holds (None: the file leaves it as it is)."""

    camera: CameraPose | None = None
    visible: frozenset[str] | None = None
    faded: frozenset[str] = frozenset()
    xray: bool = False
    selected: str | None = None
    focus: SceneFocus | None = None
    voice: Voice = "student"
    text_scale: float = 1.0
    labels: bool = True
    pins: tuple[Pin, ...] = ()
    #: the pain painting (issue 12), passed through untouched
    pain_map: dict[str, Any] | None = None
    version: int = SCENE_VERSION

    def same_as(self, other: SceneDocument, camera_tol: float = 1e-6) -> bool:
        """Whether both scenes show the same thing (cameras within ``camera_tol`` mm)."""
        if (self.camera is None) != (other.camera is None):
            return False
        if self.camera is not None and other.camera is not None:
            a = np.array(self.camera.as_lists())
            b = np.array(other.camera.as_lists())
            if np.abs(a - b).max() > camera_tol:
                return False
        return replace(self, camera=None, version=0) == replace(other, camera=None, version=0)


@dataclass
class ReadScene:
    """A scene as read, and what was left out of it (each a sentence)."""

    document: SceneDocument
    left_out: list[str] = field(default_factory=list)


# -- writing ---------------------------------------------------------------------------------
def scene_to_dict(doc: SceneDocument) -> dict[str, Any]:
    out: dict[str, Any] = {"schema_version": SCENE_VERSION}
    if doc.camera is not None:
        c = doc.camera
        out["camera"] = {
            "position": list(c.position),
            "focal_point": list(c.focal_point),
            "view_up": list(c.view_up),
        }
    if doc.visible is not None:
        out["visible"] = sorted(doc.visible)
    out["faded"] = sorted(doc.faded)
    out["xray"] = doc.xray
    out["selected"] = doc.selected
    out["focus"] = (
        None
        if doc.focus is None
        else {"kind": doc.focus.kind, "key": doc.focus.key, "side": doc.focus.side}
    )
    out["voice"] = doc.voice
    out["text_scale"] = doc.text_scale
    out["labels"] = doc.labels
    out["pins"] = [
        {
            "id": p.id,
            "structure": p.structure,
            "face": p.face,
            "barycentric": list(p.barycentric),
            "text": p.text,
        }
        for p in doc.pins
    ]
    if doc.pain_map is not None:
        out["pain_map"] = doc.pain_map
    return out


def scene_to_text(doc: SceneDocument) -> str:
    return json.dumps(scene_to_dict(doc), indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def save_scene(doc: SceneDocument, path: str | Path) -> Path:
    """Write ``doc`` to ``path`` atomically (a temporary file renamed over it)."""
    path = Path(path)
    write_atomic(path, scene_to_text(doc).encode("utf-8"))
    return path


# -- reading ---------------------------------------------------------------------------------
def read_scene(path: str | Path) -> ReadScene:
    """Read a scene file (see :func:`parse_scene`); :class:`SceneFileError` when it is none."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_SCENE_BYTES:
            raise SceneFileError(f"{path.name} is larger than {MAX_SCENE_BYTES} bytes")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SceneFileError(f"cannot read {path.name}: {exc}") from exc
    return parse_scene(text)


def _refuse(name: str) -> float:
    raise ValueError(f"{name} is not a number")


def _ids(value: Any, where: str, left_out: list[str]) -> frozenset[str] | None:
    if not isinstance(value, list) or not all(isinstance(i, str) for i in value):
        left_out.append(f"{where}: not a list of ids")
        return None
    return frozenset(value)


def parse_scene(text: str) -> ReadScene:
    """A scene from its JSON text: every part that can be understood, and what was not."""
    try:
        data = json.loads(text, parse_constant=_refuse)
    except (ValueError, RecursionError) as exc:
        raise SceneFileError(f"not a scene file (not JSON: {exc})") from exc
    if not isinstance(data, dict):
        raise SceneFileError("not a scene file (not a JSON object)")
    left: list[str] = []
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SceneFileError("not a scene file (no schema_version)")
    if version > SCENE_VERSION:
        left.append(
            f"the file is from a newer version of the app (scene version {version}; this app "
            f"reads {SCENE_VERSION}): only what this version knows was opened"
        )
    for key in sorted(set(data) - KNOWN_KEYS):
        left.append(f"{key}: not known to this version")
    doc = SceneDocument()
    fields: dict[str, Any] = {}
    if "camera" in data:
        fields["camera"] = _camera(data["camera"], left)
    if "visible" in data:
        fields["visible"] = _ids(data["visible"], "visible", left)
    if "faded" in data:
        fields["faded"] = _ids(data["faded"], "faded", left) or frozenset()
    for key in ("xray", "labels"):
        if key in data:
            if isinstance(data[key], bool):
                fields[key] = data[key]
            else:
                left.append(f"{key}: not true or false")
    if "selected" in data:
        sel = data["selected"]
        if sel is None or isinstance(sel, str):
            fields["selected"] = sel
        else:
            left.append("selected: not an id")
    if "focus" in data:
        fields["focus"] = _focus(data["focus"], left)
    if "voice" in data:
        if data["voice"] in VOICES:
            fields["voice"] = data["voice"]
        else:
            left.append(f"voice {data['voice']!r}: one of {', '.join(VOICES)}")
    if "text_scale" in data:
        ts = data["text_scale"]
        lo, hi = TEXT_SCALE_RANGE
        if isinstance(ts, int | float) and not isinstance(ts, bool) and lo <= ts <= hi:
            fields["text_scale"] = float(ts)
        else:
            left.append(f"text_scale {ts!r}: a number from {lo} to {hi}")
    if "pins" in data:
        fields["pins"] = _pins(data["pins"], left)
    if "pain_map" in data:
        if isinstance(data["pain_map"], dict):
            fields["pain_map"] = data["pain_map"]
        else:
            left.append("pain_map: not an object")
    return ReadScene(replace(doc, version=version, **fields), left)


def _camera(value: Any, left: list[str]) -> CameraPose | None:
    try:
        pose = CameraPose.from_lists([value["position"], value["focal_point"], value["view_up"]])
    except (TypeError, KeyError, ValueError):
        left.append("camera: not three 3-vectors (the current camera is kept)")
        return None
    problem = pose_problem(pose)
    if problem is not None:
        left.append(f"camera: {problem} (the current camera is kept)")
        return None
    return pose


def _focus(value: Any, left: list[str]) -> SceneFocus | None:
    if value is None:
        return None
    if (
        isinstance(value, dict)
        and value.get("kind") in FOCUS_KINDS
        and isinstance(value.get("key"), str)
        and value.get("side") in (None, *SIDES)
    ):
        return SceneFocus(value["kind"], value["key"], value.get("side"))
    left.append(f"focus {value!r}: not a story, path, section or topic")
    return None


def _pins(value: Any, left: list[str]) -> tuple[Pin, ...]:
    if not isinstance(value, list):
        left.append("pins: not a list")
        return ()
    out: list[Pin] = []
    seen: set[str] = set()
    for n, p in enumerate(value, start=1):
        try:
            bary = tuple(float(w) for w in p["barycentric"])
            face = p["face"]
            ok = (
                isinstance(p["id"], str)
                and p["id"] not in seen
                and isinstance(p["structure"], str)
                and isinstance(face, int)
                and not isinstance(face, bool)
                and face >= 0
                and len(bary) == 3
                and all(0.0 <= w <= 1.0 for w in bary)
                and abs(sum(bary) - 1.0) < 1e-6
                and isinstance(p.get("text", ""), str)
            )
        except (TypeError, KeyError, ValueError):
            ok = False
        if not ok:
            left.append(f"pin {n}: not a pin (id, structure, face, barycentric weights, text)")
            continue
        seen.add(p["id"])
        out.append(
            Pin(p["id"], p["structure"], face, (bary[0], bary[1], bary[2]), clean_text(p["text"]))
        )
    return tuple(out)


def restrict(
    read: ReadScene,
    structures: Collection[str],
    focus_keys: Mapping[str, Collection[str]],
    faces_of: Mapping[str, int] | None = None,
) -> ReadScene:
    """Drop what the running app does not know: structures not in ``structures``, a focus whose
    key is not in ``focus_keys[kind]``, pins on a missing structure or triangle (``faces_of``:
    structure id -> its number of triangles)."""
    doc, left = read.document, list(read.left_out)

    def known(ids: frozenset[str] | None, where: str) -> frozenset[str] | None:
        if ids is None:
            return None
        unknown = sorted(ids - set(structures))
        if unknown:
            left.append(f"{where}: unknown structures {', '.join(unknown)}")
        return ids & frozenset(structures)

    visible = known(doc.visible, "visible")
    faded = known(doc.faded, "faded") or frozenset()
    selected = doc.selected
    if selected is not None and selected not in structures:
        left.append(f"selected: unknown structure {selected}")
        selected = None
    focus = doc.focus
    if focus is not None and focus.key not in focus_keys.get(focus.kind, ()):
        left.append(f"focus: unknown {focus.kind} {focus.key}")
        focus = None
    pins = []
    for pin in doc.pins:
        if pin.structure not in structures:
            left.append(f"pin {pin.text!r}: unknown structure {pin.structure}")
        elif faces_of is not None and pin.face >= faces_of.get(pin.structure, 0):
            left.append(f"pin {pin.text!r}: {pin.structure} has no triangle {pin.face}")
        else:
            pins.append(pin)
    doc = replace(
        doc, visible=visible, faded=faded, selected=selected, focus=focus, pins=tuple(pins)
    )
    return ReadScene(doc, left)
