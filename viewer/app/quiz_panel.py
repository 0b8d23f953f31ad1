"""The Quiz dock: choose the mode, the questions and the grading, then answer by keyboard (type
or choose a name) or by a click in the 3D view; the score and the review of mistakes follow.

Keys: Enter on the round's settings (or Alt+R) starts the round; Enter sends a typed answer; in
the list of choices the arrows choose and Enter answers; in the review, Enter shows the right
answer in 3D.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..scene.quiz import QuizMode

#: the question source meaning every group, and the one meaning the article's topics
ALL_GROUPS = "all"
TOPICS = "topics"
DEFAULT_QUESTIONS = 10


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    """``widget`` with its object name (tests and style sheets find it by that)."""
    widget.setObjectName(name)
    return widget


class QuizPanel(QWidget):
    """The quiz's widgets; the controller (:mod:`.quiz_controller`) does the asking.

    Signals: ``start_requested``, ``end_requested``, ``typed(text)`` (a typed or chosen name),
    ``review_chosen(row)``."""

    start_requested = Signal()
    end_requested = Signal()
    typed = Signal(str)
    review_chosen = Signal(int)

    def __init__(self, groups: list[str], names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quiz_panel")
        self.mode = _named(QComboBox(), "quiz_mode")
        self.mode.addItem("Name it (a structure lights up)", QuizMode.NAME_IT)
        self.mode.addItem("Find it (click the structure named)", QuizMode.FIND_IT)
        self.source = _named(QComboBox(), "quiz_source")
        self.source.addItem("Every group", ALL_GROUPS)
        for g in groups:
            self.source.addItem(g.capitalize(), g)
        self.source.addItem("The article's topics (find it)", TOPICS)
        self.strict = _named(QCheckBox("Left and right must match"), "quiz_strict")
        self.strict.setChecked(True)
        self.count = _named(QSpinBox(), "quiz_count")
        self.count.setRange(1, 99)
        self.count.setValue(DEFAULT_QUESTIONS)
        self.start_button = _named(QPushButton("Sta&rt"), "quiz_start")
        self.end_button = _named(QPushButton("&End quiz"), "quiz_end")
        self.prompt = _named(QLabel("Choose the questions, then Start."), "quiz_prompt")
        self.prompt.setWordWrap(True)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.prompt.setFont(font)
        self.answer_field = _named(QLineEdit(), "quiz_answer")
        self.answer_field.setPlaceholderText("Type the name, then Enter")
        completer = QCompleter(sorted(set(names)), self.answer_field)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.answer_field.setCompleter(completer)
        self.choices = _named(QListWidget(), "quiz_choices")
        self.choices.setMaximumHeight(110)
        self.feedback = _named(QLabel(""), "quiz_feedback")
        self.feedback.setWordWrap(True)
        self.score = _named(QLabel(""), "quiz_score")
        self.review = _named(QListWidget(), "quiz_review")
        self.review.setMaximumHeight(140)
        form = QFormLayout()
        form.addRow("Mode", self.mode)
        form.addRow("Questions", self.source)
        form.addRow("How many", self.count)
        form.addRow("", self.strict)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.end_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.prompt)
        lay.addWidget(self.answer_field)
        lay.addWidget(self.choices)
        lay.addWidget(self.feedback)
        lay.addWidget(self.score)
        lay.addWidget(QLabel("Mistakes (Enter shows the right answer):"))
        lay.addWidget(self.review)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_requested)
        self.end_button.clicked.connect(self.end_requested)
        self.answer_field.returnPressed.connect(self._send_typed)
        self.choices.itemActivated.connect(lambda item: self.typed.emit(item.text()))
        self.review.itemActivated.connect(
            lambda item: self.review_chosen.emit(self.review.row(item))
        )
        self.review.currentRowChanged.connect(
            lambda row: self.review_chosen.emit(row) if row >= 0 else None
        )
        self.set_running(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Enter on any of the round's choices starts it."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        setup = (self.mode, self.source, self.count, self.strict, self.start_button)
        if enter and self.start_button.isEnabled() and self.focusWidget() in setup:
            self.start_requested.emit()
            return
        super().keyPressEvent(event)

    def _send_typed(self) -> None:
        text = self.answer_field.text().strip()
        if text:
            self.typed.emit(text)

    def set_running(self, running: bool) -> None:
        for w in (self.mode, self.source, self.strict, self.count, self.start_button):
            w.setEnabled(not running)
        self.end_button.setEnabled(running)
        self.answer_field.setEnabled(running)
        self.choices.setEnabled(running)

    def ask(self, prompt: str, choices: tuple[str, ...], typed: bool) -> None:
        """Show a question: its prompt, the names offered (name it), the answer field."""
        self.prompt.setText(prompt)
        self.answer_field.clear()
        self.answer_field.setVisible(typed)
        self.choices.clear()
        for name in choices:
            self.choices.addItem(QListWidgetItem(name))
        self.choices.setVisible(bool(choices))
        if typed:
            self.answer_field.setFocus()

    def show_review(self, lines: list[str]) -> None:
        self.review.clear()
        for line in lines:
            self.review.addItem(line)
