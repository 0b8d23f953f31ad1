"""Search ranking (viewer.content.search): names, then synonyms, then topics; typos; patient words."""

from __future__ import annotations

import pytest

from viewer.content.search import edit_distance, normalise, typos_allowed


def ids(annotations, query: str) -> list[str]:
    return [h.id for h in annotations.search(query)]


@pytest.mark.parametrize(
    "query, first",
    [
        ("pirif", "piriformis_left"),  # prefix of the display name
        ("PIRIFORMIS", "piriformis_left"),  # case-insensitive
        ("formis", "piriformis_left"),  # inside a word
        ("SIJ", "sacroiliac_joint_left"),  # abbreviation
        ("thecal", "dural_sac"),  # synonym
        ("nucleus pulposus", "l5_s1_disc_nucleus"),
        ("ischiadicus", "sciatic_nerve_left"),  # Latin
        ("discectomy", "discectomy"),
        ("emg", "electrodiagnostic_studies"),
        ("spondylolisthesis", "risk_factors"),  # a list item's name
        ("right piriformis", "piriformis_right"),  # words in another order
        ("L5/S1 disc", "l5_s1_disc_annulus"),  # punctuation is no part of a word
    ],
)
def test_search_finds_names_and_synonyms(annotations, query, first):
    assert ids(annotations, query)[0] == first


def test_structure_names_then_synonyms_then_topics(annotations):
    hits = annotations.search("disc")
    assert hits[0].id == "l5_s1_disc_annulus", "the disc, not Discectomy"
    kinds = [h.match for h in hits]
    assert kinds == sorted(kinds, key=["name", "synonym", "topic"].index), kinds
    assert {"name", "topic"} <= set(kinds)
    discectomy = next(h for h in hits if h.id == "discectomy")
    assert discectomy.kind == "topic" and discectomy.match == "topic"
    assert all(h.kind == "structure" for h in hits[: hits.index(discectomy)])
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_a_synonym_of_a_structure_before_a_topic(annotations):
    hits = annotations.search("sciatica")
    assert hits[0].kind == "structure" and hits[0].match == "synonym"
    assert ids(annotations, "sciatica").index("s1_radiculopathy") > 3


def test_an_exact_title_comes_first(annotations):
    """Typing a topic's whole title means the topic, even where a structure has it as a
    synonym."""
    assert ids(annotations, "Referred pain")[0] == "referred_pain"
    assert ids(annotations, "piriformis syndrome")[0] == "piriformis_syndrome"
    assert ids(annotations, "piriformis")[:2] == ["piriformis_left", "piriformis_right"]


def test_sides_rank_left_first_and_the_other_side_when_named(annotations):
    assert ids(annotations, "sciatic")[:2] == ["sciatic_nerve_left", "sciatic_nerve_right"]
    assert ids(annotations, "sciatic nerve right")[0] == "sciatic_nerve_right"


@pytest.mark.parametrize(
    "typo, first",
    [
        ("piriformus", "piriformis_left"),  # one letter changed
        ("dsic", "l5_s1_disc_annulus"),  # two letters swapped
        ("ligamentm flavum", "ligamentum_flavum_left"),  # one left out
        ("erecter spinea", "erector_spinae_left"),  # two in one word
        ("sacroilliac", "sacroiliac_joint_left"),  # one added
        ("multifid", "multifidus_left"),  # an unfinished word is a start, not a typo
    ],
)
def test_one_or_two_typos_are_forgiven(annotations, typo, first):
    assert ids(annotations, typo)[0] == first


def test_typos_have_their_limits(annotations):
    assert annotations.search("dsc") == []  # three letters: no typo allowed
    assert annotations.search("zebra") == []
    assert annotations.search("pxrxfxrmxs") == []  # four edits
    assert annotations.search("   ") == []


def test_a_correct_word_is_not_diluted_by_near_misses(annotations):
    typo_scores = {h.score for h in annotations.search("piriformus")}
    assert all(h.score > max(typo_scores) for h in annotations.search("piriformis"))
    assert "facet_joint_left" not in ids(annotations, "fact")  # "fact" starts a word: no typos


@pytest.mark.parametrize(
    "words, entry",
    [
        ("tailbone", "sacrum_lower"),
        ("tail bone", "sacrum_lower"),
        ("coccyx", "sacrum_lower"),
        ("thigh bone", "femur_left"),
        ("buttock muscle", "piriformis_left"),
        ("numbness", "s1_radiculopathy"),
        ("pins and needles", "s1_radiculopathy"),
        ("slipped disc", "disc_herniation_left"),
    ],
)
def test_patient_words_find_their_entry(annotations, words, entry):
    assert ids(annotations, words)[0] == entry


def test_the_tailbone_is_the_entry_that_tells_of_the_coccyx(annotations):
    """Anatomy: the coccyx (tailbone) hangs from the tip of the sacrum; the model has no
    separate coccyx, so the lower sacrum's entry (whose name and text say so) is found."""
    entry = annotations.structure("sacrum_lower")
    assert "coccyx" in entry.name.lower()
    assert "tailbone" in entry.student.lower() and "tailbone" in entry.patient.lower()
    numbness = annotations.topic("s1_radiculopathy")
    assert "numb" in numbness.patient.lower()


def test_edit_distance_counts_a_swap_as_one_and_sees_starts():
    assert edit_distance("dsic", "disc", 2) == (1, 1)
    assert edit_distance("piriformus", "piriformis", 2)[0] == 1
    assert edit_distance("pirifr", "piriformis", 2)[1] == 1  # a start with one typo
    assert edit_distance("abcdef", "uvwxyz", 2) == (3, 3)  # more than the limit
    assert [typos_allowed(w) for w in ("dsc", "disc", "sciat", "sciatic")] == [0, 1, 1, 2]


def test_normalise_drops_case_accents_and_punctuation():
    assert normalise("L5-S1 disc: Annulus") == ["l5", "s1", "disc", "annulus"]
    assert normalise("Anaesthésie (left)") == ["anaesthesie", "left"]
    assert normalise("facet_joint_left") == ["facet", "joint", "left"]
