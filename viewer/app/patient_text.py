"""Text size for patient mode, in one small function: through the window's text-size setting
(:class:`viewer.app.text_size.TextSize`: panels, information panel and 3D labels) where the
window has one, else the app's font and the 3D labels' text scale together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from .main_window import MainWindow

#: how much larger the text is in patient mode (a step of the text-size setting)
PATIENT_TEXT_SCALE = 1.3
_BASE_FONT = "_base_font"


def text_scale(window: MainWindow) -> float:
    """The factor the text is drawn at now (the text-size setting's)."""
    size = getattr(window, "text_size", None)
    if size is not None:
        return float(size.factor)
    return float(window.property("text_scale") or 1.0)


def apply_text_scale(window: MainWindow, factor: float) -> None:
    """Draw the window's text (widgets and 3D labels) ``factor`` times the standard size."""
    size = getattr(window, "text_size", None)
    if size is not None:
        size.set_factor(factor)
        return
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    base = window.property(_BASE_FONT)
    if not isinstance(base, QFont):
        base = QFont(app.font())
        window.setProperty(_BASE_FONT, base)
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    app.setFont(font)
    window.setProperty("text_scale", float(factor))
    window.scene.labels.set_text_scale(factor)
    window.request_render()
