"""The docks around the 3D view: structures (with the search field), information, stories (with
the side they are told on) and the article (tabbed together), and the body chart (the pain map)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QVBoxLayout, QWidget

from .story_list import stories_box

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
#: the narrowest each dock may become: narrow enough that on a 1024 px screen the 3D view keeps
#: 60 % of the width (:mod:`.screen_fit`)
MIN_WIDTHS = {"structures": 170, "info": 180, "stories": 170, "article": 170}


def _dock(window: QMainWindow, name: str, title: str, widget: QWidget, area) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


def _scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: a dock too short for it scrolls, never squeezes."""
    area = QScrollArea()
    area.setObjectName(f"{widget.objectName()}_scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


def build_docks(
    window: QMainWindow,
    search_field: QWidget,
    structure_tree: QWidget,
    info_panel: QWidget,
    side_chooser: QWidget,
    story_list: QWidget,
    article_panel: QWidget,
    body_chart: QWidget,
) -> dict[str, QDockWidget]:
    """The docks by name: ``structures``, ``info``, ``stories``, ``article``, ``chart``."""
    tree_box = QWidget()
    lay = QVBoxLayout(tree_box)
    lay.setContentsMargins(4, 4, 4, 4)
    lay.addWidget(search_field)
    lay.addWidget(structure_tree)
    docks = {
        "structures": _dock(window, "structures_dock", "Structures", tree_box, LEFT),
        "info": _dock(window, "info_dock", "Information", info_panel, RIGHT),
        "stories": _dock(
            window, "stories_dock", "Stories", stories_box(side_chooser, story_list), LEFT
        ),
        "article": _dock(window, "article_dock", "Article", article_panel, LEFT),
        "chart": _dock(window, "body_chart_dock", "Pain map", _scrolling(body_chart), RIGHT),
    }
    window.tabifyDockWidget(docks["stories"], docks["article"])
    reset_minimum_widths(docks)
    return docks


def reset_minimum_widths(docks: dict[str, QDockWidget]) -> None:
    """Each dock's least width anew (:data:`MIN_WIDTHS`): a dock's layout raises it to what its
    text needs, and never lowers it when the text becomes smaller again."""
    for name, width in MIN_WIDTHS.items():
        docks[name].setMinimumWidth(width)
