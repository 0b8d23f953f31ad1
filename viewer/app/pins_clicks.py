"""A click in the 3D view taken for a tool (placing a pin, answering the quiz) instead of the
usual selection: while a tool has armed it, a left click (a press and a release without a drag)
over the view goes to the tool with what is under it; a drag still turns the model."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent

from ..render.picking import is_click
from .pointer import ViewPointer
from .slots import SlotErrors

#: what a tool is handed: the structure clicked (None: the background) and the surface point (mm)
ClickTaker = Callable[[str | None, tuple[float, float, float] | None], None]


class ClickCapture(QObject):
    """Hands the next clicks on ``pointer``'s view to a tool (see :meth:`arm`)."""

    def __init__(self, pointer: ViewPointer, slot_errors: SlotErrors):
        super().__init__(pointer)
        self.pointer = pointer
        self.slot_errors = slot_errors
        self.taker: ClickTaker | None = None
        #: whether the tool keeps the clicks after the first (the quiz) or takes one (a pin)
        self.keep = False
        self._press: tuple[float, float] | None = None
        # installed after the pointer's filter, so it sees the events first
        pointer.view.installEventFilter(self)

    @property
    def armed(self) -> bool:
        return self.taker is not None

    def arm(self, taker: ClickTaker, keep: bool = False) -> None:
        self.taker, self.keep = taker, keep

    def disarm(self) -> None:
        self.taker = None

    def stop(self) -> None:
        self.disarm()
        self.pointer.view.removeEventFilter(self)

    def take_click(self, x: float, y: float) -> None:
        """What a click at widget point (x, y) gives the tool (also for scripts)."""
        taker = self.taker
        if taker is None:
            return
        sid = self.pointer.pick_at(x, y)
        point = self.pointer.scene.renderer.picker.picked_point() if sid else None
        if not self.keep:
            self.taker = None
        try:
            taker(sid, point)
        except Exception as exc:  # noqa: BLE001 - a slot must never raise into Qt
            self.slot_errors.report("a click for a tool", exc)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if self.taker is None or not isinstance(event, QMouseEvent):
            return False
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = (event.position().x(), event.position().y())
        if event.type() == QEvent.Type.MouseButtonPress:
            self._press = pos
            return False  # the press goes on: a drag still turns the model
        if event.type() == QEvent.Type.MouseButtonRelease and is_click(self._press, pos):
            self._press = None
            self.take_click(*pos)
            # the pointer must not select on this release: it forgets the press
            self.pointer._press = None
            return False
        return False
