"""Presentation mode (F5): the 3D view alone, full screen, with a caption bar, for a lecture.

Entering hides the menus, the toolbar, the docks and the status bar, goes full screen, shows the
caption bar along the bottom of the 3D view (a title, the current text and a step counter such as
"3 / 9", large enough to read from the back row) and makes the labels large (a boost of the text
size, :data:`LABEL_BOOST`). The clicker keys PageDown / PageUp, the arrows Right / Left, and Home /
End step through what is shown. Esc (or F5 again) leaves it, and leaving puts back exactly what
was there: the window's geometry, full-screen state, dock layout (``saveState``/``restoreState``)
and the text size.

The public API (what a guided tour, issue 11, calls)::

    p = window.presentation
    p.enter(); p.leave(); p.set_active(on); p.active     # the mode
    p.set_caption("Title", "The text", "3 / 9")          # the caption bar's three parts
    p.caption                                            # (title, text, counter) shown now
    p.set_stepper(stepper)                               # PageDown/PageUp/Home/End drive it
    p.set_stepper(None)                                  # back to the built-in stepping
    p.next(); p.previous(); p.first(); p.last()          # what the keys do
    p.active_changed                                     # Signal(bool)

A *stepper* is any object with ``next()``, ``previous()``, ``first()`` and ``last()`` (see
:class:`Stepper`; :class:`CallbackStepper` makes one of four functions). While one is plugged in,
the caption is the caller's to set (:meth:`Presentation.set_caption`); without one the built-in
:class:`~viewer.app.presentation_steps.TeachingSteps` steps through the story list, the S1 path's
stages or the article's sections (whichever is in focus) and writes the caption itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

from .caption_bar import CaptionBar
from .presentation_steps import TeachingSteps

if TYPE_CHECKING:
    from .main_window import MainWindow

#: how much larger the labels and the caption are drawn while presenting (on a screen of
#: :data:`REFERENCE_HEIGHT` pixels or less; in proportion to the height on a taller one)
LABEL_BOOST = 1.5
REFERENCE_HEIGHT = 768
#: how long leaving waits for the window to get its size back before it stops watching (ms)
RESTORE_WAIT_MS = 2000
#: how long after the window has its size back the dock layout is put back again (ms)
SETTLE_MS = 150
#: the keys of each step (a clicker sends PageDown / PageUp)
STEP_KEYS = {
    "next": ("PgDown", "Right"),
    "previous": ("PgUp", "Left"),
    "first": ("Home",),
    "last": ("End",),
}


def presentation_boost(screen_height: int) -> float:
    """The text-size boost of presentation mode on a screen ``screen_height`` pixels tall."""
    return LABEL_BOOST * max(1.0, screen_height / REFERENCE_HEIGHT)


class Stepper(Protocol):
    """What presentation mode's step keys drive."""

    def next(self) -> None: ...
    def previous(self) -> None: ...
    def first(self) -> None: ...
    def last(self) -> None: ...


@dataclass(frozen=True)
class CallbackStepper:
    """A :class:`Stepper` made of four functions."""

    on_next: Callable[[], object]
    on_previous: Callable[[], object]
    on_first: Callable[[], object]
    on_last: Callable[[], object]

    def next(self) -> None:
        self.on_next()

    def previous(self) -> None:
        self.on_previous()

    def first(self) -> None:
        self.on_first()

    def last(self) -> None:
        self.on_last()


@dataclass
class _Saved:
    """What leaving puts back."""

    geometry: QByteArray
    rect: QRect
    layout: QByteArray
    full_screen: bool
    maximized: bool
    boost: float
    dock_sizes: dict[QDockWidget, QSize]


class _LayoutAfterResize(QObject):
    """Puts a dock layout back once ``window`` has its size back after full screen.

    The platform gives the window its size back a little after leaving full screen, and Qt shares
    the docks' widths out again in the layout passes that follow: measured under Xvfb, a
    ``restoreState`` at once left the right-hand docks 28 px narrower. So the layout is put back
    again after those passes (:data:`SETTLE_MS` after the window reaches its size), with each
    visible dock's size set as a user's drag would set it.
    """

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self._size: QSize | None = None
        self._layout = QByteArray()
        self._dock_sizes: dict[QDockWidget, QSize] = {}

    def arm(self, size: QSize, layout: QByteArray, dock_sizes: dict[QDockWidget, QSize]) -> None:
        self._size, self._layout, self._dock_sizes = size, layout, dock_sizes
        self.window.installEventFilter(self)
        # never left armed: a window manager that refuses the size would leave it waiting
        QTimer.singleShot(RESTORE_WAIT_MS, self.disarm)
        # where the window had its size back before leaving returned (no window manager)
        QTimer.singleShot(SETTLE_MS, self._restore_if_sized)

    def disarm(self) -> None:
        self._size = None
        self.window.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.window
            and event.type() == QEvent.Type.Resize
            and self._size is not None
            and self.window.size() == self._size
        ):
            QTimer.singleShot(SETTLE_MS, self._restore_if_sized)
        return False

    def _restore_if_sized(self) -> None:
        w = self.window
        if self._size is None or w.size() != self._size:
            return
        w.restoreState(self._layout)
        docks = [d for d in self._dock_sizes if d.isVisible()]
        sizes = [self._dock_sizes[d] for d in docks]
        w.resizeDocks(docks, [s.width() for s in sizes], Qt.Orientation.Horizontal)
        w.resizeDocks(docks, [s.height() for s in sizes], Qt.Orientation.Vertical)


class Presentation(QObject):
    """Presentation mode of ``window`` (see the module)."""

    active_changed = Signal(bool)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.caption_bar = CaptionBar()
        self.caption_dock = QDockWidget("Caption", window)
        self.caption_dock.setObjectName("caption_dock")
        self.caption_dock.setWidget(self.caption_bar)
        self.caption_dock.setTitleBarWidget(QWidget())  # no title bar: a band under the view
        self.caption_dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.caption_dock)
        self.caption_dock.hide()
        self.teaching_steps = TeachingSteps(window, self._teaching_caption)
        self._layout_after_resize = _LayoutAfterResize(window)
        self.stepper: Stepper | None = None
        self._saved: _Saved | None = None
        self._shortcuts: list[QShortcut] = []
        for name, keys in STEP_KEYS.items():
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), window)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.setEnabled(False)
                shortcut.activated.connect(window.slot_errors.guard(getattr(self, name)))
                self._shortcuts.append(shortcut)
        window.text_size.follow(self.caption_bar.set_text_scale)

    # -- the mode ------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self._saved is not None

    def set_active(self, on: bool) -> None:
        self.enter() if on else self.leave()

    def enter(self) -> None:
        """Hide everything but the 3D view, go full screen, show the caption, large labels."""
        if self.active:
            return
        w = self.window
        self._saved = _Saved(
            w.saveGeometry(),
            w.geometry(),
            w.saveState(),
            w.isFullScreen(),
            w.isMaximized(),
            w.text_size.boost,
            {d: d.size() for d in w.findChildren(QDockWidget) if d.isVisible()},
        )
        for bar in (w.menuBar(), w.statusBar(), *w.findChildren(QToolBar)):
            bar.hide()
        for dock in w.findChildren(QDockWidget):
            if dock is not self.caption_dock:
                dock.hide()
        self.caption_dock.show()
        w.teaching.chart_follows_focus = False
        if not w.isFullScreen():
            # the whole screen first, where no window manager makes it so (X without one); a
            # geometry set after it would end full screen
            w.setGeometry(w.screen().geometry())
            w.showFullScreen()
        w.text_size.set_boost(self._saved.boost * presentation_boost(w.screen().size().height()))
        for shortcut in self._shortcuts:
            shortcut.setEnabled(True)
        if self.stepper is None:
            self.teaching_steps.write_caption()
        w.scene_view.setFocus()
        w.request_render()
        self.active_changed.emit(True)

    def leave(self) -> None:
        """Put back the window exactly as it was before :meth:`enter`."""
        saved, self._saved = self._saved, None
        if saved is None:
            return
        w = self.window
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
        self.caption_dock.hide()
        w.teaching.chart_follows_focus = True
        if not saved.full_screen:
            w.showMaximized() if saved.maximized else w.showNormal()
            w.restoreGeometry(saved.geometry)
            if not saved.maximized:
                w.setGeometry(saved.rect)  # exactly, whatever frame the platform assumed
        w.menuBar().show()
        w.statusBar().show()
        # the text size first: large text widens the docks' minimum sizes
        w.text_size.set_boost(saved.boost)
        w.restoreState(saved.layout)
        if not saved.full_screen and not saved.maximized:
            # the platform gives the window its size back a little later (its resize event); the
            # docks' widths are shared out against the window's laid-out size, so they are put
            # back again once it has it
            self._layout_after_resize.arm(saved.rect.size(), saved.layout, saved.dock_sizes)
        w.request_render()
        self.active_changed.emit(False)

    # -- the caption ---------------------------------------------------------------------------
    @property
    def caption(self) -> tuple[str, str, str]:
        """The caption shown now: (title, text, counter)."""
        return self.caption_bar.parts

    def set_caption(self, title: str, text: str = "", counter: str = "") -> None:
        """Show ``title``, ``text`` and ``counter`` (e.g. "3 / 9") in the caption bar."""
        self.caption_bar.set_parts(title, text, counter)

    def _teaching_caption(self, title: str, text: str, counter: str) -> None:
        if self.stepper is None:
            self.set_caption(title, text, counter)

    # -- stepping ------------------------------------------------------------------------------
    def set_stepper(self, stepper: Stepper | None) -> None:
        """Let ``stepper`` answer the step keys (None: the built-in teaching steps)."""
        self.stepper = stepper
        if stepper is None and self.active:
            self.teaching_steps.write_caption()

    def _current(self) -> Stepper:
        return self.stepper if self.stepper is not None else self.teaching_steps

    def next(self) -> None:
        self._current().next()

    def previous(self) -> None:
        self._current().previous()

    def first(self) -> None:
        self._current().first()

    def last(self) -> None:
        self._current().last()
