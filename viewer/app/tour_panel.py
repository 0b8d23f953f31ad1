"""The Tours dock (``window.tours``): make a guided tour from the views on screen, edit each
step's caption, reorder the steps, save and open tours, and play one (in presentation mode,
:mod:`.tour_player`). The app's own tour of the article is one choice away.

Keys: Shift+T adds the current view as a step, Ctrl+Up / Ctrl+Down in the list move the chosen
step, Delete in the list removes it, Shift+F5 plays from the chosen step (F5 itself is
presentation mode).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..scene.tour import TOUR_SUFFIX, Tour, TourStep, article_tour, read_tour, save_tour
from .class_docks import class_dock, give_room
from .tour_player import TourPlayer

if TYPE_CHECKING:
    from .main_window import MainWindow

FILE_FILTER = f"L5-S1 tours (*{TOUR_SUFFIX})"


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    """``widget`` with its object name (tests and style sheets find it by that)."""
    widget.setObjectName(name)
    return widget


class TourPanel(QWidget):
    """The widgets of the Tours dock."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tour_panel")
        self.tour_title = _named(QLineEdit(), "tour_title")
        self.steps = _named(QListWidget(), "tour_steps")
        self.step_title = _named(QLineEdit(), "tour_step_title")
        self.student = _named(QPlainTextEdit(), "tour_step_student")
        self.patient = _named(QPlainTextEdit(), "tour_step_patient")
        for edit in (self.student, self.patient):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(80)
        self.student.setPlaceholderText("A few sentences in the student's words")
        self.patient.setPlaceholderText("The same in the patient's words")
        self.buttons = {
            name: _named(QPushButton(text), f"tour_{name}")
            for name, text in (
                ("add", "Add current view (Shift+T)"),
                ("up", "Move up"),
                ("down", "Move down"),
                ("remove", "Remove"),
                ("play", "Play (Shift+F5)"),
                ("article", "The article's tour"),
                ("open", "Open tour…"),
                ("save", "Save tour…"),
            )
        }
        form = QFormLayout()
        form.addRow("Tour", self.tour_title)
        form.addRow("Step title", self.step_title)
        form.addRow("Student", self.student)
        form.addRow("Patient", self.patient)
        grid = QGridLayout()
        for n, b in enumerate(self.buttons.values()):
            grid.addWidget(b, n // 2, n % 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.steps)
        lay.addLayout(form)
        lay.addLayout(grid)


class TourEditor(QObject):
    """The tour being made (``tour``) and the dock that edits it."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.tour = Tour("My class")
        self.path: Path | None = None
        self.player = TourPlayer(window)
        self.panel = TourPanel()
        self.dock = class_dock(window, "tours", "Tours", self.panel)
        guard = window.slot_errors.guard
        p = self.panel
        b = p.buttons
        b["add"].clicked.connect(guard(lambda: self.add_current_view()))
        b["up"].clicked.connect(guard(lambda: self.move_chosen(-1)))
        b["down"].clicked.connect(guard(lambda: self.move_chosen(1)))
        b["remove"].clicked.connect(guard(self.remove_chosen))
        b["play"].clicked.connect(guard(self.play_chosen))
        b["article"].clicked.connect(guard(self.use_article_tour))
        b["open"].clicked.connect(guard(self.open_dialog))
        b["save"].clicked.connect(guard(self.save_dialog))
        p.steps.currentRowChanged.connect(guard(self._show_step))
        p.tour_title.editingFinished.connect(guard(self._title_edited))
        p.step_title.editingFinished.connect(guard(self._caption_edited))
        for edit in (p.student, p.patient):
            edit.textChanged.connect(guard(self._caption_edited))
        p.steps.installEventFilter(self)
        self._refill()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """In the step list: Ctrl+Up / Ctrl+Down move the chosen step, Delete removes it."""
        if obj is self.panel.steps and isinstance(event, QKeyEvent):
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            key = event.key()
            ours = key == Qt.Key.Key_Delete or (ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down))
            if event.type() == QEvent.Type.ShortcutOverride and ours:
                event.accept()  # the list's keys, not the window's (Del deletes a pin there)
                return True
            if event.type() != QEvent.Type.KeyPress:
                return False
            try:
                if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                    self.move_chosen(-1 if key == Qt.Key.Key_Up else 1)
                    return True
                if key == Qt.Key.Key_Delete:
                    self.remove_chosen()
                    return True
            except Exception as exc:  # noqa: BLE001 - a slot must never raise into Qt
                self.window.slot_errors.report("the tour's step list", exc)
                return True
        return False

    # -- making a tour ---------------------------------------------------------------------
    @property
    def chosen(self) -> int:
        return self.panel.steps.currentRow()

    def open_panel(self) -> None:
        give_room(self.window, self.dock)
        self.panel.steps.setFocus()

    def add_current_view(self, title: str = "", student: str = "", patient: str = "") -> int:
        """Add the scene on screen as a step after the chosen one (or last); its index."""
        n = len(self.tour.steps) + 1
        step = TourStep(
            title or f"Step {n}", student, patient, scene=self.window.scene_files.capture()
        )
        at = self.chosen + 1 if self.chosen >= 0 else len(self.tour.steps)
        self.tour = self.tour.with_step(step, at)
        self._refill(at)
        self.dock.show()
        self.panel.step_title.setFocus()
        self.panel.step_title.selectAll()
        return at

    def move_chosen(self, by: int) -> None:
        i = self.chosen
        if i < 0:
            return
        to = max(0, min(i + by, len(self.tour.steps) - 1))
        self.tour = self.tour.moved(i, to)
        self._refill(to)

    def remove_chosen(self) -> None:
        i = self.chosen
        if i >= 0:
            self.tour = self.tour.without(i)
            self._refill(min(i, len(self.tour.steps) - 1))

    def set_tour(self, tour: Tour, path: Path | None = None) -> None:
        self.tour, self.path = tour, path
        self._refill(0 if tour.steps else -1)

    def use_article_tour(self) -> None:
        """The app's tour of the article (anatomy, the five mechanisms, diagnosis, treatment)."""
        self.set_tour(article_tour(self.window.content))

    # -- playing ---------------------------------------------------------------------------
    def play_chosen(self) -> None:
        """Play the tour from the chosen step (the first when none is chosen)."""
        if self.tour.steps:
            self.player.play(self.tour, max(0, self.chosen))

    # -- files -------------------------------------------------------------------------------
    def open(self, path: str | Path) -> list[str]:
        """Open a tour file; what its steps' scenes left out."""
        tour, left = read_tour(path)
        self.set_tour(tour, Path(path))
        if left:
            self.window.statusBar().showMessage(f"Tour opened; left out: {'; '.join(left)}", 10000)
        return left

    def save(self, path: str | Path | None = None) -> Path | None:
        target = Path(path) if path is not None else self.path
        if target is None:
            return None
        if target.suffix != TOUR_SUFFIX:
            target = target.with_name(target.name + TOUR_SUFFIX)
        save_tour(self.tour, target)
        self.path = target
        self.window.statusBar().showMessage(f"Saved {target.name}", 4000)
        return target

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Open tour", "", FILE_FILTER)
        if name:
            self.open(name)

    def save_dialog(self) -> None:
        start = str(self.path) if self.path else f"class{TOUR_SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(self.window, "Save tour", start, FILE_FILTER)
        if name:
            self.save(name)

    # -- the list and the caption fields ---------------------------------------------------------
    def _refill(self, choose: int = -1) -> None:
        p = self.panel
        p.steps.blockSignals(True)
        p.steps.clear()
        for n, step in enumerate(self.tour.steps, start=1):
            p.steps.addItem(f"{n}. {step.title}")
        p.steps.setCurrentRow(choose)
        p.steps.blockSignals(False)
        p.tour_title.setText(self.tour.title)
        self._show_step(choose)

    def _show_step(self, row: int) -> None:
        p = self.panel
        step = self.tour.steps[row] if 0 <= row < len(self.tour.steps) else None
        for edit in (p.step_title, p.student, p.patient):
            edit.blockSignals(True)
        p.step_title.setText(step.title if step else "")
        p.student.setPlainText(step.student if step else "")
        p.patient.setPlainText(step.patient if step else "")
        for edit in (p.step_title, p.student, p.patient):
            edit.blockSignals(False)
            edit.setEnabled(step is not None)

    def _title_edited(self) -> None:
        self.tour = replace(self.tour, title=self.panel.tour_title.text().strip() or "Tour")

    def _caption_edited(self) -> None:
        i = self.chosen
        if not 0 <= i < len(self.tour.steps):
            return
        p = self.panel
        step = replace(
            self.tour.steps[i],
            title=p.step_title.text().strip() or f"Step {i + 1}",
            student=p.student.toPlainText().strip(),
            patient=p.patient.toPlainText().strip(),
        )
        steps = list(self.tour.steps)
        steps[i] = step
        self.tour = replace(self.tour, steps=tuple(steps))
        item = p.steps.item(i)
        if item is not None:
            item.setText(f"{i + 1}. {step.title}")
