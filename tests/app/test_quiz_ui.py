"""A quiz round in each mode, by keyboard and by real clicks: the labels are hidden while it runs,
answers are graded (strict or lenient), and the score and the review of mistakes (the right
answer shown in 3D) follow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.app.driving import click, point_on, settle
from viewer.scene.quiz import Grading, QuizMode

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def quiz_window(window):
    yield window
    window.quiz.end()
    window.quiz.dock.hide()
    window.docks["info"].show()
    window.docks["structures"].show()


def _choose(qtbot, combo, data) -> None:
    """Pick the item with ``data`` by keyboard (Home, then Down)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentData() != data:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def _start_by_keyboard(qtbot, w, mode, source, count, strict=True) -> None:
    qtbot.keyClick(w, Qt.Key.Key_Q)  # the Quiz dock, the keyboard on its first choice
    QApplication.processEvents()
    panel = w.quiz.panel
    assert w.quiz.dock.isVisible() and panel.mode.hasFocus()
    _choose(qtbot, panel.mode, mode)
    _choose(qtbot, panel.source, source)
    panel.count.setFocus()
    panel.count.selectAll()
    qtbot.keyClicks(panel.count, str(count))
    if panel.strict.isChecked() != strict:
        panel.strict.setFocus()
        qtbot.keyClick(panel.strict, Qt.Key.Key_Space)
    qtbot.keyClick(panel.count, Qt.Key.Key_Return)  # Enter starts the round
    QApplication.processEvents()


def _names_hidden(w) -> bool:
    w.scene_view.render()
    labels = any(t.GetVisibility() for t in w.scene.labels.texts.values())
    return not w.state.labels and not labels and not w.docks["info"].isVisible()


def test_a_name_it_round_by_keyboard_with_score_and_review(qtbot, quiz_window, content):
    w = quiz_window
    _start_by_keyboard(qtbot, w, QuizMode.NAME_IT, "bones", 3)
    quiz, panel = w.quiz, w.quiz.panel
    assert w.errors == [] and quiz.running and len(quiz.round.questions) == 3
    # 1: typed right
    q = quiz.question
    sid = q.lit[0]
    assert w.state.selected == sid and _names_hidden(w)
    assert content.structure(sid).name not in w.statusBar().currentMessage()
    assert panel.answer_field.hasFocus()
    qtbot.keyClicks(panel.answer_field, content.structure(sid).name)
    qtbot.keyClick(panel.answer_field, Qt.Key.Key_Return)
    assert quiz.last.correct and panel.score.text() == "Score: 1 of 1"
    # 2: typed wrong
    q = quiz.question
    wrong = "dural sac" if "dural" not in q.lit[0] else "femur"
    qtbot.keyClicks(panel.answer_field, wrong)
    qtbot.keyClick(panel.answer_field, Qt.Key.Key_Return)
    assert not quiz.last.correct and "The answer:" in panel.feedback.text()
    # 3: chosen from the names offered, with the arrows and Enter
    q = quiz.question
    right = content.structure(q.lit[0]).name
    assert right in q.choices and _names_hidden(w)
    panel.choices.setFocus()
    qtbot.keyClick(panel.choices, Qt.Key.Key_Home)
    while panel.choices.currentItem().text() != right:
        qtbot.keyClick(panel.choices, Qt.Key.Key_Down)
    qtbot.keyClick(panel.choices, Qt.Key.Key_Return)
    assert quiz.last.correct
    # the score, the names back, and the mistake reviewed in 3D
    assert not quiz.running and quiz.round.score == (2, 3)
    assert panel.prompt.text() == "Done: 2 of 3 right." and w.state.labels
    assert panel.review.count() == 1 and wrong in panel.review.item(0).text()
    expected = quiz.round.mistakes()[0].expected
    panel.review.setFocus()
    qtbot.keyClick(panel.review, Qt.Key.Key_Down)
    qtbot.keyClick(panel.review, Qt.Key.Key_Return)
    settle(qtbot, w)
    assert w.state.selected == expected
    assert w.errors == []


def test_a_find_it_round_by_clicks_strict_and_lenient(qtbot, quiz_window, surface_point):
    w = quiz_window
    _start_by_keyboard(qtbot, w, QuizMode.FIND_IT, "muscles", 3, strict=True)
    quiz = w.quiz
    assert quiz.round.grading is Grading.STRICT and _names_hidden(w)
    # 1: click the structure named
    (sid,) = quiz.question.answers
    assert "Click the" in quiz.question.prompt
    click(qtbot, w, _where(qtbot, w, surface_point, sid))
    assert quiz.last.correct and quiz.last.given == sid and w.state.selected is None
    # 2: click its twin on the other side: wrong when strict
    (sid,) = quiz.question.answers
    twin = (
        sid.replace("_left", "_right") if sid.endswith("_left") else sid.replace("_right", "_left")
    )
    click(qtbot, w, _where(qtbot, w, surface_point, twin))
    assert quiz.last.given == twin and not quiz.last.correct
    # 3: the background
    click(qtbot, w, QPoint(3, 3))
    assert not quiz.last.correct and quiz.last.given is None
    assert not quiz.running and quiz.round.score == (1, 3)
    assert w.quiz.panel.review.count() == 2 and w.state.labels
    # lenient: the twin counts
    quiz.start(QuizMode.FIND_IT, "muscles", grading=Grading.LENIENT, count=1, seed=3)
    (sid,) = quiz.question.answers
    twin = (
        sid.replace("_left", "_right") if sid.endswith("_left") else sid.replace("_right", "_left")
    )
    click(qtbot, w, _where(qtbot, w, surface_point, twin))
    assert quiz.round.score == (1, 1)


def _where(qtbot, w, surface_point, sid) -> QPoint:
    pos = point_on(w, surface_point, sid)
    settle(qtbot, w)
    return pos


def test_topic_questions_come_from_the_article(quiz_window, content):
    quiz = quiz_window.quiz
    rnd = quiz.start(QuizMode.FIND_IT, topics=True, count=99, seed=1)
    topics = {q.topic for q in rnd.questions}
    assert set(content.stories[s].topic for s in content.stories) <= topics
    q = next(q for q in rnd.questions if q.topic == "s1_radiculopathy")
    assert "S1 radiculopathy" in q.prompt and "s1_nerve_root_left" in q.answers
