"""Teaching foci: a condition story, the S1 nerve path, an article section or topic (no Qt, no VTK).

A :class:`Focus` is what the scene state holds while one of them is shown; the functions here make
one from the content and say where the camera should stand for it.

Every story can be told on either side: ``story_focus(content, id, ids, side="right")`` mirrors
its structures, shapes, nerve path, pain patterns and camera. The skin patches a story or path
shows are its pain patterns' ``skin_areas`` (none when it has no pattern); a story's condition
shapes are its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..anatomy.structures import BY_ID
from ..vocabulary import VIEW_DIRECTIONS, Side, StructureKind
from .camera import CameraPose, backed_off_to_fit, standard_view

FocusKind = Literal["story", "path", "section", "topic"]
#: a function giving the bounds (xmin, xmax, ymin, ymax, zmin, zmax) of some structures
BoundsOf = Callable[[Sequence[str]], Sequence[float]]

SKIN = "skin"


@dataclass(frozen=True)
class Focus:
    """What a story, the S1 path or an article entry is showing.

    ``lit`` structures glow, ``shown`` ones appear for as long as the focus lasts, ``kept`` ones
    are left as they are; when anything is lit or shown, everything else is dimmed. ``route`` is
    the nerve path whose glowing sleeve and pulse run (None: none), ``side`` the body side the
    focus is about (None: both, or no side).
    """

    kind: FocusKind
    key: str
    lit: frozenset[str] = frozenset()
    shown: frozenset[str] = frozenset()
    kept: frozenset[str] = frozenset()
    route: str | None = None
    side: Side | None = None

    @property
    def dims_the_rest(self) -> bool:
        """Whether the structures outside the focus are dimmed (a focus lighting nothing dims
        nothing)."""
        return bool(self.lit or self.shown)

    def is_dimmed(self, sid: str) -> bool:
        return self.dims_the_rest and not (sid in self.lit or sid in self.shown or sid in self.kept)


def is_skin_patch(structure_id: str) -> bool:
    """Whether a structure is a patch painted on the skin where pain is felt."""
    spec = BY_ID.get(structure_id)
    return spec is not None and spec.kind is StructureKind.PAIN_AREA


def story_skin_patches(content, story_id: str, side: Side | None = None) -> list[str]:
    """The skin patches of a story told on ``side``: its pain patterns' skin areas."""
    patterns = content.story_pain_patterns(story_id, side)
    return list(dict.fromkeys(a for p in patterns for a in p.skin_areas))


def path_skin_patches(content, path_id: str) -> list[str]:
    """The skin patches of a nerve path: its pain patterns' skin areas."""
    patterns = content.path_pain_patterns(path_id)
    return list(dict.fromkeys(a for p in patterns for a in p.skin_areas))


def story_focus(
    content, story_id: str, available: Iterable[str], side: Side | None = None
) -> Focus:
    """Light the story's structures (and its nerve path), show its condition shapes and the skin
    patches of its pain patterns, dim the rest; told on ``side`` (default: the story's own)."""
    story = content.story_on_side(story_id, side) if side else content.story(story_id)
    have = set(available)
    lit = set(story.highlight)
    if story.nerve_path is not None:
        lit |= set(content.path(story.nerve_path).structures)
    shapes = {i for i in story.conditions if not is_skin_patch(i)}
    shown = shapes | set(story_skin_patches(content, story_id, story.side))
    keep = set() if story.dim == "rest" else have - set(story.dim) - lit - shown
    return Focus(
        "story",
        story_id,
        frozenset(lit & have),
        frozenset(shown & have),
        frozenset(keep),
        route=story.nerve_path,
        side=story.side,
    )


def path_focus(content, path_id: str, available: Iterable[str]) -> Focus:
    """Light the nerve route, show the translucent skin with its pain patterns' skin patches,
    dim the rest."""
    path = content.path(path_id)
    have = set(available)
    shown = {SKIN, *path_skin_patches(content, path_id)}
    return Focus(
        "path",
        path_id,
        frozenset(set(path.structures) & have),
        frozenset(shown & have),
        route=path_id,
        side=path.side,
    )


def path_on_side(content, path_id: str, side: Side) -> str:
    """The nerve path that runs the same stages as ``path_id`` on ``side`` (itself if it does)."""
    path = content.path(path_id)
    if path.side == side:
        return path_id
    stages = [st.id for st in path.stages]
    for other in content.paths.values():
        if other.side == side and [st.id for st in other.stages] == stages:
            return other.id
    raise KeyError(f"no nerve path like {path_id!r} on the {side} side")


def mirrored_pose(pose: CameraPose) -> CameraPose:
    """``pose`` seen in a mirror at the midline (RAS x = 0): the same view of the other side."""
    flip = np.array([-1.0, 1.0, 1.0])
    return CameraPose.of(
        np.asarray(pose.position) * flip,
        np.asarray(pose.focal_point) * flip,
        np.asarray(pose.view_up) * flip,
    )


def story_pose(
    content, story_id: str, focus: Focus, bounds_of: BoundsOf, aspect: float | None = None
) -> CameraPose:
    """The camera a story asks for, from the story's view, framing what the story is about: its
    highlighted structures and its condition shapes (not the whole lit nerve route); its skin
    patches only when it has no condition shape (the patch is then its condition). Told on the
    other side than the one it is written for, the view is mirrored (``left`` becomes
    ``right``). With the view's ``aspect`` (width over height), the camera backs off where the
    story's own camera would crop what it frames in a view of that shape."""
    story = content.story(story_id)
    mirrored = focus.side is not None and focus.side != story.side
    told = content.story_on_side(story_id, focus.side) if mirrored else story
    own = (set(told.highlight) | focus.shown) & (focus.lit | focus.shown)
    shapes = {i for i in focus.shown if not is_skin_patch(i)}
    framed = sorted(i for i in own if not (shapes and is_skin_patch(i)))
    bounds = bounds_of(framed or sorted(focus.lit | focus.shown))
    cam = story.camera
    if cam.view is not None:
        direction, up = VIEW_DIRECTIONS[cam.view]
        if mirrored:
            direction, up = (-direction[0], *direction[1:]), (-up[0], *up[1:])
        centre = np.asarray(bounds, float).reshape(3, 2).mean(axis=1)
        pose = standard_view(cam.view, bounds)
        distance = float(np.linalg.norm(np.subtract(pose.position, pose.focal_point)))
        unit = np.asarray(direction, float) / np.linalg.norm(direction)
        pose = CameraPose.of(centre + unit * distance, centre, up)
    else:
        pose = CameraPose.of(cam.position, cam.focal_point, cam.view_up)
        if mirrored:
            pose = mirrored_pose(pose)
    if cam.zoom:
        f = np.asarray(pose.focal_point)
        eye = f + (np.asarray(pose.position) - f) / cam.zoom
        pose = CameraPose.of(eye, pose.focal_point, pose.view_up)
    if aspect is not None and aspect > 0:
        pose = backed_off_to_fit(pose, bounds, aspect)
    return pose


def path_pose(content, path_id: str, focus: Focus, bounds_of: BoundsOf) -> CameraPose:
    """From behind, framing the route, the pain areas and the skin around them."""
    ids = list(dict.fromkeys([*content.path(path_id).structures, *sorted(focus.shown)]))
    return standard_view("posterior", bounds_of([i for i in ids if i in focus.lit | focus.shown]))
