"""The Article dock: the source article's sections in reading order, each with its topics (and a
topic's list items) beneath it. Choosing a row emits ``section_chosen`` or ``topic_chosen``; a
section or topic put in focus in the scene state is chosen here too. Topics and list items are
named in the scene state's voice (the article's own section headings stay as they are). The order
and stepping live in :mod:`viewer.scene.article`."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from ..scene.article import TopicNode, outline, step_section
from ..scene.events import Event
from ..scene.state import SceneState
from .plain_text import tooltip

KIND = Qt.ItemDataRole.UserRole
KEY = Qt.ItemDataRole.UserRole + 1
#: a list item's id (its row's KEY is its topic's)
ITEM = Qt.ItemDataRole.UserRole + 2


def _row(text: str, kind: str, key: str, tip: str | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(kind, KIND)
    item.setData(key, KEY)
    item.setToolTip(tooltip(tip or text))
    return item


class ArticlePanel(QTreeView):
    """A tree of the article. ``choose(kind, key)`` selects a row; ``step(n)`` moves ``n``
    sections on in article order."""

    section_chosen = Signal(str)
    topic_chosen = Signal(str)

    def __init__(self, content, state: SceneState, parent=None):
        super().__init__(parent)
        self.setObjectName("article_panel")
        self.content = content
        self.scene_state = state
        state.events.focus.connect(self._on_focus)
        state.events.voice.connect(self._name_rows)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.tree_model = QStandardItemModel(self)
        self.sections = outline(content)
        for sec in self.sections:
            row = _row(sec.title, "section", sec.id)
            for node in sec.topics:
                row.appendRow(self._topic_row(node))
            self.tree_model.appendRow(row)
        self.setModel(self.tree_model)
        self._name_rows()
        self.current_section: str | None = None
        self.selectionModel().currentChanged.connect(self._on_current)
        self.activated.connect(self._on_current)

    def _topic_row(self, node: TopicNode) -> QStandardItem:
        t = self.content.topic(node.id)
        row = _row(t.title, "topic", node.id)
        for child in node.children:
            row.appendRow(self._topic_row(child))
        for it in t.items:
            item_row = _row(it.name, "topic", node.id, f"{it.name} ({t.title})")
            item_row.setData(it.id, ITEM)
            row.appendRow(item_row)
        return row

    def _name_rows(self, _event: Event | None = None) -> None:
        """Each topic and list item named in the state's voice."""
        voice = self.scene_state.voice

        def walk(parent: QStandardItem) -> None:
            for r in range(parent.rowCount()):
                row = parent.child(r)
                if row.data(KIND) == "topic":
                    topic = self.content.topic(row.data(KEY))
                    item_id = row.data(ITEM)
                    if item_id is None:
                        row.setText(self.content.display_name(topic.id, voice))
                    else:
                        it = next(i for i in topic.items if i.id == item_id)
                        row.setText(it.patient_name if voice == "patient" else it.name)
                walk(row)

        walk(self.tree_model.invisibleRootItem())

    def _on_focus(self, event: Event) -> None:
        focus = event.value
        if focus is not None and focus.kind in ("section", "topic"):
            self.choose(focus.kind, focus.key, announce=False)

    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]

    def _section_of(self, index: QModelIndex) -> str | None:
        while index.isValid() and index.parent().isValid():
            index = index.parent()
        return index.data(KEY) if index.isValid() else None

    def _on_current(self, index: QModelIndex, _previous=None) -> None:
        if not index.isValid():
            return
        self.current_section = self._section_of(index)
        if index.data(KIND) == "section":
            self.section_chosen.emit(index.data(KEY))
        else:
            self.topic_chosen.emit(index.data(KEY))

    def _find(self, kind: str, key: str) -> QModelIndex:
        """The first row for ``key``: under the current section if it is there, else anywhere."""
        hits = self.tree_model.match(
            self.tree_model.index(0, 0),
            KEY,
            key,
            -1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        hits = [h for h in hits if h.data(KIND) == kind]
        here = [h for h in hits if self._section_of(h) == self.current_section]
        return (here or hits or [QModelIndex()])[0]

    def choose(self, kind: str, key: str, announce: bool = True) -> bool:
        """Select the row of a section or topic (emitting its signal unless ``announce`` is off)."""
        cur = self.currentIndex()
        if cur.isValid() and (cur.data(KIND), cur.data(KEY)) == (kind, key):
            return True  # already there (a list item's row shows its topic)
        index = self._find(kind, key)
        if not index.isValid():
            return False
        self.blockSignals(not announce)  # the view's own signals; the model's still update it
        try:
            if self.currentIndex() == index:
                self._on_current(index)
            else:
                self.setCurrentIndex(index)
            self.scrollTo(index)
        finally:
            self.blockSignals(False)
        self.current_section = self._section_of(index)
        return True

    def step(self, n: int) -> str | None:
        """Go ``n`` sections on (back when negative) in article order; the section chosen."""
        target = step_section(self.section_ids(), self.current_section, n)
        if target is not None:
            self.choose("section", target)
            self.expand(self._find("section", target))
        return target
