"""Which structure is under the cursor, and whether a press-release was a click or a drag.

A pick casts the ray through a display point into the full-resolution meshes of the pickable
structures (:class:`~viewer.render.visibility.SightLines`), whatever the actors happen to draw:
the coarse copies swapped in while the model moves are never what is picked, so a click selects
exactly what hovering named a moment before.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from .visibility import SightLines

#: a press-release moving less than this many pixels (logical) is a click, not a rotation
CLICK_SLOP_PX = 4.0


def is_click(press: tuple[float, float] | None, release: tuple[float, float]) -> bool:
    if press is None:
        return False
    return math.dist(press, release) <= CLICK_SLOP_PX


def display_ray(renderer: Any, x: float, y: float) -> tuple[np.ndarray, np.ndarray]:
    """The world points where the ray through display point (x, y) (pixels, origin bottom-left)
    meets the near and the far clipping planes: all that is drawn at that pixel lies between."""
    ends = []
    for z in (0.0, 1.0):
        renderer.SetDisplayPoint(x, y, z)
        renderer.DisplayToWorld()
        wx, wy, wz, w = renderer.GetWorldPoint()
        ends.append(np.array([wx, wy, wz]) / (w if w else 1.0))
    return ends[0], ends[1]


class StructurePicker:
    """Picks the structure drawn at a display point, among those currently pickable."""

    def __init__(self, sight: SightLines, renderer: Any):
        self._sight = sight
        self._renderer = renderer
        self._pickable: list[str] = []
        self._point: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def set_pickable(self, ids: Iterable[str]) -> None:
        """Only these structures can be picked (the visible, not see-through ones)."""
        self._pickable = [i for i in ids if i in self._sight.meshes]

    @property
    def pickable(self) -> list[str]:
        return list(self._pickable)

    def pick(self, x: float, y: float) -> str | None:
        """The structure at display point (x, y) in VTK pixels (origin bottom-left), or None."""
        near, far = display_ray(self._renderer, x, y)
        hit = self._sight.first_hit(near, far, self._pickable)
        if hit is None:
            return None
        sid, t = hit
        x, y, z = (float(v) for v in near + (far - near) * t)
        self._point = (x, y, z)
        return sid

    def picked_point(self) -> tuple[float, float, float]:
        """Where the last pick that hit something met the surface (mm)."""
        return self._point
