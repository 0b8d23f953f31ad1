"""Placing, editing, moving and deleting pins, each one step on the window's undo stack."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyvista as pv
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..scene.pins import Pin, PinBoard, barycentric_of, clean_text


class PinChange(QUndoCommand):
    """One pin before and after a change (None: no such pin)."""

    def __init__(self, board: PinBoard, text: str, before: Pin | None, after: Pin | None):
        super().__init__(text)
        self.board, self.before, self.after = board, before, after

    def _show(self, pin: Pin | None, other: Pin | None) -> None:
        if pin is None:
            if other is not None:
                self.board.remove(other.id)
        else:
            self.board.put(pin)

    def redo(self) -> None:
        self._show(self.after, self.before)

    def undo(self) -> None:
        self._show(self.before, self.after)


def surface_place(
    meshes: Mapping[str, pv.PolyData], sid: str, point
) -> tuple[int, tuple[float, float, float]]:
    """The triangle of ``sid``'s mesh nearest ``point`` and the point's barycentric weights."""
    mesh = meshes[sid]
    face = int(np.asarray(mesh.find_closest_cell(np.asarray(point, dtype=float))).ravel()[0])
    corners = np.asarray(mesh.points)[np.asarray(mesh.faces).reshape(-1, 4)[face, 1:]]
    return face, barycentric_of(point, corners)


class PinCommands:
    """Undoable changes of ``board`` (pins on ``meshes``' surfaces)."""

    def __init__(self, board: PinBoard, meshes: Mapping[str, pv.PolyData], stack: QUndoStack):
        self.board, self.meshes, self.stack = board, meshes, stack

    def place(self, sid: str, point, text: str = "") -> Pin:
        """A new pin on ``sid``'s surface where ``point`` (mm) lies."""
        face, bary = surface_place(self.meshes, sid, point)
        pin = Pin(self.board.new_id(), sid, face, bary, clean_text(text))
        self.stack.push(PinChange(self.board, "Place pin", None, pin))
        return pin

    def edit(self, pin_id: str, text: str) -> None:
        before = self.board.get(pin_id)
        after = before.with_text(text)
        if after != before:
            self.stack.push(PinChange(self.board, "Edit pin", before, after))

    def move(self, pin_id: str, sid: str, point) -> None:
        """Move a pin to ``point`` on ``sid``'s surface (it may change structure)."""
        before = self.board.get(pin_id)
        face, bary = surface_place(self.meshes, sid, point)
        after = Pin(before.id, sid, face, bary, before.text)
        if after != before:
            self.stack.push(PinChange(self.board, "Move pin", before, after))

    def delete(self, pin_id: str) -> None:
        before = self.board.get(pin_id)
        self.stack.push(PinChange(self.board, "Delete pin", before, None))
