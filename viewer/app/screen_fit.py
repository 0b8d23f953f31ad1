"""The window on the screen it opens on: it fits that screen's available area (a 1024x768
projector included), and the 3D view keeps at least :data:`MIN_VIEW_SHARE` of the window's width,
the docks beside it giving way when the window narrows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow

#: the window's size on a screen large enough for it
DEFAULT_SIZE = (1280, 800)
#: the least share of the window's width the 3D view keeps
MIN_VIEW_SHARE = 0.6
#: the first layout's dock widths, as shares of the window's width (left column, right column)
FIRST_SHARES = {"structures": 0.17, "info": 0.22}
#: room left for the splitter handles and frames between the docks and the view (pixels)
HANDLES_PX = 16


def available_area(window: QMainWindow) -> QRect:
    """The available area (without task bars) of the screen the window is on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QMainWindow, size: tuple[int, int] = DEFAULT_SIZE) -> None:
    """Give the window ``size``, or less where the screen is smaller, and move it onto the
    screen (a restored geometry from a larger screen included)."""
    area = available_area(window)
    # the frame's title bar and borders (none before the window is shown: a typical one)
    frame = window.frameGeometry()
    extra_w = max(frame.width() - window.width(), 0) if window.isVisible() else 0
    extra_h = max(frame.height() - window.height(), 0) if window.isVisible() else 0
    w = min(size[0], area.width() - extra_w)
    h = min(size[1], area.height() - extra_h)
    window.resize(w, h)
    x = min(max(window.x(), area.x()), area.right() - w - extra_w + 1)
    y = min(max(window.y(), area.y()), area.bottom() - h - extra_h + 1)
    window.move(max(x, area.x()), max(y, area.y()))


def fits_on_screen(window: QMainWindow) -> bool:
    """Whether the whole window lies within its screen's available area."""
    return available_area(window).contains(window.frameGeometry())


def _columns(window: QMainWindow) -> dict[Qt.DockWidgetArea, list[QDockWidget]]:
    """The docked, visible docks beside the view, by side."""
    columns: dict[Qt.DockWidgetArea, list[QDockWidget]] = {}
    for dock in window.findChildren(QDockWidget):
        area = window.dockWidgetArea(dock)
        if (
            dock.isVisible()
            and not dock.isFloating()
            and area
            in (
                Qt.DockWidgetArea.LeftDockWidgetArea,
                Qt.DockWidgetArea.RightDockWidgetArea,
            )
        ):
            columns.setdefault(area, []).append(dock)
    return columns


def keep_view_share(window: QMainWindow, share: float = MIN_VIEW_SHARE) -> None:
    """Narrow the docks beside the view (in proportion, to their minimum widths at most) until
    the view has ``share`` of the window's width."""
    view = window.centralWidget()
    total = window.width()
    if view is None or total <= 0 or view.width() >= share * total:
        return
    columns = _columns(window)
    # a column's width: its docks on show (a tab behind another keeps an old width)
    widths = {
        area: max(d.width() if not d.visibleRegion().isEmpty() else 0 for d in docks)
        for area, docks in columns.items()
    }
    least = {
        area: max(max(d.minimumWidth(), d.minimumSizeHint().width()) for d in docks)
        for area, docks in columns.items()
    }
    # a little under the share asked for, so that rounding never leaves the view just short
    budget = (1.0 - share - 0.01) * total - HANDLES_PX
    targets = _shrink(widths, least, budget)
    if targets is None:
        return
    docks, sizes = [], []
    for area, column in columns.items():
        for dock in column:
            docks.append(dock)
            sizes.append(max(targets[area], dock.minimumWidth()))
    window.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)


def _shrink(widths: dict, least: dict, budget: float) -> dict | None:
    """Column widths summing to ``budget`` at most, each shrunk in proportion but never under
    its least width (None: nothing to shrink)."""
    if sum(widths.values()) <= budget or not widths:
        return None
    targets = dict(widths)
    for _ in range(len(widths)):
        free = [a for a in targets if targets[a] > least[a]]
        over = sum(targets.values()) - budget
        if over <= 0 or not free:
            break
        room = sum(targets[a] for a in free)
        scale = max(0.0, (room - over) / room)
        for a in free:
            targets[a] = max(least[a], int(targets[a] * scale))
    return targets


def first_layout(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """The dock widths of a first start: shares of the window's width (:data:`FIRST_SHARES`)."""
    chosen = [docks[name] for name in FIRST_SHARES]
    widths = [
        max(int(share * window.width()), docks[name].minimumWidth())
        for name, share in FIRST_SHARES.items()
    ]
    window.resizeDocks(chosen, widths, Qt.Orientation.Horizontal)
    keep_view_share(window)


class ViewShareKeeper(QObject):
    """Keeps the view's share of the width (:func:`keep_view_share`) after each resize of the
    window, once the layout has settled."""

    def __init__(self, window: QMainWindow, share: float = MIN_VIEW_SHARE):
        super().__init__(window)
        self.window = window
        self.share = share
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.keep)
        window.installEventFilter(self)

    def keep(self) -> None:
        keep_view_share(self.window, self.share)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False
