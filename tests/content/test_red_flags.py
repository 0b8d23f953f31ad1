"""The red-flag box: emergency signs of cauda equina syndrome and other serious signs, in plain
words and for students, with their sources; and the views that must show it."""

from __future__ import annotations

import copy
import re

import pytest

from viewer.content import ContentError, load_annotations

#: the emergency signs and words a patient would recognise in them
EMERGENCY = {
    "saddle_numbness": ("numb", "bottom", "genitals"),
    "bladder": ("peeing",),
    "bowel": ("bowels",),
    "sexual_dysfunction": ("sex",),
    "bilateral_sciatica": ("both legs",),
    "progressive_weakness": ("weakness", "getting worse"),
}
SERIOUS = {
    "cancer_history": ("cancer",),
    "weight_loss": ("losing weight",),
    "fever_unwell": ("fever", "unwell"),
    "trauma": ("fall", "accident"),
    "night_pain": ("night",),
}


def test_emergency_signs_are_all_there_in_plain_words(annotations):
    group = annotations.red_flags.emergency
    signs = {s.id: s for s in group.signs}
    assert set(EMERGENCY) <= set(signs)
    for sid, words in EMERGENCY.items():
        assert all(w in signs[sid].patient.lower() for w in words), (sid, signs[sid].patient)
    action = group.action.patient.lower()
    assert "emergency" in action and "now" in action
    assert "saddle anaesthesia" in signs["saddle_numbness"].student.lower()
    assert "cauda equina" in group.action.student.lower()
    assert "same-day" in group.action.student.lower()


def test_other_serious_signs_are_all_there(annotations):
    group = annotations.red_flags.serious
    signs = {s.id: s for s in group.signs}
    assert set(SERIOUS) <= set(signs)
    for sid, words in SERIOUS.items():
        assert all(w in signs[sid].patient.lower() for w in words), (sid, signs[sid].patient)
    assert "doctor" in group.action.patient.lower()


@pytest.mark.parametrize(
    "group, cited",
    [("emergency", {"nice_cks_sciatica", "girft2023"}), ("serious", {"finucane2020"})],
)
def test_each_group_cites_its_guidance(annotations, group, cited):
    sources = set(getattr(annotations.red_flags, group).sources)
    assert cited <= sources
    for sid in sources:
        citation = annotations.sources[sid].citation
        assert re.search(r"(19|20)\d\d", citation) or annotations.sources[sid].url, sid


def test_patient_facing_views_are_stories_paths_and_the_named_topics(annotations):
    views = annotations.patient_facing_views()
    assert views.stories == set(annotations.stories) and len(views.stories) == 5
    assert views.paths == {"s1_left", "s1_right"}
    assert {"s1_radiculopathy", "s1_nerve_impingement", "outlook"} <= views.topics
    assert {"disc_herniation_left", "disc_herniation_right"} <= views.structures
    assert annotations.shows_red_flags("story", "referred_pain")
    assert annotations.shows_red_flags("path", "s1_right")
    assert annotations.shows_red_flags("topic", "outlook")
    assert annotations.shows_red_flags("structure", "disc_herniation_left")
    assert not annotations.shows_red_flags("topic", "ligaments_of_l5_s1")
    assert not annotations.shows_red_flags("structure", "femur_left")


def test_patient_facing_texts_about_nerves_point_to_the_warning_signs(annotations):
    radiculopathy = annotations.topic("s1_radiculopathy").student.lower()
    assert "cauda equina" in radiculopathy and "emergency" in radiculopathy
    assert "warning signs" in annotations.topic("outlook").patient.lower()
    assert "red flags" in annotations.structure("dural_sac").student.lower()


def test_a_red_flag_block_without_signs_is_refused(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["red_flags"]["emergency"]["signs"] = []
    with pytest.raises(ContentError) as err:
        load_annotations(annotations_copy(doc))
    assert any("$.red_flags.emergency.signs" in p.place for p in err.value.problems)
