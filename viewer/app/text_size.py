"""The text size: one factor for the panels' fonts, the 3D labels and the captions.

A :class:`TextSize` holds the user's setting (``factor``, a step of :data:`STEPS`, changed with
Ctrl+= / Ctrl+- / Ctrl+0 or View › Text size, and remembered between runs) and a ``boost`` that a
mode multiplies it by while it lasts (presentation mode makes the labels large; patient mode may
do the same). What follows it connects to ``changed`` (the effective factor) or is registered with
:meth:`TextSize.follow` (called at once and on every change).

Usage::

    size = TextSize(window)            # the window's panels follow it
    size.follow(scene.labels.set_text_scale)
    size.larger(); size.smaller(); size.reset()
    size.set_boost(1.6)                # a mode's extra factor; set_boost(1.0) ends it
    size.effective                     # factor * boost
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

#: the text sizes offered, as factors of the standard size (1.0)
STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)
DEFAULT = 1.0
#: the keys of each action, the first shown in the menu (Ctrl++ is Ctrl+Shift+= on most keyboards)
KEYS = {
    "text_larger": ("Ctrl+=", "Ctrl++"),
    "text_smaller": ("Ctrl+-",),
    "text_reset": ("Ctrl+0",),
}


def nearest_step(factor: float) -> float:
    """The step of :data:`STEPS` nearest ``factor`` (a saved value from another version)."""
    return min(STEPS, key=lambda s: abs(s - factor))


class TextSize(QObject):
    """The text-size setting of ``window``: it scales the fonts of ``window``'s widgets (menus,
    docks, status bar) from the font they had when this was made."""

    #: the effective factor (setting times boost), after every change
    changed = Signal(float)

    def __init__(self, window: QWidget, factor: float = DEFAULT):
        super().__init__(window)
        self.window = window
        self._base_font = QFont(window.font())
        self._base_point_size = self._base_font.pointSizeF()
        self.factor = nearest_step(factor)
        self.boost = 1.0
        self._followers: list[Callable[[float], object]] = []
        if self.factor != DEFAULT:  # the standard size is the fonts the widgets already have
            self._apply()

    @property
    def effective(self) -> float:
        """The factor text is drawn at now: the setting times a mode's boost."""
        return self.factor * self.boost

    def follow(self, follower: Callable[[float], object]) -> None:
        """Call ``follower(effective)`` now and after every change."""
        self._followers.append(follower)
        follower(self.effective)

    def set_factor(self, factor: float) -> None:
        """Use the step nearest ``factor`` as the setting."""
        step = nearest_step(factor)
        if step != self.factor:
            self.factor = step
            self._apply()

    def larger(self) -> None:
        """One step larger (the largest stays)."""
        i = STEPS.index(self.factor)
        self.set_factor(STEPS[min(i + 1, len(STEPS) - 1)])

    def smaller(self) -> None:
        """One step smaller (the smallest stays)."""
        i = STEPS.index(self.factor)
        self.set_factor(STEPS[max(i - 1, 0)])

    def reset(self) -> None:
        """Back to the standard size."""
        self.set_factor(DEFAULT)

    def set_boost(self, boost: float) -> None:
        """A mode's extra factor on top of the setting (1.0: none)."""
        boost = max(0.25, float(boost))
        if boost != self.boost:
            self.boost = boost
            self._apply()

    def point_size(self, base: float | None = None) -> float:
        """``base`` points (default: the window's standard font size) at the effective size."""
        return (base if base is not None else self._base_point_size) * self.effective

    def _apply(self) -> None:
        font = QFont(self._base_font)
        # the panels follow the setting, not a mode's boost (presentation hides them anyway)
        font.setPointSizeF(max(4.0, self._base_point_size * self.factor))
        self.window.setFont(font)
        for follower in self._followers:
            follower(self.effective)
        self.changed.emit(self.effective)


def install_text_size_menu(window: QMainWindow, actions: dict) -> QMenu:
    """View › Text size with the three actions (larger, smaller, standard), each given its keys
    (:data:`KEYS`); the submenu."""
    for name, keys in KEYS.items():
        actions[name].setShortcuts([QKeySequence(k) for k in keys])
    view_menu = window.menuBar().findChild(QMenu, "menu_view")
    assert view_menu is not None, "the View menu is built from the action table"
    menu = QMenu("&Text size", view_menu)
    menu.setObjectName("menu_text_size")
    for name in KEYS:
        menu.addAction(actions[name])
    view_menu.addSeparator()
    view_menu.addMenu(menu)
    return menu
