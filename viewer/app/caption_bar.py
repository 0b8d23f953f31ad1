"""The caption bar: a title, the current text and a step counter ("3 / 9") on a dark band, in
type large enough to read from the back of a lecture room. Presentation mode shows it under the
3D view, and an exported picture can carry it (:func:`caption_image`)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

#: the title's and the text's size at the standard text size (points)
TITLE_PT, TEXT_PT = 20.0, 15.0
#: the bar takes at most this share of the window's height: a longer text is set smaller
MAX_HEIGHT_SHARE = 0.3
#: but never smaller than this share of its size
LEAST_TEXT_SHARE = 0.6
BACKGROUND = "#15191f"
TITLE_COLOUR = "#ffffff"
TEXT_COLOUR = "#e6e9ee"


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with its ``objectName`` (what tests and style sheets find it by)."""
    widget.setObjectName(name)
    return widget


class CaptionBar(QFrame):
    """The bar; ``parts`` is what it shows: (title, text, counter)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("caption_bar")
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            f"QFrame#caption_bar {{ background: {BACKGROUND}; }}"
            f" QLabel {{ color: {TEXT_COLOUR}; background: transparent; }}"
            f" QLabel#caption_title {{ color: {TITLE_COLOUR}; }}"
        )
        self.title = named(QLabel(), "caption_title")
        self.text = named(QLabel(), "caption_text")
        self.counter = named(QLabel(), "caption_counter")
        for label in (self.title, self.text, self.counter):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.title.setWordWrap(True)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid = QGridLayout(self)
        grid.setContentsMargins(24, 12, 24, 14)
        grid.setHorizontalSpacing(24)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.counter, 0, 1)
        grid.addWidget(self.text, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.text_scale = 1.0
        self.set_text_scale(1.0)

    @property
    def parts(self) -> tuple[str, str, str]:
        return (self.title.text(), self.text.text(), self.counter.text())

    def set_parts(self, title: str, text: str = "", counter: str = "") -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        self.counter.setText(counter)
        self.fit()

    def set_text_scale(self, scale: float) -> None:
        """Draw the caption at ``scale`` times its standard size."""
        self.text_scale = scale
        self._set_fonts(scale)
        self.fit()

    def _set_fonts(self, scale: float) -> None:
        for label, points, bold in (
            (self.title, TITLE_PT, True),
            (self.counter, TEXT_PT, False),
            (self.text, TEXT_PT, False),
        ):
            font = QFont(label.font())
            font.setPointSizeF(points * scale)
            font.setBold(bold)
            label.setFont(font)

    def needed_height(self, width: int) -> int:
        """The height the bar needs at ``width`` to show all its text."""
        layout = self.layout()
        assert layout is not None
        layout.invalidate()
        return max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height())

    def fit(self, width: int | None = None, most: int | None = None) -> int:
        """Take the height the text needs at ``width`` (default: the bar's), setting the text
        smaller (to :data:`LEAST_TEXT_SHARE` of its size) where it would need more than ``most``
        pixels (default: :data:`MAX_HEIGHT_SHARE` of the window's height); that height."""
        width = width or self.width()
        if most is None:
            top = self.window()
            most = int(MAX_HEIGHT_SHARE * top.height()) if top is not self else 10**6
        scale = self.text_scale
        self._set_fonts(scale)
        height = self.needed_height(width)
        while height > most and scale > self.text_scale * LEAST_TEXT_SHARE:
            scale *= 0.92
            self._set_fonts(scale)
            height = self.needed_height(width)
        self.setFixedHeight(height)
        return height

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit(event.size().width())


def caption_image(
    parts: tuple[str, str, str], width: int, scale: float = 1.0, most: int | None = None
) -> QImage:
    """The caption bar showing ``parts``, ``width`` pixels wide (its height as the text needs,
    ``most`` pixels at most, the text set smaller where needed), drawn into an image (for an
    exported picture)."""
    bar = CaptionBar()
    bar.set_text_scale(scale)
    bar.set_parts(*parts)
    bar.setFixedWidth(width)
    height = bar.fit(width, most=most if most is not None else 10**6)
    bar.resize(width, height)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.black)
    painter = QPainter(image)
    try:
        bar.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    bar.deleteLater()
    return image
