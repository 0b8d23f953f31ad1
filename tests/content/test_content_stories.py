"""The five condition stories and the S1 nerve paths (their pain maps: test_pain_patterns.py)."""

from __future__ import annotations

import pytest

from viewer.anatomy.structures import BY_ID, ids

MECHANISMS = [
    "s1_radiculopathy",
    "s1_nerve_impingement",
    "sacroiliac_joint_dysfunction",
    "piriformis_syndrome",
    "referred_pain",
]


def test_one_story_per_mechanism(annotations):
    assert sorted(annotations.stories) == sorted(MECHANISMS)
    for sid, story in annotations.stories.items():
        assert story.topic == sid
        assert annotations.topic(story.topic).kind == "mechanism"
        assert annotations.story_for_topic(sid) is story


@pytest.mark.parametrize(
    "story_id, shapes, lit",
    [
        ("s1_radiculopathy", {"disc_herniation_left", "s1_pain_area_left"}, "s1_left"),
        (
            "s1_nerve_impingement",
            {"disc_herniation_left", "foraminal_spur_left", "s1_pain_area_left"},
            "s1_left",
        ),
        (
            "sacroiliac_joint_dysfunction",
            {"sacroiliac_inflammation_left", "referred_pain_area_left"},
            None,
        ),
        # the whole sciatic nerve, outside the spine: no S1 route is lit
        ("piriformis_syndrome", {"piriformis_spasm_left", "referred_pain_area_left"}, None),
        ("referred_pain", {"referred_pain_area_left"}, None),
    ],
)
def test_each_story_shows_its_condition_shapes_on_the_left(annotations, story_id, shapes, lit):
    story = annotations.story(story_id)
    assert story.side == "left"
    assert set(story.conditions) == shapes
    assert set(story.conditions) <= set(ids("conditions"))
    assert story.nerve_path == lit
    for sid in story.highlight:
        assert BY_ID[sid].side in (None, "left"), sid
        assert BY_ID[sid].group != "conditions"
    assert story.dim == "rest"
    assert story.camera.view is not None or story.camera.position is not None
    assert story.caption.student and story.caption.patient
    assert story.patient_title and story.patient_title != story.title


def test_stories_highlight_the_structures_of_their_mechanism(annotations):
    assert {"s1_nerve_root_left", "l5_s1_disc_nucleus"} <= set(
        annotations.story("s1_radiculopathy").highlight
    )
    piriformis = set(annotations.story("piriformis_syndrome").highlight)
    assert {"piriformis_left", "sciatic_nerve_left"} <= piriformis
    assert "s1_nerve_root_left" not in piriformis
    assert "sacroiliac_joint_left" in annotations.story("sacroiliac_joint_dysfunction").highlight
    assert {"facet_joint_left", "sacroiliac_joint_left"} <= set(
        annotations.story("referred_pain").highlight
    )
    # impingement shows both roots: a foraminal spur at L5-S1 meets L5, the recess meets S1
    assert {"s1_nerve_root_left", "l5_nerve_root_left"} <= set(
        annotations.story("s1_nerve_impingement").highlight
    )


def test_a_story_told_on_the_right_uses_only_right_and_midline_ids(annotations):
    for sid in annotations.stories:
        right = annotations.story_on_side(sid, "right")
        assert right.side == "right" and right.id == sid
        for i in [*right.highlight, *right.conditions]:
            assert i in BY_ID and BY_ID[i].side in (None, "right"), i
        assert right.nerve_path in (None, "s1_right")
    assert annotations.story_on_side("piriformis_syndrome", "left") is annotations.story(
        "piriformis_syndrome"
    )


# ---------------------------------------------------------------------------------- S1 paths
@pytest.mark.parametrize("side", ["left", "right"])
def test_s1_path_runs_from_dural_sac_through_the_root_to_the_sciatic_nerve(annotations, side):
    path = annotations.path(f"s1_{side}")
    assert path.side == side
    assert path.structures == ["dural_sac", f"s1_nerve_root_{side}", f"sciatic_nerve_{side}"]
    names = " / ".join(st.name.lower() for st in path.stages)
    for stage in (
        "dural sac",
        "lateral recess",
        "s1 sacral foramen",
        "sacral plexus",
        "below piriformis",
        "sciatic nerve",
    ):
        assert stage in names
    # the stages follow the route: their structures never go back up the path
    order = [path.structures.index(st.structure) for st in path.stages]
    assert order == sorted(order)
    assert path.pain_areas == [f"s1_pain_area_{side}"]
    assert "first anterior sacral foramen" in " ".join(st.student for st in path.stages)


@pytest.mark.parametrize("side", ["left", "right"])
def test_s1_path_stages_have_plain_names_that_explain_the_term(annotations, side):
    stages = {st.id: st for st in annotations.path(f"s1_{side}").stages}
    assert stages["s1_foramen"].patient_name == "The nerve's exit hole (S1 foramen)"
    assert stages["infrapiriform_exit"].patient_name.endswith("(piriformis)")
    for st in stages.values():
        assert st.patient_name != st.name
        assert "(" in st.patient_name, st.patient_name  # plain words, then the term
