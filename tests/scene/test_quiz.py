"""The quiz's logic without widgets: questions from the model and content, grading, a round."""

from __future__ import annotations

import pytest

from viewer.anatomy.structures import STRUCTURES
from viewer.content import load_annotations
from viewer.scene.quiz import Grading, QuestionBank, QuizMode, QuizRound, grade


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    content = load_annotations()
    ids = {s.id for s in STRUCTURES}
    topics = {
        "s1_nerve_impingement": (
            "Which structure does a posterolateral L5-S1 disc herniation press on?",
            ["s1_nerve_root_left", "s1_nerve_root_right"],
        )
    }
    return QuestionBank({k: v for k, v in content.structures.items() if k in ids}, topics)


def test_every_nameable_structure_gets_one_question_per_mode(bank):
    for mode in QuizMode:
        questions = bank.by_group(mode, seed=1)
        asked = {next(iter(q.answers)) for q in questions}
        assert asked == set(bank.structures)
        assert "skin" not in asked and not any("pain_area" in a for a in asked)
        assert len(questions) == len(bank.structures)


def test_questions_by_group_stay_in_their_group(bank):
    nerves = bank.by_group(QuizMode.FIND_IT, "nerves", seed=3)
    assert nerves and all(bank.structures[min(q.answers)].group == "nerves" for q in nerves)
    assert "nerves" in bank.groups() and "skin" not in bank.groups()


def test_name_it_lights_the_structure_and_offers_its_name_among_others(bank):
    for q in bank.by_group(QuizMode.NAME_IT, "bones", seed=2):
        (sid,) = q.answers
        assert q.lit == (sid,)
        assert bank.structures[sid].name in q.choices and len(set(q.choices)) == len(q.choices) == 4


def test_find_it_names_the_side(bank):
    q = next(
        q for q in bank.by_group(QuizMode.FIND_IT, "muscles") if "piriformis_left" in q.answers
    )
    assert "(left)" in q.prompt and "piriformis" in q.prompt.lower()


def test_the_same_seed_gives_the_same_round(bank):
    a = [q.id for q in bank.by_group(QuizMode.FIND_IT, seed=5)]
    b = [q.id for q in bank.by_group(QuizMode.FIND_IT, seed=5)]
    assert a == b and a != [q.id for q in bank.by_group(QuizMode.FIND_IT, seed=6)]


def test_strict_grading_wants_the_side_lenient_takes_the_twin(bank):
    q = next(q for q in bank.by_group(QuizMode.FIND_IT) if q.answers == {"piriformis_left"})
    assert grade(q, "piriformis_left").correct
    assert not grade(q, "piriformis_right", Grading.STRICT).correct
    lenient = grade(q, "piriformis_right", Grading.LENIENT)
    assert lenient.correct and lenient.expected == "piriformis_right"
    wrong = grade(q, "psoas_major_left", Grading.LENIENT)
    assert not wrong.correct and wrong.expected == "piriformis_left"
    assert not grade(q, None).correct


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Piriformis (left)", "piriformis_left"),
        ("left piriformus", "piriformis_left"),  # one typo
        ("right piriformis", "piriformis_right"),
        ("sciatic nerve, right", "sciatic_nerve_right"),
        ("L5 vertebra", "l5_vertebra"),
        ("banana", None),
        ("", None),
    ],
)
def test_typed_names_match_with_a_typo_or_two(bank, typed, expected):
    assert bank.match_name(typed) == expected


def test_topic_questions_accept_any_listed_structure(bank):
    (q,) = bank.from_topics()
    assert q.mode is QuizMode.FIND_IT and q.topic == "s1_nerve_impingement"
    assert grade(q, "s1_nerve_root_right").correct and not grade(q, "l5_nerve_root_left").correct


def test_a_round_scores_and_reviews_its_mistakes(bank):
    questions = bank.by_group(QuizMode.FIND_IT, "bones", seed=4)[:3]
    rnd = QuizRound(questions, Grading.STRICT)
    first, second, third = questions
    rnd.answer(min(first.answers))
    rnd.answer("skin")
    assert rnd.score == (1, 2) and not rnd.finished
    rnd.answer(None)
    assert rnd.finished and rnd.current is None and rnd.score == (1, 3)
    review = rnd.mistakes()
    assert [a.question for a in review] == [second, third]
    assert review[0].expected == min(second.answers)
    with pytest.raises(IndexError):
        rnd.answer("l5_vertebra")
