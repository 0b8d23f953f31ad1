"""The docks of a class's tools (Pins, Quiz, Tours): on the right, tabbed with the Information
dock (they share its height rather than stack under it), each scrolling when short, so a layout
saved with them open still fits a small screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

if TYPE_CHECKING:
    from .main_window import MainWindow


def class_dock(window: MainWindow, name: str, title: str, widget: QWidget) -> QDockWidget:
    """A hidden dock ``name`` holding ``widget`` (in a scroll area), tabbed with the Information
    dock and listed in ``window.docks`` (so the Window menu shows it)."""
    area = QScrollArea()
    area.setObjectName(f"{name}_scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    dock = QDockWidget(title, window)
    dock.setObjectName(f"{name}_dock")
    dock.setWidget(area)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    info = window.docks.get("info")
    if info is not None:
        window.tabifyDockWidget(info, dock)
    dock.hide()
    window.docks[name] = dock
    return dock


#: a tool's dock, when it comes up, takes at most this share of the window's height
ROOM_SHARE = 0.8


def give_room(window: MainWindow, dock: QDockWidget) -> None:
    """Show and raise ``dock``, as tall as its contents ask (up to :data:`ROOM_SHARE` of the
    window), so nothing of it is scrolled out of sight when it comes up."""
    dock.show()
    dock.raise_()
    area = dock.widget()
    inner = area.widget() if isinstance(area, QScrollArea) else area
    if inner is None:
        return
    want = min(inner.sizeHint().height() + 40, int(window.height() * ROOM_SHARE))
    window.resizeDocks([dock], [want], Qt.Orientation.Vertical)
