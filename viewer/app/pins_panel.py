"""Pins and notes in the window: the Pins dock (the list, the note's text, place / move /
delete) and the tools behind it: N then a click places a pin, the right-click menu has "Add pin
here", M then a click moves the chosen pin, Delete deletes it; each one undoable step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..scene.events import Event
from ..scene.pins import MAX_PIN_TEXT, PinBoard
from .class_docks import class_dock
from .pins_clicks import ClickCapture
from .pins_commands import PinCommands

if TYPE_CHECKING:
    from .main_window import MainWindow


class PinsPanel(QWidget):
    """The pins of ``board``, one row each (note and structure), and the chosen pin's note.

    ``edited(pin_id, text)`` when the note is typed and Enter pressed."""

    edited = Signal(str, str)

    def __init__(self, board: PinBoard, name_of, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pins_panel")
        self.board = board
        self.name_of = name_of
        self.pin_list = QListWidget()
        self.pin_list.setObjectName("pin_list")
        self.text_field = QLineEdit()
        self.text_field.setObjectName("pin_text")
        self.text_field.setMaxLength(MAX_PIN_TEXT)
        self.text_field.setPlaceholderText("The pin's note; Enter keeps it")
        self.place_button = QPushButton("Place (N)")
        self.move_button = QPushButton("Move (M)")
        self.delete_button = QPushButton("Delete (Del)")
        buttons = QHBoxLayout()
        for b in (self.place_button, self.move_button, self.delete_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.pin_list)
        lay.addWidget(self.text_field)
        lay.addLayout(buttons)
        self.pin_list.currentItemChanged.connect(self._on_current)
        self.text_field.returnPressed.connect(self._on_return)
        board.events.pins.connect(self._refill)
        self._refill()

    @property
    def current(self) -> str | None:
        """The pin chosen in the list (None: none)."""
        item = self.pin_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def choose(self, pin_id: str | None) -> None:
        for row in range(self.pin_list.count()):
            item = self.pin_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == pin_id:
                self.pin_list.setCurrentItem(item)
                return
        self.pin_list.setCurrentRow(-1)

    def rows(self) -> list[str]:
        return [self.pin_list.item(r).text() for r in range(self.pin_list.count())]

    def _refill(self, _event: Event | None = None) -> None:
        keep = self.current
        self.pin_list.blockSignals(True)
        self.pin_list.clear()
        for pin in self.board:
            item = QListWidgetItem(f"{pin.text or '(no note yet)'} — {self.name_of(pin.structure)}")
            item.setData(Qt.ItemDataRole.UserRole, pin.id)
            self.pin_list.addItem(item)
        self.pin_list.blockSignals(False)
        self.choose(keep if keep in self.board else None)
        self._on_current()

    def _on_current(self, *_args) -> None:
        pid = self.current
        self.text_field.setEnabled(pid is not None)
        self.text_field.setText(self.board.get(pid).text if pid is not None else "")
        self.move_button.setEnabled(pid is not None)
        self.delete_button.setEnabled(pid is not None)

    def _on_return(self) -> None:
        pid = self.current
        if pid is not None:
            self.edited.emit(pid, self.text_field.text())


class PinTools(QObject):
    """What the pin actions do (``window.pin_tools``): place, edit, move and delete pins."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.board = window.scene.pins
        self.commands = PinCommands(self.board, window.scene.meshes, window.undo_stack)
        self.clicks = ClickCapture(window.pointer, window.slot_errors)
        self.panel = PinsPanel(self.board, window.scene.name)
        self.dock = class_dock(window, "pins", "Pins", self.panel)
        guard = window.slot_errors.guard
        self.panel.edited.connect(guard(self.commands.edit))
        self.panel.place_button.clicked.connect(guard(self.arm_place))
        self.panel.move_button.clicked.connect(guard(self.arm_move))
        self.panel.delete_button.clicked.connect(guard(self.delete_current))
        self.board.events.pins.connect(lambda _e: window.request_render())
        window.pointer.menu_extras.append(self._menu_items)

    # -- placing ---------------------------------------------------------------------------------
    def arm_place(self) -> None:
        """The next click on a surface places a pin there (N again: not)."""
        if self.clicks.armed:
            self.clicks.disarm()
            self.window.statusBar().showMessage("No pin placed", 3000)
            return
        self.clicks.arm(self._place_at)
        self.window.statusBar().showMessage("Click a surface to place a pin (N again: cancel)")

    def _place_at(self, sid: str | None, point) -> None:
        if sid is None or point is None:
            self.window.statusBar().showMessage("No surface there: no pin placed", 4000)
            return
        self.place(sid, point)

    def place(self, sid: str, point, text: str = "") -> str:
        """A pin at ``point`` (mm) on ``sid``'s surface, chosen in the dock with its note ready
        to type; its id."""
        pin = self.commands.place(sid, point, text)
        self.dock.show()
        self.dock.raise_()
        self.panel.choose(pin.id)
        self.panel.text_field.setFocus()
        self.panel.text_field.selectAll()
        self.window.statusBar().showMessage(
            f"Pin placed on the {self.window.scene.name(sid)}: type its note, then Enter", 6000
        )
        return pin.id

    def _menu_items(self, menu: QMenu, sid: str) -> None:
        point = self.window.scene.renderer.picker.picked_point()
        guard = self.window.slot_errors.guard
        menu.addSeparator()
        menu.addAction("Add pin here", guard(lambda: self.place(sid, point)))

    # -- the chosen pin --------------------------------------------------------------------------
    def edit_current(self) -> None:
        """Type the chosen pin's note (the dock's text field)."""
        if self.panel.current is None and len(self.board):
            self.panel.choose(self.board.pins[-1].id)
        self.dock.show()
        self.panel.text_field.setFocus()
        self.panel.text_field.selectAll()

    def arm_move(self) -> None:
        """The next click on a surface moves the chosen pin there."""
        pid = self.panel.current
        if pid is None:
            self.window.statusBar().showMessage("Choose a pin in the Pins dock first", 4000)
            return

        def move(sid: str | None, point) -> None:
            if sid is not None and point is not None and pid in self.board:
                self.commands.move(pid, sid, point)

        self.clicks.arm(move)
        self.window.statusBar().showMessage("Click where the pin goes")

    def delete_current(self) -> None:
        pid = self.panel.current
        if pid is not None:
            self.commands.delete(pid)

    def stop(self) -> None:
        self.clicks.stop()
