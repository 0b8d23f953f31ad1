"""The Stories dock: the condition stories and the S1 nerve paths. Choosing a row emits
``story_chosen`` or ``path_chosen``; the row of the story or path in focus in the scene state is
the current one (none while neither is)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ..scene.events import Event
from ..scene.state import SceneState

#: each row's (kind, key): ("story", story id) or ("path", path id)
ROW_ROLE = Qt.ItemDataRole.UserRole


class StoryList(QListWidget):
    story_chosen = Signal(str)
    path_chosen = Signal(str)

    def __init__(self, content, state: SceneState, parent=None):
        super().__init__(parent)
        self.setObjectName("story_list")
        self.scene_state = state
        for sid, story in content.stories.items():
            self._add(story.title, ("story", sid))
        for pid, path in content.paths.items():
            self._add(f"S1 nerve path, {path.side} side", ("path", pid))
        self.itemActivated.connect(self._on_item)
        self.currentItemChanged.connect(self._on_item)
        state.events.focus.connect(self._on_focus)

    def _add(self, text: str, row: tuple[str, str]) -> None:
        item = QListWidgetItem(text)
        item.setData(ROW_ROLE, row)
        self.addItem(item)

    def rows(self) -> list[tuple[str, str]]:
        """Each row's (kind, key), in order."""
        return [self.item(r).data(ROW_ROLE) for r in range(self.count())]

    def _on_focus(self, event: Event) -> None:
        focus = event.value
        row = (focus.kind, focus.key) if focus is not None else None
        self.blockSignals(True)
        try:
            self.setCurrentRow(self.rows().index(row) if row in self.rows() else -1)
        finally:
            self.blockSignals(False)

    def _on_item(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        kind, key = item.data(ROW_ROLE)
        focus = self.scene_state.focus
        if focus is not None and (focus.kind, focus.key) == (kind, key):
            return  # shown already
        (self.story_chosen if kind == "story" else self.path_chosen).emit(key)
