"""The scene state: what a user can switch on, off, select, fade and see through."""

import pytest

from viewer.anatomy.structures import STRUCTURES
from viewer.scene.appearance import DIMMED_OPACITY, PICKABLE_OPACITY
from viewer.scene.events import Event
from viewer.scene.state import Focus, SceneState, SceneStructure


@pytest.fixture
def state():
    return SceneState(SceneStructure.from_spec(s) for s in STRUCTURES)


@pytest.fixture
def events(state):
    seen: list[Event] = []
    state.events.any.connect(seen.append)
    return seen


def test_skin_and_condition_shapes_start_hidden_everything_else_shown(state):
    assert not state.is_shown("skin")
    assert not state.is_shown("disc_herniation_left")
    assert state.is_shown("l5_vertebra") and state.is_shown("piriformis_right")


def test_the_opening_scene_fades_multifidus_and_switches_the_erector_spinae_off(state, events):
    state.open_as_the_app_starts()
    assert state.faded == {"multifidus_left", "multifidus_right"}
    assert not state.is_shown("erector_spinae_left") and not state.is_shown("erector_spinae_right")
    assert state.is_shown("l5_vertebra") and state.is_shown("s1_segment")
    assert not state.is_shown("skin")
    assert {e.type for e in events} == {"visibility", "opacity"}
    state.show_all()  # "show all" brings the erector spinae back and unfades
    assert state.is_shown("erector_spinae_left") and not state.faded


def test_hide_isolate_and_show_all(state, events):
    state.hide(["piriformis_left"])
    assert not state.appearance("piriformis_left").visible
    assert events[-1].type == "visibility" and events[-1].ids == {"piriformis_left"}
    state.isolate(["l5_vertebra", "s1_nerve_root_left"])
    assert state.visible == {"l5_vertebra", "s1_nerve_root_left"}
    state.show_all()
    assert state.is_shown("piriformis_left") and not state.is_shown("skin")


def test_hiding_the_selected_structure_clears_the_selection(state, events):
    state.select("l5_vertebra")
    assert events[-1].type == "selection" and events[-1].value == (None, "l5_vertebra")
    state.hide(["l5_vertebra"])
    assert state.selected is None
    assert [e.type for e in events[-2:]] == ["visibility", "selection"]


def test_selecting_again_or_unknown(state, events):
    state.select("femur_left")
    n = len(events)
    state.select("femur_left")
    assert len(events) == n  # no change, no event
    with pytest.raises(KeyError):
        state.select("no_such_thing")


def test_xray_makes_bones_see_through_and_unpickable_but_not_nerves(state, events):
    state.set_xray(True)
    bone, root = state.appearance("l5_vertebra"), state.appearance("s1_nerve_root_left")
    assert bone.opacity < PICKABLE_OPACITY and not bone.pickable
    assert root.opacity == 1.0 and root.pickable
    assert "l5_vertebra" in events[-1].ids and "s1_nerve_root_left" not in events[-1].ids
    state.set_xray(False)
    assert state.appearance("l5_vertebra").opacity == 1.0


def test_fade_toggles(state):
    state.toggle_fade("psoas_major_left")
    assert state.appearance("psoas_major_left").opacity < 0.5
    state.toggle_fade("psoas_major_left")
    assert state.appearance("psoas_major_left").opacity == 1.0


def test_focus_lights_shows_and_dims(state):
    state.set_focus(
        Focus(
            "story",
            "x",
            lit=frozenset({"s1_nerve_root_left"}),
            shown=frozenset({"disc_herniation_left"}),
        )
    )
    assert state.appearance("s1_nerve_root_left").lit
    herniation = state.appearance("disc_herniation_left")
    assert herniation.visible and not herniation.dimmed
    femur = state.appearance("femur_left")
    assert femur.dimmed and femur.opacity == DIMMED_OPACITY
    state.set_focus(None)
    assert not state.is_shown("disc_herniation_left")
    assert not state.appearance("femur_left").dimmed


def test_snapshot_restores_visibility_selection_and_fading(state):
    before = state.snapshot()
    state.select("piriformis_left")
    state.toggle_fade("psoas_major_left")
    state.hide(["femur_right"])
    state.restore(before)
    assert state.snapshot() == before
    assert state.selected is None and state.is_shown("femur_right")


def test_a_pain_area_is_paint_and_over_a_lit_route_only_a_tint_not_clicked(state, content):
    from viewer.scene.appearance import PAIN_AREA_OPACITY, PAIN_OVER_ROUTE_OPACITY
    from viewer.scene.focus import path_focus

    state.show(["s1_pain_area_left"])
    shown = state.appearance("s1_pain_area_left")
    assert shown.opacity == PAIN_AREA_OPACITY and shown.pickable
    state.set_focus(path_focus(content, "s1_left", state.ids))
    assert state.route_lit()
    over_route = state.appearance("s1_pain_area_left")
    assert over_route.visible and over_route.opacity == PAIN_OVER_ROUTE_OPACITY
    assert not over_route.pickable  # a click there reaches the nerve
    assert state.appearance("sciatic_nerve_left").pickable
    # recognised by its kind, not its id: the other side's patch follows the same rule
    assert state.structures["s1_pain_area_right"].kind == "pain_area"


def test_the_focus_names_its_route_and_side_and_is_one_event(state, events, content):
    from viewer.scene.focus import path_focus, story_focus

    state.set_focus(story_focus(content, "s1_radiculopathy", state.ids))
    assert events[-1].type == "focus" and events[-1].ids is None
    focus = state.focus
    assert focus is not None and (focus.kind, focus.route, focus.side) == (
        "story",
        "s1_left",
        "left",
    )
    state.set_focus(path_focus(content, "s1_right", state.ids))
    assert state.focus is not None and (state.focus.route, state.focus.side) == (
        "s1_right",
        "right",
    )
    state.set_focus(story_focus(content, "sacroiliac_joint_dysfunction", state.ids))
    assert state.focus is not None and state.focus.route is None


def test_an_article_entry_naming_nothing_in_the_scene_dims_nothing(state):
    from viewer.scene.article import article_focus

    state.set_focus(article_focus("topic", "outlook", [], state.ids))
    assert state.focus is not None and state.focus.key == "outlook"
    assert not any(state.appearance(i).dimmed for i in state.ids)
    state.set_focus(article_focus("topic", "discectomy", ["l5_s1_disc_annulus"], state.ids))
    assert state.appearance("l5_s1_disc_annulus").lit
    assert state.appearance("femur_left").dimmed


def test_labels_switch_with_one_event_and_follow_the_look(state, events):
    state.set_labels(False)
    assert not state.labels and events[-1].type == "labels" and events[-1].ids == frozenset()
    state.set_labels(True)
    assert state.appearance("l5_vertebra").labelled
    state.set_xray(True)
    assert not state.appearance("l5_vertebra").labelled  # see-through bones carry no label


def test_the_voice_starts_as_the_students_and_switches_with_one_event(state, events):
    assert state.voice == "student"
    state.set_voice("patient")
    assert state.voice == "patient"
    assert events[-1].type == "voice" and events[-1].value == "patient"
    assert events[-1].ids == frozenset()  # no structure's look changes
    n = len(events)
    state.set_voice("patient")
    assert len(events) == n  # no change, no event
    with pytest.raises(ValueError):
        state.set_voice("doctor")
    assert state.voice == "patient"
