"""The search field: names, other names and ids of the structures in the scene and of the
topics, offered as the user types; Return (or a chosen completion) asks for the best match."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit


def search_target(content, scene_ids: Collection[str], text: str) -> tuple[str, str] | None:
    """What a search for ``text`` shows: ("structure", id) for a structure in the scene,
    ("story", id) for a topic a story tells, ("topic", id) for any other topic; None if nothing
    matches."""
    for eid in content.search(text):
        if eid in scene_ids:
            return ("structure", eid)
        if eid in content.topics:
            story = content.story_for_topic(eid)
            return ("story", story.id) if story is not None else ("topic", eid)
    return None


class SearchField(QLineEdit):
    """Emits ``search_requested(text)`` on Return or when a completion is chosen."""

    search_requested = Signal(str)

    def __init__(self, content, scene_ids: Collection[str], parent=None):
        super().__init__(parent)
        self.setObjectName("search_field")
        self.setPlaceholderText("Search structures and topics (Ctrl+F)")
        self.setClearButtonEnabled(True)
        names: list[str] = []
        for sid, e in content.structures.items():
            if sid in scene_ids:
                names += [e.name, *e.other_names]
        for t in content.topics.values():
            names += [t.title, *t.other_names]
        model = QStringListModel(sorted(set(names), key=str.lower), self)
        completer = QCompleter(model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.returnPressed.connect(self._on_return)
        completer.activated.connect(self.search_requested.emit)

    def _on_return(self) -> None:
        popup = self.completer().popup()
        if popup is not None and popup.isVisible():
            return  # the completer answers this Return
        text = self.text().strip()
        if text:
            self.search_requested.emit(text)

    def focus_and_select(self) -> None:
        self.setFocus()
        self.selectAll()
