"""What the user does to structures: select, hide, isolate, fade, show all; each one undoable
step on the undo stack, each a change of the scene state."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoStack

from ..render.scene_renderer import SceneRenderer
from ..scene.framing import Framing
from ..scene.state import SceneState
from .render_loop import RenderLoop
from .undo import record


class StructureCommands:
    """Undoable changes of ``state``; ``loop`` brings a structure into view when asked."""

    def __init__(
        self, state: SceneState, undo_stack: QUndoStack, renderer: SceneRenderer, loop: RenderLoop
    ):
        self.state = state
        self.undo_stack = undo_stack
        self.renderer = renderer
        self.loop = loop

    def select(self, sid: str | None, frame: bool = False) -> None:
        """Select a structure (None clears), as one undoable step; ``frame`` brings it into view
        (from a side that sees it, with whatever still hides it faded, in the same step); a
        hidden structure is shown first."""
        state = self.state
        if sid is not None and sid not in state.structures:
            raise KeyError(f"no structure {sid!r} in the scene")
        framing: list[Framing] = []

        def change() -> None:
            if sid is not None and not state.is_shown(sid):
                state.show([sid])
            state.select(sid)
            if frame and sid is not None:
                framing.append(self.renderer.framing([sid]))
                state.set_faded(state.faded | framing[0].faded)

        shown = sid is None or state.is_shown(sid)
        record(self.undo_stack, state, "Select" if shown else "Show and select", change)
        if framing:
            self.loop.move_camera(framing[0].pose)

    def hide_structures(self, ids: Sequence[str]) -> None:
        record(self.undo_stack, self.state, "Hide", lambda: self.state.hide(ids))

    def show_structures(self, ids: Sequence[str]) -> None:
        record(self.undo_stack, self.state, "Show", lambda: self.state.show(ids))

    def isolate_structures(self, ids: Sequence[str]) -> None:
        """Show only ``ids`` and bring the first into view."""
        record(self.undo_stack, self.state, "Isolate", lambda: self.state.isolate(ids))
        if ids:
            self.loop.move_camera(self.renderer.framing_pose([ids[0]]))

    def fade_structures(self, ids: Sequence[str]) -> None:
        """Fade ``ids`` (those faded already come back)."""
        record(
            self.undo_stack,
            self.state,
            "Fade",
            lambda: self.state.set_faded(self.state.faded ^ set(ids)),
        )

    def show_all(self) -> None:
        record(self.undo_stack, self.state, "Show all", self.state.show_all)

    def _selection(self) -> list[str]:
        return [self.state.selected] if self.state.selected else []

    def isolate_selection(self) -> None:
        if self._selection():
            self.isolate_structures(self._selection())

    def hide_selection(self) -> None:
        if self._selection():
            self.hide_structures(self._selection())

    def fade_selection(self) -> None:
        if self._selection():
            self.fade_structures(self._selection())
