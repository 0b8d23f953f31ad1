"""Readability of the patient voice (Flesch-Kincaid grade), and the grading function itself."""

from __future__ import annotations

import statistics

import pytest

from tests.content.readability import grade, sentences, summary, syllables, words
from tests.content.voices import patient_texts

#: dictionary syllable counts (Merriam-Webster hyphenation) of words the content uses
SYLLABLES = {
    "the": 1,
    "nerve": 1,
    "spine": 1,
    "joint": 1,
    "joints": 1,
    "thigh": 1,
    "pain": 1,
    "knee": 1,
    "great": 1,
    "plate": 1,
    "whole": 1,
    "worse": 1,
    "weight": 1,
    "ease": 1,
    "pelvis": 2,
    "sacrum": 2,
    "muscle": 2,
    "buttock": 2,
    "ankle": 2,
    "doctor": 2,
    "people": 2,
    "table": 2,
    "wanted": 2,
    "boxes": 2,
    "places": 2,
    "special": 2,
    "nation": 2,
    "cushion": 2,
    "bladder": 2,
    "bowel": 2,
    "saddle": 2,
    "treatment": 2,
    "movement": 2,
    "guideline": 2,
    "diet": 2,
    "quiet": 2,
    "create": 2,
    "eases": 2,
    "steroid": 2,
    "equal": 2,
    "tablets": 2,
    "walked": 1,
    "gentle": 2,
    "problems": 2,
    "clinician": 3,
    "medicine": 3,
    "area": 3,
    "idea": 3,
    "violent": 3,
    "actual": 3,
    "genitals": 3,
    "exercise": 3,
    "injection": 3,
    "surgery": 3,
    "period": 3,
    "usual": 3,
    "separate": 3,
    "evidence": 3,
    "physical": 3,
    "recommend": 3,
    "piriformis": 4,
    "usually": 4,
    "emergency": 4,
    "sciatica": 4,
    "operation": 4,
    "radiation": 4,
    "variety": 4,
    "activity": 4,
    "physiotherapist": 6,
}


def test_syllables_match_the_dictionary_for_the_content_words():
    wrong = {w: (n, syllables(w)) for w, n in SYLLABLES.items() if syllables(w) != n}
    assert wrong == {}


@pytest.mark.parametrize(
    "token, expected",
    [("S1", 2), ("L5-S1", 4), ("90", 2), ("low-impact", 3), ("Fortin's", 2), ("(piriformis)", 4)],
)
def test_abbreviations_numbers_and_compounds_are_read_aloud(token, expected):
    assert syllables(token) == expected


def test_words_and_sentences_are_counted_as_a_reader_sees_them():
    text = "The nerve leaves the spine (at S1). It hurts: a lot! Does it? Yes - 3.5 mm."
    assert words(text) == [
        "The",
        "nerve",
        "leaves",
        "the",
        "spine",
        "at",
        "S1",
        "It",
        "hurts",
        "a",
        "lot",
        "Does",
        "it",
        "Yes",
        "3.5",
        "mm",
    ]
    assert sentences(text) == 5  # "3.5" does not end a sentence
    assert sentences("no full stop at the end") == 1


def test_grade_follows_the_kincaid_formula():
    # 6 words, 6 syllables, 1 sentence: 0.39 * 6 + 11.8 * 1 - 15.59
    assert grade("The cat sat on the mat.") == pytest.approx(-1.45)
    # 2 sentences of 4 words; syllables 1+1+1+1 and 3+1+1+1: 0.39 * 4 + 11.8 * 10 / 8 - 15.59
    assert grade("The disc can bulge. Exercise helps the back.") == pytest.approx(0.72)
    with pytest.raises(ValueError):
        grade(" ... ")


def test_grade_tells_plain_text_from_technical_text():
    plain = "The nerve runs down the back of the leg. It can hurt in the foot."
    technical = (
        "Radiculopathy denotes neurological dysfunction attributable to compression, "
        "inflammation or ischaemia of the corresponding spinal nerve root."
    )
    assert grade(plain) < 4 < 14 < grade(technical)


#: Flesch-Kincaid grade of the patient texts, measured with :func:`grade`: before issue 9 (189
#: texts, no red flags or pain maps yet) and now. Written down so a change shows in the diff.
BEFORE = {"texts": 189, "highest": 32.0, "median": 2.5, "over_8": 10}


def test_every_patient_text_reads_at_grade_8_or_below_median_6_or_below(annotations):
    texts = patient_texts(annotations)
    graded = sorted(((grade(text), where) for where, text in texts), reverse=True)
    too_hard = [(round(g, 1), where) for g, where in graded if g > 8]
    assert too_hard == []
    assert statistics.median(g for g, _ in graded) <= 6
    assert len(texts) > BEFORE["texts"]  # the red flags and the pain maps are graded too


def test_summary_reports_highest_and_median(annotations):
    highest, median, n = summary([t for _, t in patient_texts(annotations)])
    assert n >= 200 and median <= highest <= 8
