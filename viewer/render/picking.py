"""Which structure is under the cursor, and whether a press-release was a click or a drag."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

#: a press-release moving less than this many pixels (logical) is a click, not a rotation
CLICK_SLOP_PX = 4.0


def is_click(press: tuple[float, float] | None, release: tuple[float, float]) -> bool:
    if press is None:
        return False
    return math.dist(press, release) <= CLICK_SLOP_PX


class StructurePicker:
    """Ray-picks the structure at a display point, among the actors currently pickable.

    ``picker`` is a ``vtkCellPicker`` (or anything with the same ``Pick``, ``GetActor`` and pick
    list methods); ``actor_ids`` maps each scene actor to its structure id."""

    def __init__(self, picker: Any, renderer: Any, actor_ids: Mapping[Any, str]):
        self._picker = picker
        self._renderer = renderer
        self._ids = dict(actor_ids)
        self._actors = {sid: actor for actor, sid in self._ids.items()}
        self._picker.PickFromListOn()

    def set_pickable(self, ids: Iterable[str]) -> None:
        """Only these structures can be picked (the visible, not see-through ones)."""
        self._picker.InitializePickList()
        for sid in ids:
            actor = self._actors.get(sid)
            if actor is not None:
                self._picker.AddPickList(actor)

    def pick(self, x: float, y: float) -> str | None:
        """The structure at display point (x, y) in VTK pixels (origin bottom-left), or None."""
        if not self._picker.Pick(x, y, 0.0, self._renderer):
            return None
        return self._ids.get(self._picker.GetActor())

    def picked_point(self) -> tuple[float, float, float]:
        return tuple(self._picker.GetPickPosition())
