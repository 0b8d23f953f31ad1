"""Teaching foci: a condition story, the S1 nerve path, an article section or topic (no Qt, no VTK).

A :class:`Focus` is what the scene state holds while one of them is shown; the functions here make
one from the content and say where the camera should stand for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..vocabulary import Side
from .camera import CameraPose, standard_view

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


def story_focus(content, story_id: str, available: Iterable[str]) -> Focus:
    """Light the story's structures (and its nerve path), show its condition shapes, dim the rest."""
    story = content.story(story_id)
    have = set(available)
    lit = set(story.highlight)
    side = story.side
    if story.nerve_path is not None:
        path = content.path(story.nerve_path)
        lit |= set(path.structures)
        side = path.side
    shown = set(story.conditions)
    keep = set() if story.dim == "rest" else have - set(story.dim) - lit - shown
    return Focus(
        "story",
        story_id,
        frozenset(lit & have),
        frozenset(shown & have),
        frozenset(keep),
        route=story.nerve_path,
        side=side,
    )


def path_focus(content, path_id: str, available: Iterable[str]) -> Focus:
    """Light the nerve route, show the translucent skin with its pain areas, dim the rest."""
    path = content.path(path_id)
    have = set(available)
    shown = {SKIN, *path.pain_areas}
    return Focus(
        "path",
        path_id,
        frozenset(set(path.structures) & have),
        frozenset(shown & have),
        route=path_id,
        side=path.side,
    )


def story_pose(content, story_id: str, focus: Focus, bounds_of: BoundsOf) -> CameraPose:
    """The camera a story asks for, framing its own structures and condition shapes (not the
    whole lit nerve route)."""
    story = content.story(story_id)
    framed = sorted((set(story.highlight) | focus.shown) & (focus.lit | focus.shown))
    bounds = bounds_of(framed or sorted(focus.lit | focus.shown))
    cam = story.camera
    if cam.view is not None:
        pose = standard_view(cam.view, bounds)
    else:
        pose = CameraPose.of(cam.position, cam.focal_point, cam.view_up)
    if cam.zoom:
        f = np.asarray(pose.focal_point)
        eye = f + (np.asarray(pose.position) - f) / cam.zoom
        pose = CameraPose.of(eye, pose.focal_point, pose.view_up)
    return pose


def path_pose(content, path_id: str, focus: Focus, bounds_of: BoundsOf) -> CameraPose:
    """From behind, framing the route, the pain areas and the skin around them."""
    ids = list(dict.fromkeys([*content.path(path_id).structures, *sorted(focus.shown)]))
    return standard_view("posterior", bounds_of([i for i in ids if i in focus.lit | focus.shown]))
