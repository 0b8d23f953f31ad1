"""The structure tree: groups, left/right pairs under one entry, a visibility checkbox per item.

It mirrors the scene state (what is shown, what is selected, the voice: in the patient's words
every name is the plain one) and asks for changes with ``visibility_requested`` and
``structure_activated``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from ..anatomy.structures import mirror_id
from ..scene.events import Event
from ..scene.state import SceneState
from ..vocabulary import GROUP_TITLES, GROUPS, HIDDEN_BY_DEFAULT
from .plain_text import tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the structure id of a leaf
LEAVES_ROLE = Qt.ItemDataRole.UserRole + 2  # the ids under any item


def pair_name(name: str) -> str:
    """ "Left piriformis" / "Piriformis (left)" / "Buttock muscle (left piriformis)" ->
    "Piriformis" / "Piriformis" / "Buttock muscle (piriformis)"."""
    out = re.sub(r"\((left|right)\)|\b(left|right)\b", "", name, flags=re.IGNORECASE)
    out = re.sub(r"\(\s+", "(", out)
    out = " ".join(out.replace(" ,", ",").split()).strip(" ,-")
    return out[:1].upper() + out[1:] if out else name


class StructureTree(QTreeView):
    visibility_requested = Signal(list, bool)  # ids, shown
    structure_activated = Signal(str)

    def __init__(self, content, state: SceneState, parent=None):
        super().__init__(parent)
        self.setObjectName("structure_tree")
        self.content = content
        self.scene_state = state
        self.tree_model = QStandardItemModel(self)
        self.setModel(self.tree_model)
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.leaves: dict[str, QStandardItem] = {}
        self._parents: list[QStandardItem] = []
        self._syncing = False
        self._build()
        self.tree_model.itemChanged.connect(self._on_item_changed)
        self.selectionModel().currentChanged.connect(self._on_current)
        state.events.visibility.connect(self.sync_visibility)
        state.events.focus.connect(self.sync_visibility)
        state.events.selection.connect(self._on_selection)
        state.events.voice.connect(self._name_items)
        self.sync_visibility()

    def event(self, event: QEvent) -> bool:
        """Space on a row toggles the row: it is the tree's, not the window's shortcut (the
        pulse's pause) while the tree has the focus."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        item = self.tree_model.itemFromIndex(self.currentIndex())
        if event.key() == Qt.Key.Key_Space and item is not None and item.isCheckable():
            index = self.currentIndex()
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            if self.currentIndex() != index:  # hiding the selection cleared it: keep the row
                self._syncing = True
                try:
                    self.selectionModel().setCurrentIndex(
                        index, QItemSelectionModel.SelectionFlag.NoUpdate
                    )
                finally:
                    self._syncing = False
            event.accept()
            return
        super().keyPressEvent(event)

    def _item(self, text: str, ids: list[str], leaf: str | None = None) -> QStandardItem:
        item = QStandardItem(text)
        item.setCheckable(True)
        item.setData(ids, LEAVES_ROLE)
        if leaf is not None:
            item.setData(leaf, ID_ROLE)
            self.leaves[leaf] = item
            item.setToolTip(tooltip(f"{text} ({leaf})"))
        else:
            self._parents.append(item)
        return item

    def _name(self, sid: str) -> str:
        """A structure's name in the state's voice."""
        if sid not in self.content.structures:
            return sid.replace("_", " ")
        return self.content.display_name(sid, self.scene_state.voice)

    def _name_items(self, _event: Event | None = None) -> None:
        """Every structure and pair named anew in the state's voice (the voice changed); a new
        text is no request to show or hide."""
        self._syncing = True
        try:
            self._rename()
        finally:
            self._syncing = False

    def _rename(self) -> None:
        for item in self._parents:
            ids = item.data(LEAVES_ROLE)
            if item.parent() is not None:  # a left/right pair
                left = next(i for i in ids if self.scene_state.structures[i].side == "left")
                item.setText(pair_name(self._name(left)))
        for sid, item in self.leaves.items():
            item.setToolTip(tooltip(f"{self._name(sid)} ({sid})"))
            if item.parent() is None or item.parent().parent() is None:  # not a Left/Right leaf
                item.setText(self._name(sid))

    def _build(self) -> None:
        present = self.scene_state.structures
        for group in GROUPS:
            gids = [sid for sid, s in present.items() if s.group == group]
            if not gids:
                continue
            group_item = self._item(GROUP_TITLES[group], gids)
            done: set[str] = set()
            for sid in gids:
                if sid in done:
                    continue
                twin = mirror_id(sid)
                if twin is not None and twin in present:
                    left, right = (sid, twin) if present[sid].side == "left" else (twin, sid)
                    pair = self._item(pair_name(self._name(left)), [left, right])
                    pair.appendRow(self._item("Left", [left], leaf=left))
                    pair.appendRow(self._item("Right", [right], leaf=right))
                    self.leaves[left].setToolTip(tooltip(self._name(left)))
                    self.leaves[right].setToolTip(tooltip(self._name(right)))
                    group_item.appendRow(pair)
                    done |= {left, right}
                else:
                    group_item.appendRow(self._item(self._name(sid), [sid], leaf=sid))
                    done.add(sid)
            self.tree_model.appendRow(group_item)
            if group not in HIDDEN_BY_DEFAULT:
                self.expand(group_item.index())

    # -- state -> tree -------------------------------------------------------------------------
    def sync_visibility(self, _event: Event | None = None) -> None:
        """Tick what the state shows."""
        self._syncing = True
        try:
            for sid, item in self.leaves.items():
                on = self.scene_state.is_shown(sid)
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            for item in self._parents:
                ids = item.data(LEAVES_ROLE)
                n = sum(self.scene_state.is_shown(i) for i in ids)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if n == len(ids)
                    else Qt.CheckState.Unchecked
                    if n == 0
                    else Qt.CheckState.PartiallyChecked
                )
        finally:
            self._syncing = False

    def _on_selection(self, event: Event) -> None:
        _old, sid = event.value
        self.show_selected(sid)

    def show_selected(self, sid: str | None) -> None:
        self._syncing = True
        try:
            sel = self.selectionModel()
            if sid is None or sid not in self.leaves:
                sel.clearSelection()
                sel.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
                return
            index = self.leaves[sid].index()
            self.expand(index.parent())
            if index.parent().parent().isValid():
                self.expand(index.parent().parent())
            sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)
        finally:
            self._syncing = False

    # -- tree -> requests ----------------------------------------------------------------------
    def _on_item_changed(self, item: QStandardItem) -> None:
        if self._syncing:
            return
        on = item.checkState() != Qt.CheckState.Unchecked
        self.visibility_requested.emit(list(item.data(LEAVES_ROLE)), on)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        sid = current.data(ID_ROLE)
        if sid:
            self.structure_activated.emit(sid)
