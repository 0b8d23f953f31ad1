"""Undo and redo of visibility and selection: each user change is one QUndoCommand holding the
scene-state snapshots before and after it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from ..scene.state import SceneState, Snapshot


class StateChange(QUndoCommand):
    def __init__(self, state: SceneState, text: str, before: Snapshot, after: Snapshot):
        super().__init__(text)
        self.state = state
        self.before = before
        self.after = after
        self._done = True  # pushed after the change was made

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.state.restore(self.after)

    def undo(self) -> None:
        self.state.restore(self.before)


def record(stack: QUndoStack, state: SceneState, text: str, change: Callable[[], None]) -> None:
    """Make ``change`` to the state and, when it changed anything undoable, push it."""
    before = state.snapshot()
    change()
    after = state.snapshot()
    if after != before:
        stack.push(StateChange(state, text, before, after))
