"""The quiz in the window (``window.quiz``): asks the questions of
:mod:`viewer.scene.quiz` in the 3D view and grades the answers.

While a round runs, the labels, the pins, the information and structures docks and the names the status bar
gives on hover and selection are all hidden (they would tell the answer); "name it" lights the
structure asked about (selected, framed), "find it" takes the next click in the view. After the
last answer the score shows, everything hidden comes back, and each mistake in the review shows
its right answer in 3D (selected and framed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..scene.quiz import Answer, Grading, Question, QuestionBank, QuizMode, QuizRound
from ..scene.quiz_topics import article_questions
from .class_docks import class_dock, give_room
from .pins_clicks import ClickCapture
from .quiz_panel import ALL_GROUPS, TOPICS, QuizPanel

if TYPE_CHECKING:
    from .main_window import MainWindow

#: the docks that name the selected structure: hidden while a round runs
NAMING_DOCKS = ("info", "structures")


class QuizController(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        content = window.content
        entries = {s: content.structures[s] for s in window.state.ids if s in content.structures}
        self.bank = QuestionBank(entries, article_questions(content))
        names = [e.name for e in self.bank.structures.values()]
        names += [n for e in self.bank.structures.values() for n in e.other_names]
        self.panel = QuizPanel(list(self.bank.groups()), names)
        self.dock = class_dock(window, "quiz", "Quiz", self.panel)
        self.clicks = ClickCapture(window.pointer, window.slot_errors)
        self.round: QuizRound | None = None
        self.last: Answer | None = None
        self._hidden: dict[str, object] | None = None
        guard = window.slot_errors.guard
        self.panel.start_requested.connect(guard(self.start_from_panel))
        self.panel.end_requested.connect(guard(self.end))
        self.panel.typed.connect(guard(self.answer_name))
        self.panel.review_chosen.connect(guard(self.show_review_answer))

    @property
    def running(self) -> bool:
        return self.round is not None and not self.round.finished

    # -- starting and ending ---------------------------------------------------------------------
    def open_panel(self) -> None:
        """The Quiz dock, shown, with the keyboard on its first choice."""
        give_room(self.window, self.dock)
        (self.panel.answer_field if self.running else self.panel.mode).setFocus()

    def start_from_panel(self) -> None:
        p = self.panel
        source = p.source.currentData()
        self.start(
            QuizMode(p.mode.currentData()),
            None if source in (ALL_GROUPS, TOPICS) else source,
            topics=source == TOPICS,
            grading=Grading.STRICT if p.strict.isChecked() else Grading.LENIENT,
            count=p.count.value(),
        )

    def start(
        self,
        mode: QuizMode,
        group: str | None = None,
        topics: bool = False,
        grading: Grading = Grading.STRICT,
        count: int = 10,
        seed: int | None = None,
    ) -> QuizRound:
        """A new round of ``count`` questions: by ``group`` (None: every group) or from the
        article's topics (find it)."""
        if self.running:
            self.end()
        if topics:
            questions = self.bank.from_topics(seed)
        else:
            questions = self.bank.by_group(mode, group, seed)  # type: ignore[arg-type]
        self.round = QuizRound(questions[: max(1, count)], grading)
        self._hide_names()
        self.panel.set_running(True)
        self.panel.review.clear()
        self.panel.feedback.setText("")
        give_room(self.window, self.dock)
        self._ask()
        return self.round

    def end(self) -> None:
        """End the round (the score stays); the labels, pins and names come back."""
        self.clicks.disarm()
        if self.round is not None and not self.round.finished:
            self.round.questions = self.round.questions[: len(self.round.answers)]
        self._finish()

    # -- asking and answering ----------------------------------------------------------------
    @property
    def question(self) -> Question | None:
        return self.round.current if self.round is not None else None

    def _ask(self) -> None:
        q = self.question
        if q is None:
            self._finish()
            return
        w = self.window
        n, total = len(self.round.answers) + 1, len(self.round.questions)  # type: ignore[union-attr]
        w.state.set_focus(None)
        if q.mode is QuizMode.NAME_IT:
            sid = q.lit[0]
            if not w.state.is_shown(sid):
                w.state.show([sid])
            w.state.select(sid)
            w.loop.move_camera(w.renderer.framing_pose([sid]))
            self.clicks.disarm()
            self.panel.ask(f"{n}/{total}. {q.prompt}", q.choices, typed=True)
        else:
            w.state.select(None)
            self.clicks.arm(self._clicked, keep=True)
            self.panel.ask(f"{n}/{total}. {q.prompt}", (), typed=True)
            self.panel.answer_field.setPlaceholderText("Click it in the view (or type its name)")
        w.statusBar().showMessage(f"Quiz: question {n} of {total}")
        w.request_render()

    def _clicked(self, sid: str | None, _point) -> None:
        if self.running:
            self.answer_structure(sid)

    def answer_structure(self, sid: str | None, typed: str | None = None) -> Answer:
        """Answer the current question with a structure (None: nothing, or no such name)."""
        assert self.round is not None and self.running, "no question is asked"
        answer = self.round.answer(sid, typed)
        self.last = answer
        right, asked = self.round.score
        expected = self.window.scene.name(answer.expected, "student")
        if answer.correct:
            self.panel.feedback.setText(f"Right: {expected}.")
        else:
            given = typed or (self.window.scene.name(sid, "student") if sid else "nothing")
            self.panel.feedback.setText(f"Not quite: {given}. The answer: {expected}.")
        self.panel.score.setText(f"Score: {right} of {asked}")
        self._ask()
        return answer

    def answer_name(self, text: str) -> Answer:
        """Answer with a typed or chosen name."""
        return self.answer_structure(self.bank.match_name(text), text)

    # -- the end of a round ----------------------------------------------------------------------
    def _finish(self) -> None:
        self.clicks.disarm()
        self._show_names()
        self.panel.set_running(False)
        rnd = self.round
        if rnd is None:
            return
        right, asked = rnd.score
        self.panel.prompt.setText(f"Done: {right} of {asked} right.")
        self.panel.score.setText(f"Score: {right} of {asked}")
        name = self.window.scene.name
        self.panel.show_review(
            [
                f"{a.question.prompt} — you: {a.typed or (name(a.given) if a.given else 'nothing')};"
                f" right: {name(a.expected)}"
                for a in rnd.mistakes()
            ]
        )
        self.window.state.select(None)
        self.window.statusBar().showMessage(f"Quiz over: {right} of {asked} right", 8000)
        if rnd.mistakes():
            self.panel.review.setFocus()

    def show_review_answer(self, row: int) -> None:
        """Show mistake ``row``'s right answer in 3D: selected and framed."""
        if self.round is None or self.running:
            return
        mistakes = self.round.mistakes()
        if 0 <= row < len(mistakes):
            self.window.select(mistakes[row].expected, frame=True)

    # -- what would give the answer away ----------------------------------------------------
    def _hide_names(self) -> None:
        if self._hidden is not None:
            return
        w = self.window
        self._hidden = {
            "labels": w.state.labels,
            "docks": [d for d in NAMING_DOCKS if w.docks[d].isVisible()],
            "status": w.pointer.status,
        }
        w.state.set_labels(False)
        w.scene.pin_layer.enabled = False
        for d in NAMING_DOCKS:
            w.docks[d].hide()
        w.pointer.status = lambda _message: None
        w.state.events.selection.disconnect(w._on_selection)

    def _show_names(self) -> None:
        hidden, self._hidden = self._hidden, None
        if hidden is None:
            return
        w = self.window
        w.state.events.selection.connect(w._on_selection)
        w.pointer.status = hidden["status"]  # type: ignore[assignment]
        w.scene.pin_layer.enabled = True
        for d in hidden["docks"]:  # type: ignore[attr-defined]
            w.docks[d].show()
        w.state.set_labels(bool(hidden["labels"]))
        w.request_render()

    def stop(self) -> None:
        self.clicks.stop()
