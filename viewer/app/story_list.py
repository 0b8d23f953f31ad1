"""The Stories dock: the side the stories are told on, the condition stories and the S1 nerve
paths.

- :class:`SideChooser`: Left / Right. Choosing emits ``side_chosen``; it follows the side of the
  story or path in focus, and the side last chosen is remembered between runs.
- :class:`StoryList`: choosing a row emits ``story_chosen`` or ``path_chosen``; the row of the
  story or path in focus in the scene state is the current one (none while neither is). The rows
  speak in the state's voice (a story's plain title in the patient's words).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..scene.events import Event
from ..scene.state import SceneState, Voice
from ..vocabulary import SIDES, Side

#: each row's (kind, key): ("story", story id) or ("path", path id)
ROW_ROLE = Qt.ItemDataRole.UserRole
#: where the side last chosen is remembered (QSettings)
SIDE_SETTING = "stories/side"


def path_row_text(side: Side, voice: Voice) -> str:
    """A nerve path's row in the list."""
    if voice == "patient":
        return f"The S1 nerve's path, {side} side"
    return f"S1 nerve path, {side} side"


class SideChooser(QWidget):
    """Left / Right: the side of the body the stories are told on."""

    side_chosen = Signal(str)

    def __init__(self, state: SceneState, parent=None):
        super().__init__(parent)
        self.setObjectName("side_chooser")
        self.scene_state = state
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel("Side of the body:"))
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[Side, QToolButton] = {}
        for side in SIDES:
            button = QToolButton(self)
            button.setObjectName(f"side_{side}")
            button.setText(side.capitalize())
            button.setCheckable(True)
            button.setToolTip(f"Tell the stories on the patient's {side} side")
            self.group.addButton(button)
            self.buttons[side] = button
            lay.addWidget(button)
        lay.addStretch(1)
        remembered = str(QSettings().value(SIDE_SETTING, SIDES[0]))
        self._show(next((s for s in SIDES if s == remembered), SIDES[0]))
        self.group.buttonClicked.connect(self._on_click)
        state.events.focus.connect(self._on_focus)

    @property
    def side(self) -> Side:
        """The side chosen (or shown by the story or path in focus)."""
        return next(s for s, b in self.buttons.items() if b.isChecked())

    def _show(self, side: Side) -> None:
        self.buttons[side].setChecked(True)

    def choose(self, side: Side) -> None:
        """Choose ``side`` as a user does: remembered, and ``side_chosen`` emitted."""
        if side not in SIDES:
            raise ValueError(f"side is one of {SIDES}, not {side!r}")
        self._show(side)
        QSettings().setValue(SIDE_SETTING, side)
        self.side_chosen.emit(side)

    def _on_click(self, button: QToolButton) -> None:
        self.choose(next(s for s, b in self.buttons.items() if b is button))

    def _on_focus(self, event: Event) -> None:
        focus = event.value
        if focus is not None and focus.kind in ("story", "path") and focus.side in SIDES:
            self._show(focus.side)


class StoryList(QListWidget):
    story_chosen = Signal(str)
    path_chosen = Signal(str)

    def __init__(self, content, state: SceneState, parent=None):
        super().__init__(parent)
        self.setObjectName("story_list")
        self.content = content
        self.scene_state = state
        for sid in content.stories:
            self._add(("story", sid))
        for pid in content.paths:
            self._add(("path", pid))
        self._name_rows()
        self.itemActivated.connect(self._on_item)
        self.currentItemChanged.connect(self._on_item)
        state.events.focus.connect(self._on_focus)
        state.events.voice.connect(self._name_rows)

    def _add(self, row: tuple[str, str]) -> None:
        item = QListWidgetItem()
        item.setData(ROW_ROLE, row)
        self.addItem(item)

    def _name_rows(self, _event: Event | None = None) -> None:
        """Each row's text in the state's voice."""
        voice = self.scene_state.voice
        for r in range(self.count()):
            item = self.item(r)
            kind, key = item.data(ROW_ROLE)
            if kind == "story":
                story = self.content.story(key)
                item.setText(story.patient_title if voice == "patient" else story.title)
            else:
                item.setText(path_row_text(self.content.path(key).side, voice))

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


def stories_box(side_chooser: QWidget, story_list: QWidget) -> QWidget:
    """The Stories dock's widget: the side chooser above the list."""
    box = QWidget()
    box.setObjectName("stories_box")
    lay = QVBoxLayout(box)
    lay.setContentsMargins(4, 4, 4, 4)
    lay.addWidget(side_chooser)
    lay.addWidget(story_list)
    return box
