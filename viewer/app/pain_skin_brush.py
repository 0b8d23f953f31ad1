"""Painting on the 3D skin: while "Paint on the 3D skin" is on, a press or drag with the left
button on the 3D view paints (or erases) the skin's zone under the pointer instead of turning the
model; the other buttons and the wheel still move the camera. The skin is shown while it is on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent

from ..render.skin_paint import SKIN, SkinPaintLayer
from ..scene.pain_zones import ZoneKey
from ..scene.state import SceneState
from .pointer import ViewPointer
from .slots import reported


class SkinBrush(QObject):
    """An event filter on the 3D view (installed after the view's pointer, so it sees the mouse
    first); ``apply`` is the explorer's tool (paint or erase a zone)."""

    def __init__(
        self,
        pointer: ViewPointer,
        layer: SkinPaintLayer,
        state: SceneState,
        apply: Callable[[ZoneKey], None],
    ):
        super().__init__(pointer.view)
        self.pointer = pointer
        self.layer = layer
        self.state = state
        self.apply = apply
        self.active = False
        self.slot_errors = pointer.slot_errors
        self._stroke: set[ZoneKey] = set()
        self._skin_was_shown = False
        pointer.view.installEventFilter(self)

    def set_active(self, on: bool) -> None:
        """Paint with the left button (True) or turn the model again (False); the skin is shown
        while painting and put back as it was after."""
        if on == self.active:
            return
        self.active = on
        if SKIN not in self.state.structures:
            return
        if on:
            self._skin_was_shown = SKIN in self.state.visible
            self.state.show([SKIN])
        elif not self._skin_was_shown:
            self.state.hide([SKIN])

    def stop(self) -> None:
        self.pointer.view.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self.active or not isinstance(event, QMouseEvent):
            return False
        t = event.type()
        left = Qt.MouseButton.LeftButton
        if t == QEvent.Type.MouseButtonPress and event.button() == left:
            self._stroke = set()
            self.paint_at(event.position().x(), event.position().y())
            return True
        if t == QEvent.Type.MouseMove and event.buttons() & left:
            self.paint_at(event.position().x(), event.position().y())
            return True
        if t == QEvent.Type.MouseButtonRelease and event.button() == left:
            self._stroke = set()
            return True
        return False

    @reported
    def paint_at(self, x: float, y: float) -> ZoneKey | None:
        """Apply the tool to the skin's zone under widget point (x, y) (once per stroke)."""
        key = self.layer.zone_at(*self.pointer.display_point(x, y))
        if key is not None and key not in self._stroke:
            self._stroke.add(key)
            self.apply(key)
        return key
