"""The mouse on the 3D view: a click picks, a drag turns the model (VTK's own), hovering names the
structure in the status bar, a right click opens the structure's menu."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QMenu, QWidget

from ..render.assembly import ModelScene
from ..render.picking import is_click
from .scene_view import SceneView
from .slots import SlotErrors, reported
from .structure_commands import StructureCommands

HOVER_MS = 50  # hover picks at most this often


class ViewPointer(QObject):
    """Watches ``view``'s mouse and keys (an event filter) and turns them into picks."""

    def __init__(
        self,
        view: SceneView,
        scene: ModelScene,
        commands: StructureCommands,
        status: Callable[[str], None],
        slot_errors: SlotErrors,
        menu_parent: QWidget,
    ):
        super().__init__(view)
        self.view = view
        self.scene = scene
        self.commands = commands
        self.status = status
        self.slot_errors = slot_errors
        self.menu_parent = menu_parent
        self.hovered: str | None = None
        #: more items for the structure's menu: each called with the menu and the structure
        self.menu_extras: list[Callable[[QMenu, str], None]] = []
        self._press: tuple[float, float] | None = None
        self._button = Qt.MouseButton.NoButton
        self._hover_pos: tuple[float, float] | None = None
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(HOVER_MS)
        self._hover_timer.timeout.connect(self._hover_pick)
        view.installEventFilter(self)
        view.setMouseTracking(True)

    def stop(self) -> None:
        self._hover_timer.stop()
        self.view.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        t = event.type()
        if t in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            # VTK's own single-letter keys (w: wireframe, e/q: quit, ...) must not reach it
            return True
        if isinstance(event, QMouseEvent):
            self._on_mouse(event)
        return False

    @reported
    def _on_mouse(self, event: QMouseEvent) -> None:
        t = event.type()
        pos = (event.position().x(), event.position().y())
        if t == QEvent.Type.MouseButtonPress:
            self._press, self._button = pos, event.button()
        elif t == QEvent.Type.MouseButtonRelease:
            if event.button() == self._button and is_click(self._press, pos):
                if self._button == Qt.MouseButton.LeftButton:
                    self.click_at(*pos)
                elif self._button == Qt.MouseButton.RightButton:
                    self.context_menu_at(*pos, event.globalPosition().toPoint())
            self._press = None
        elif t == QEvent.Type.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
            self.hover_at(*pos)

    # -- picking -------------------------------------------------------------------------------
    def display_point(self, x: float, y: float) -> tuple[float, float]:
        """Qt logical widget coordinates -> the centre of the device pixel under them, in VTK
        display pixels (origin bottom-left), at any device pixel ratio."""
        dpr = self.view.devicePixelRatioF()
        height = self.scene.plotter.renderer.GetSize()[1]
        column, row = math.floor(x * dpr), math.floor(y * dpr)
        return column + 0.5, height - 1 - row + 0.5

    def pick_at(self, x: float, y: float) -> str | None:
        """The structure under the widget point (x, y), or None: hover and click ask the same
        question of the full meshes (never of the coarse copies a press swaps in)."""
        return self.scene.renderer.pick(*self.display_point(x, y))

    def click_at(self, x: float, y: float) -> None:
        self.commands.select(self.pick_at(x, y))

    def hover_at(self, x: float, y: float) -> None:
        self._hover_pos = (x, y)
        if not self._hover_timer.isActive():
            self._hover_timer.start()

    @reported
    def _hover_pick(self) -> None:
        if self._hover_pos is None:
            return
        sid = self.pick_at(*self._hover_pos)
        if sid != self.hovered:
            self.hovered = sid
            self.status(self.scene.name(sid) if sid else "")

    def context_menu_at(self, x: float, y: float, global_pos: QPoint) -> QMenu | None:
        """The menu of the structure under (x, y), shown at ``global_pos``; None on background."""
        sid = self.pick_at(x, y)
        if sid is None:
            return None
        commands, guard = self.commands, self.slot_errors.guard
        menu = QMenu(self.menu_parent)
        menu.setObjectName("structure_menu")
        menu.addSection(self.scene.name(sid))
        menu.addAction("Hide", guard(lambda: commands.hide_structures([sid])))
        menu.addAction("Isolate", guard(lambda: commands.isolate_structures([sid])))
        fade = "Unfade" if sid in commands.state.faded else "Fade"
        menu.addAction(fade, guard(lambda: commands.fade_structures([sid])))
        menu.addAction("Show info", guard(lambda: commands.select(sid)))
        for extra in self.menu_extras:
            extra(menu, sid)
        menu.popup(global_pos)
        return menu
