"""The "Make a handout" dialog: the page size (A4 or Letter), a note from the physiotherapist, a
preview of the page, and "Save PDF..." or "Print...".

The handout is made from what the window shows when the dialog opens (the 3D view, the painted
chart, the story in focus); the note is typed here and kept only in this dialog. Nothing is
written anywhere but the file or printer the user picks.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from .handout import PAGE_SIZES, Handout, handout_from_window, page_image, print_handout, write_pdf

if TYPE_CHECKING:
    from .main_window import MainWindow

#: the preview's height on screen (pixels)
PREVIEW_HEIGHT = 520


class HandoutDialog(QDialog):
    """See the module. For tests and scripts: ``page_size`` (combo box), ``note`` (text edit),
    ``preview`` (label), ``save_button``, ``print_button``; :meth:`save_pdf` writes the file."""

    def __init__(self, window: MainWindow, today: datetime.date | None = None):
        super().__init__(window)
        self.setObjectName("handout_dialog")
        self.setWindowTitle("Make a handout")
        self.window_ = window
        self.today = today
        self.picture_handout: Handout = handout_from_window(window, "", today)
        lay = QHBoxLayout(self)
        side = QVBoxLayout()
        form = QFormLayout()
        self.page_size = QComboBox(self)
        self.page_size.setObjectName("handout_page_size")
        self.page_size.addItems(list(PAGE_SIZES))
        form.addRow("Paper:", self.page_size)
        side.addLayout(form)
        side.addWidget(QLabel("Note from the physiotherapist:"))
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("handout_note")
        self.note.setPlaceholderText("Exercises, advice, the next appointment...")
        side.addWidget(self.note, 1)
        self.save_button = QPushButton("Save PDF...", self)
        self.save_button.setObjectName("handout_save")
        self.print_button = QPushButton("Print...", self)
        self.print_button.setObjectName("handout_print")
        close = QPushButton("Close", self)
        for b in (self.save_button, self.print_button, close):
            side.addWidget(b)
        lay.addLayout(side, 1)
        self.preview = QLabel(self)
        self.preview.setObjectName("handout_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumWidth(round(PREVIEW_HEIGHT / 1.414))
        lay.addWidget(self.preview, 2)
        self.save_button.clicked.connect(self.save_pdf_dialog)
        self.print_button.clicked.connect(self.print_dialog)
        close.clicked.connect(self.close)
        self.page_size.currentTextChanged.connect(lambda _t: self.update_preview())
        self.note.textChanged.connect(self.update_preview)
        self.update_preview()

    def handout(self) -> Handout:
        """The handout with the note as typed now."""
        h = self.picture_handout
        return Handout(**{**h.__dict__, "note": self.note.toPlainText().strip()})

    def update_preview(self) -> None:
        image = page_image(self.handout(), self.page_size.currentText(), dpi=72)
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaledToHeight(
                PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation
            )
        )

    def save_pdf(self, path: str | Path) -> Path:
        """Write the handout to ``path`` as a one-page PDF."""
        return write_pdf(path, self.handout(), self.page_size.currentText())

    def save_pdf_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save handout", "handout.pdf", "PDF (*.pdf)")
        if name:
            self.save_pdf(name)

    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            print_handout(printer, self.handout(), self.page_size.currentText())


def open_handout_dialog(window: MainWindow) -> HandoutDialog:
    """Make the handout of what the window shows and open its dialog (not modal)."""
    dialog = HandoutDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    window.handout_dialog = dialog  # type: ignore[attr-defined]
    return dialog
