"""File › Export picture…: the size (presets up to 4K, or custom), whether the labels, the
caption and the body chart are in it, and the folder it goes to (remembered between runs)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from . import settings
from .caption_bar import named
from .export_picture import MAX_SIDE, MIN_SIDE, PRESETS, ExportOptions, export_window_picture

if TYPE_CHECKING:
    from .main_window import MainWindow

CUSTOM = "Custom"
DEFAULT_PRESET = "Full HD 1920 × 1080"


def file_stem(title: str) -> str:
    """A file name made of a caption's title ("S1 radiculopathy" -> "s1-radiculopathy")."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "l5s1"


class ExportDialog(QDialog):
    """The dialog; :meth:`export` writes the picture (``accept`` does, from the OK button)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.setObjectName("export_dialog")
        self.setWindowTitle("Export picture")
        self.window_ = window
        self.written: Path | None = None
        form = QFormLayout(self)
        self.preset = named(QComboBox(), "export_preset")
        self.preset.addItems([*PRESETS, CUSTOM])
        self.width_box = named(QSpinBox(), "export_width")
        self.height_box = named(QSpinBox(), "export_height")
        for box in (self.width_box, self.height_box):
            box.setRange(MIN_SIDE, MAX_SIDE)
            box.setSuffix(" px")
            box.valueChanged.connect(self._custom_if_edited)
        size_row = QHBoxLayout()
        size_row.addWidget(self.width_box)
        size_row.addWidget(self.height_box)
        self.labels = named(QCheckBox("Labels"), "export_labels")
        self.labels.setChecked(window.state.labels)
        self.caption = named(QCheckBox("Caption (title and text)"), "export_caption")
        self.caption.setChecked(True)
        self.chart = named(QCheckBox("Body chart (pain map)"), "export_chart")
        self.chart.setChecked(window.docks["chart"].isVisible())
        self.folder = named(QLineEdit(), "export_folder")
        self.folder.setText(settings.export_folder() or str(Path.home()))
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        self.file_name = named(QLineEdit(), "export_file_name")
        form.addRow("Size", self.preset)
        form.addRow("", _box(size_row))
        form.addRow("", self.labels)
        form.addRow("", self.caption)
        form.addRow("", self.chart)
        form.addRow("Folder", _box(folder_row))
        form.addRow("File name", self.file_name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._setting = False
        self.preset.currentTextChanged.connect(self._use_preset)
        self.preset.setCurrentText(DEFAULT_PRESET)
        self._use_preset(DEFAULT_PRESET)
        self._name_file()
        self.width_box.valueChanged.connect(self._name_file)
        self.height_box.valueChanged.connect(self._name_file)

    # -- the fields ----------------------------------------------------------------------------
    def _use_preset(self, name: str) -> None:
        if name in PRESETS:
            self._setting = True
            try:
                self.width_box.setValue(PRESETS[name][0])
                self.height_box.setValue(PRESETS[name][1])
            finally:
                self._setting = False

    def _custom_if_edited(self, _value: int) -> None:
        if not self._setting and self.options().size not in PRESETS.values():
            self.preset.setCurrentText(CUSTOM)

    def _name_file(self, _value: int = 0) -> None:
        title = self.window_.presentation.teaching_steps.caption_parts()[0]
        w, h = self.options().size
        self.file_name.setText(f"{file_stem(title)}-{w}x{h}.png")

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export to", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def options(self) -> ExportOptions:
        return ExportOptions(
            (self.width_box.value(), self.height_box.value()),
            labels=self.labels.isChecked(),
            caption=self.caption.isChecked(),
            chart=self.chart.isChecked(),
        )

    def target(self) -> Path:
        name = self.file_name.text().strip() or "l5s1.png"
        if not name.lower().endswith(".png"):
            name += ".png"
        return Path(self.folder.text()).expanduser() / name

    # -- writing -------------------------------------------------------------------------------
    def export(self) -> Path:
        """Write the picture, remember the folder, say so in the status bar; its path."""
        path = export_window_picture(self.window_, self.target(), self.options())
        settings.remember_export_folder(str(path.parent))
        self.window_.statusBar().showMessage(f"Saved {path}", 6000)
        self.written = path
        return path

    def accept(self) -> None:
        try:
            self.export()
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Export picture", f"Could not export the picture: {exc}")
            return
        super().accept()


def _box(layout) -> QWidget:
    box = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    box.setLayout(layout)
    return box
