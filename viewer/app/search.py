"""The search field: type a name, press Enter once, get the best match.

The ranking is :meth:`viewer.content.Annotations.search` (structure names, then synonyms, then
topics; typo-tolerant); this widget only shows it. While the user types, a list under the field
shows the matches when there are several, best first and the best one current; Up and Down move
through it, Enter (or a click) chooses, Escape closes it. The field never hands a key to a popup:
the list is a window that takes no focus, so the first Enter always reaches the field.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QHideEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListWidget, QListWidgetItem

from ..content import Annotations
from ..content.search import SearchHit

#: the most matches the list shows
MAX_SHOWN = 12
_ID = Qt.ItemDataRole.UserRole


def search_matches(
    content: Annotations, scene_ids: Collection[str], text: str, limit: int = MAX_SHOWN
) -> list[SearchHit]:
    """What a search for ``text`` can show, best first: structures that are in the scene, and
    topics."""
    hits = content.search(text)
    return [h for h in hits if h.kind == "topic" or h.id in scene_ids][:limit]


def _topic_target(content: Annotations, tid: str) -> tuple[str, str]:
    story = content.story_for_topic(tid)
    return ("story", story.id) if story is not None else ("topic", tid)


def search_target(
    content: Annotations, scene_ids: Collection[str], text: str
) -> tuple[str, str] | None:
    """What a search for ``text`` shows: ("structure", id) for a structure in the scene,
    ("story", id) for a topic a story tells, ("topic", id) for any other topic; None if nothing
    matches. ``text`` may be an id (a chosen row of the list names its entry so)."""
    if text in scene_ids:
        return ("structure", text)
    if text in content.topics:
        return _topic_target(content, text)
    hits = search_matches(content, scene_ids, text, 1)
    if not hits:
        return None
    best = hits[0]
    return ("structure", best.id) if best.kind == "structure" else _topic_target(content, best.id)


def row_text(content: Annotations, hit: SearchHit) -> str:
    """A row of the list: the entry's name, and the name that matched when it is another."""
    name = content.display_name(hit.id)
    kind = "topic" if hit.kind == "topic" else "structure"
    matched = f" — {hit.term}" if hit.term.casefold() != name.casefold() else ""
    return f"{name}{matched}  ({kind})"


class SearchResults(QListWidget):
    """The list of matches under the field: a window that never takes the focus."""

    def __init__(self, field: QLineEdit):
        super().__init__(field)
        self.setObjectName("search_results")
        self.setWindowFlags(Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)

    def ids(self) -> list[str]:
        """The ids of the rows, in order."""
        return [self.item(n).data(_ID) for n in range(self.count())]


class SearchField(QLineEdit):
    """Emits ``search_requested(text)`` when the user chooses: the id of the chosen match, or
    the typed text when nothing matches (so that the window can say so)."""

    search_requested = Signal(str)

    def __init__(self, content: Annotations, scene_ids: Collection[str], parent=None):
        super().__init__(parent)
        self.content = content
        self.scene_ids = frozenset(scene_ids)
        self.setObjectName("search_field")
        self.setPlaceholderText("Search structures and topics (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.matches: list[SearchHit] = []
        self.results = SearchResults(self)
        self.results.itemClicked.connect(self._on_row_clicked)
        self.textChanged.connect(self._update_matches)

    # -- matches -------------------------------------------------------------------------------
    def _update_matches(self, text: str) -> None:
        self.matches = search_matches(self.content, self.scene_ids, text)
        self.results.clear()
        for hit in self.matches:
            row = QListWidgetItem(row_text(self.content, hit))
            row.setData(_ID, hit.id)
            self.results.addItem(row)
        if len(self.matches) > 1 and self.hasFocus():
            self.results.setCurrentRow(0)
            self._place_results()
            self.results.show()
        else:
            self.results.hide()

    def _place_results(self) -> None:
        rows = min(self.results.count(), MAX_SHOWN)
        row_height = max(self.results.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.results.resize(
            max(self.width(), 360), rows * row_height + 2 * self.results.frameWidth() + 2
        )
        self.results.move(self.mapToGlobal(QPoint(0, self.height())))

    def current_match(self) -> SearchHit | None:
        """The match Enter would choose: the current row of the list, else the best match."""
        row = self.results.currentRow() if self.results.isVisible() else 0
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def _choose(self, hit: SearchHit | None) -> None:
        self.results.hide()
        text = self.text().strip()
        if hit is not None:
            self.search_requested.emit(hit.id)
        elif text:
            self.search_requested.emit(text)

    def _on_row_clicked(self, item: QListWidgetItem) -> None:
        row = self.results.row(item)
        self._choose(self.matches[row] if 0 <= row < len(self.matches) else None)

    # -- keys and focus ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._choose(self.current_match())
            event.accept()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.isVisible():
            step = 1 if key == Qt.Key.Key_Down else -1
            row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
            self.results.setCurrentRow(row)
            event.accept()
        elif key == Qt.Key.Key_Escape and self.results.isVisible():
            self.results.hide()
            event.accept()
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        """Escape, Up and Down belong to the open list before any window shortcut."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and self.results.isVisible()
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            event.accept()
            return True
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        if not self.results.underMouse():
            self.results.hide()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        super().hideEvent(event)
        self.results.hide()

    def focus_and_select(self) -> None:
        self.setFocus()
        self.selectAll()
