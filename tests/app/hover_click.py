"""Hover, then click, over a grid of points of the 3D view, with real Qt mouse events; the
window may run at any device pixel ratio.

``python -m tests.app.hover_click`` runs it in a window of its own and prints one JSON line: the
test runs it so with ``QT_SCALE_FACTOR=1.5`` (Qt reads the factor once, when the application
starts).
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.render.id_buffer import BACKGROUND, id_buffer
from viewer.vocabulary import VIEW_NAMES

#: grid points per view, across and down, over the model's box on screen (and one corner)
GRID = (4, 3)
#: the same at a device pixel ratio of 1.5, in a window of its own (each frame costs 2.25 times
#: the pixels; what it checks is the mapping of logical to device pixels, which a coarser grid
#: shows as well)
SCALED_GRID = (3, 2)


@dataclass(frozen=True)
class Try:
    view: str
    x: float
    y: float
    hovered: str | None
    status: str
    selected: str | None
    #: what the id buffer shows at the device pixel under the point (None: background; "edge":
    #: the pixels around it show more than one thing, so either is fair)
    drawn: str | None


def send(view, kind, pos: QPointF, button=Qt.MouseButton.NoButton, buttons=None) -> None:
    buttons = Qt.MouseButton.NoButton if buttons is None else buttons
    event = QMouseEvent(kind, pos, view.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier(0))
    QApplication.sendEvent(view, event)


def drawn_under(window, buffer, ids, x: float, y: float) -> str | None:
    """What the id buffer shows at the device pixel under logical point (x, y)."""
    px, py = window.pointer.display_point(x, y)
    col, row = int(px), int(py)
    around = buffer[max(0, row - 2) : row + 3, max(0, col - 2) : col + 3]
    if around.size == 0 or np.any(around != buffer[row, col]):
        return "edge"
    k = int(buffer[row, col])
    return None if k == BACKGROUND else ids[k]


def hover_then_click(window, views=VIEW_NAMES, grid=GRID) -> list[Try]:
    """For each view and grid point: hover there (the status bar names what is under the
    cursor), then press and release there (a click: it selects)."""
    view = window.scene_view
    out: list[Try] = []
    for name in views:
        window.select(None)
        window.set_view(name, animate=False)
        QApplication.processEvents()
        view.render()
        buffer, ids = id_buffer(window.scene)
        points = [QPointF(3.3, 3.3)]  # the background
        rows, cols = np.nonzero(buffer != BACKGROUND)
        dpr = view.devicePixelRatioF()
        height = buffer.shape[0]
        x0, x1 = cols.min() / dpr, cols.max() / dpr
        y0, y1 = (height - 1 - rows.max()) / dpr, (height - 1 - rows.min()) / dpr
        for i in range(grid[0]):
            for j in range(grid[1]):
                x = x0 + (x1 - x0) * (i + 0.5) / grid[0] + 0.3
                y = y0 + (y1 - y0) * (j + 0.5) / grid[1] + 0.3
                points.append(QPointF(x, y))
        for pos in points:
            send(view, QMouseEvent.Type.MouseMove, pos)
            window.pointer._hover_timer.stop()
            window.pointer._hover_pick()  # what the hover timer does when it fires
            hovered = window.pointer.hovered
            status = window.statusBar().currentMessage()
            left = Qt.MouseButton.LeftButton
            send(view, QMouseEvent.Type.MouseButtonPress, pos, left, left)
            send(view, QMouseEvent.Type.MouseButtonRelease, pos, left)
            out.append(
                Try(
                    name,
                    pos.x(),
                    pos.y(),
                    hovered,
                    status,
                    window.state.selected,
                    drawn_under(window, buffer, ids, pos.x(), pos.y()),
                )
            )
        QApplication.processEvents()
    return out


def main() -> int:
    import tempfile

    from PySide6.QtCore import QSettings

    from viewer import MainWindow

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="l5s1-")
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1000, 700)
    window.show()
    for _ in range(5):
        app.processEvents()
    tries = hover_then_click(window, grid=SCALED_GRID)
    print(
        "RESULT "
        + json.dumps(
            {"dpr": window.scene_view.devicePixelRatioF(), "tries": [asdict(t) for t in tries]}
        )
    )
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
