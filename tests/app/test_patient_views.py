"""What a patient is shown: the red-flag box and the disclaimer on every patient-facing view, the
plain names everywhere once the patient's words are on, and each story on either side."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from viewer.app.safety import red_flags_text
from viewer.app.story_list import SIDE_SETTING
from viewer.vocabulary import SIDES

VOICES = ("student", "patient")


def patient_facing(content) -> list[tuple[str, str]]:
    views = content.patient_facing_views()
    out = [
        *(("story", i) for i in sorted(views.stories)),
        *(("path", i) for i in sorted(views.paths)),
        *(("topic", i) for i in sorted(views.topics)),
        *(("structure", i) for i in sorted(views.structures)),
    ]
    # the views the issue names are among them
    for must in [
        *(("story", s) for s in content.stories),
        *(("path", p) for p in content.paths),
        ("topic", "s1_radiculopathy"),
        ("topic", "s1_nerve_impingement"),
        ("topic", "outlook"),
        ("structure", "disc_herniation_left"),
    ]:
        assert must in out, must
    return out


def show(window, kind: str, key: str) -> None:
    """Open a view as a user does."""
    if kind == "story":
        window.show_story(key)
    elif kind == "path":
        window.show_path(key)
    elif kind == "topic":
        window.teaching.show_topic(key)
    else:
        window.select(key)


def assert_safety_shown(window, content, voice, where) -> None:
    text = " ".join(window.info_panel.toPlainText().split())
    for line in red_flags_text(content, voice):
        assert " ".join(line.split()) in text, (where, voice, line)
    assert content.disclaimer in text, where
    assert window.info_panel.shows_red_flags, where


def test_every_patient_facing_view_shows_the_red_flags_and_the_disclaimer(window, content):
    flags = content.red_flags
    emergency = " ".join(s.patient for s in flags.emergency.signs).lower()
    for word in ("numb", "peeing", "bowel", "sex", "both legs", "weakness"):
        assert word in emergency, word  # the emergency signs are all there
    for voice in VOICES:
        window.set_voice(voice)
        for kind, key in patient_facing(content):
            show(window, kind, key)
            assert_safety_shown(window, content, voice, (kind, key))
            window.select(None)
            window.clear_story()


def test_a_section_holding_a_patient_facing_topic_shows_them_too(window, content):
    sections = [
        s.section.id
        for s in content.tour()
        if any(content.shows_red_flags("topic", t) for t in s.topics)
    ]
    assert sections
    for sid in sections:
        window.teaching.show_section(sid)
        assert_safety_shown(window, content, "student", sid)


def test_anatomy_views_carry_the_disclaimer_without_the_red_flag_box(window, content):
    title = content.red_flags.title.student
    for kind, key in (("structure", "l5_vertebra"), ("topic", "overview")):
        assert not content.shows_red_flags(kind, key)
        show(window, kind, key)
        text = window.info_panel.toPlainText()
        assert content.disclaimer in text and title not in text, key
        assert not window.info_panel.shows_red_flags
        window.select(None)


def test_the_patients_words_name_everything_plainly(window, content):
    window.set_voice("patient")
    # the story list: plain story titles
    texts = [window.story_list.item(r).text() for r in range(window.story_list.count())]
    for story in content.stories.values():
        assert story.patient_title in texts and story.title not in texts
    # the structure tree: plain names, a pair under its plain name without the side
    tree = window.structure_tree
    assert tree.leaves["l5_vertebra"].text() == content.structure("l5_vertebra").patient_name
    assert tree.leaves["piriformis_left"].parent().text() == "Buttock muscle (piriformis)"
    # the S1 path: plain heading and stage names
    window.show_path("s1_left")
    text = window.info_panel.toPlainText()
    for stage in content.path("s1_left").stages:
        assert stage.patient_name in text, stage.id
        if stage.name not in stage.patient_name:
            assert stage.name not in text, stage.id
    # a story's heading and its highlighted-structures line
    window.show_story("s1_nerve_impingement")
    story = content.story("s1_nerve_impingement")
    text = window.info_panel.toPlainText()
    assert story.patient_title in text and "Shown in the picture" in text
    for sid in story.highlight:
        assert content.structure(sid).patient_name in text, sid
    # a topic's heading and list items
    window.teaching.show_topic("imaging")
    text = window.info_panel.toPlainText()
    topic = content.topic("imaging")
    assert topic.patient_title in text
    for item in topic.items:
        assert item.patient_name in text, item.id
    # back to the student's words: the technical names again
    window.set_voice("student")
    assert tree.leaves["l5_vertebra"].text() == content.structure("l5_vertebra").name
    assert topic.title in window.info_panel.toPlainText()


def test_changing_the_voice_shows_and_hides_nothing(window, content):
    window.show_story("s1_radiculopathy")
    visible = window.state.visible
    window.set_voice("patient")
    window.set_voice("student")
    assert window.state.visible == visible


@pytest.mark.parametrize("side", SIDES)
def test_the_scripting_api_tells_a_story_on_either_side(window, content, side):
    window.show_story("s1_radiculopathy", side=side)
    focus = window.state.focus
    assert focus.side == side and f"s1_nerve_root_{side}" in focus.lit
    assert f"s1_pain_area_{side}" in focus.shown
    assert window.side_chooser.buttons[side].isChecked()
    assert window.body_chart.pain_map.side == side and f"{side} side" in (
        window.body_chart.title.text()
    )
    assert f"{side} side" in window.info_panel.toPlainText().splitlines()[1]
    other = "left" if side == "right" else "right"
    assert not window.renderer.actors[f"s1_pain_area_{other}"].GetVisibility()


def test_the_side_chooser_retells_the_story_and_is_remembered(qtbot, window, content):
    window.side_chooser.buttons["left"].click()
    window.show_story("referred_pain")
    assert window.state.focus.side == "left"
    window.side_chooser.buttons["right"].click()  # as a user does
    assert window.state.focus.key == "referred_pain" and window.state.focus.side == "right"
    assert "facet_joint_right" in window.state.focus.lit
    assert QSettings().value(SIDE_SETTING) == "right"
    assert window.actions_by_name["right_side"].isChecked()
    window.clear_story()
    window.show_story("piriformis_syndrome")  # the next story comes on the side chosen
    assert window.state.focus.side == "right"
    window.show_path("s1_left")  # a path row keeps its own side; the chooser follows
    assert window.side_chooser.side == "left"
    window.actions_by_name["right_side"].trigger()  # R: the path of the other side
    assert window.state.focus.key == "s1_right"
    window.side_chooser.choose("left")
