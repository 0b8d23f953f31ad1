"""Stories and the S1 path, from the bundled content, as scene foci."""

import copy

import numpy as np
import pytest

from tests.scene.view_geometry import corner_tangents
from viewer.anatomy.structures import STRUCTURES, mirror_id
from viewer.scene.focus import (
    is_skin_patch,
    path_focus,
    path_on_side,
    path_pose,
    story_focus,
    story_pose,
)
from viewer.vocabulary import SIDES, VIEW_DIRECTIONS

ALL = [s.id for s in STRUCTURES]


def test_every_story_lights_its_structures_and_shows_its_condition_shapes(content):
    assert any(story.nerve_path for story in content.stories.values())
    for sid, story in content.stories.items():
        focus = story_focus(content, sid, ALL)
        assert set(story.highlight) <= focus.lit, sid
        shapes = {i for i in story.conditions if not is_skin_patch(i)}
        assert shapes <= focus.shown, sid
        if story.nerve_path:
            assert set(content.path(story.nerve_path).structures) <= focus.lit


def test_s1_path_lights_the_route_and_shows_skin_and_pain_area(content):
    assert {p.side for p in content.paths.values()} == {"left", "right"}
    for pid, path in content.paths.items():
        side = path.side
        focus = path_focus(content, pid, ALL)
        assert (focus.route, focus.side) == (pid, side)
        assert f"s1_nerve_root_{side}" in focus.lit and f"sciatic_nerve_{side}" in focus.lit
        assert {"skin", f"s1_pain_area_{side}"} <= focus.shown
        other = "right" if side == "left" else "left"
        assert f"s1_nerve_root_{other}" not in focus.lit


def test_a_story_frames_its_own_structures_from_the_side_it_asks_for(content):
    """The camera of a story looks from its named view at the box around its highlighted
    structures and shapes (not the whole lit route), its zoom bringing the eye closer."""
    asked: list[list[str]] = []

    def bounds_of(ids):
        asked.append(list(ids))
        return (-10.0, 10.0, -10.0, 10.0, -10.0, 10.0)

    story = content.story("s1_nerve_impingement")
    assert story.camera.view is not None
    focus = story_focus(content, story.id, ALL)
    pose = story_pose(content, story.id, focus, bounds_of)
    shapes = {i for i in focus.shown if not is_skin_patch(i)}
    assert shapes and focus.shown - shapes  # shapes and a skin patch
    assert set(asked[-1]) == (set(story.highlight) | shapes)  # the shapes, not the patch
    assert not set(asked[-1]) >= set(content.path("s1_left").structures)  # not the whole route
    eye = np.subtract(pose.position, pose.focal_point)
    direction = np.asarray(VIEW_DIRECTIONS[story.camera.view][0], float)
    assert np.allclose(eye / np.linalg.norm(eye), direction / np.linalg.norm(direction))
    assert np.allclose(pose.focal_point, 0.0)
    path = path_pose(content, "s1_left", path_focus(content, "s1_left", ALL), bounds_of)
    assert np.subtract(path.position, path.focal_point)[1] < 0  # from behind (RAS: -y)


def patches(focus):
    return {i for i in focus.shown if is_skin_patch(i)}


def test_the_skin_patches_shown_are_the_pain_patterns_skin_areas(content):
    """A story or path shows exactly the skin areas of its own pain patterns: the S1 patch in
    the S1 stories and paths, the referred-pain patch (no S1 patch) in the others."""
    for sid in content.stories:
        for side in SIDES:
            areas = {a for p in content.story_pain_patterns(sid, side) for a in p.skin_areas}
            assert patches(story_focus(content, sid, ALL, side)) == areas, (sid, side)
    for pid in content.paths:
        areas = {a for p in content.path_pain_patterns(pid) for a in p.skin_areas}
        assert areas and patches(path_focus(content, pid, ALL)) == areas
    assert patches(story_focus(content, "s1_radiculopathy", ALL)) == {"s1_pain_area_left"}
    for sid in ("sacroiliac_joint_dysfunction", "piriformis_syndrome", "referred_pain"):
        assert patches(story_focus(content, sid, ALL)) == {"referred_pain_area_left"}, sid


def test_a_story_without_a_pain_pattern_shows_no_skin_patch(content):
    bare = copy.deepcopy(content)
    story = bare.stories["s1_radiculopathy"]
    bare.stories["s1_radiculopathy"] = story.model_copy(update={"pain_patterns": []})
    bare.stories["s1_radiculopathy"]._id = story.id
    focus = story_focus(bare, "s1_radiculopathy", ALL)
    assert patches(focus) == set()
    assert "disc_herniation_left" in focus.shown  # its condition shape still shows


@pytest.mark.parametrize("sid", ["s1_radiculopathy", "referred_pain", "piriformis_syndrome"])
def test_a_story_told_on_the_right_is_its_mirror(content, sid):
    left = story_focus(content, sid, ALL, "left")
    right = story_focus(content, sid, ALL, "right")
    assert (left.side, right.side) == ("left", "right")
    mirror = lambda ids: {mirror_id(i) or i for i in ids}  # noqa: E731
    assert right.lit == mirror(left.lit) and right.shown == mirror(left.shown)
    assert left.lit != right.lit
    if left.route is not None:
        assert right.route == path_on_side(content, left.route, "right") != left.route


def test_a_story_told_on_the_right_looks_from_the_mirrored_side(content):
    """The referred-pain story looks from the patient's left; told on the right, from the
    right, at the mirrored structures."""
    asked: list[list[str]] = []

    def bounds_of(ids):
        asked.append(list(ids))
        return (-10.0, 10.0, -10.0, 10.0, -10.0, 10.0)

    story = content.story("referred_pain")
    assert story.camera.view == "left" and story.side == "left"
    focus = story_focus(content, story.id, ALL, "right")
    pose = story_pose(content, story.id, focus, bounds_of)
    eye = np.subtract(pose.position, pose.focal_point)
    assert np.allclose(eye / np.linalg.norm(eye), VIEW_DIRECTIONS["right"][0])
    assert "facet_joint_right" in asked[-1] and "facet_joint_left" not in asked[-1]
    posterior = story_focus(content, "s1_radiculopathy", ALL, "right")
    pose = story_pose(content, "s1_radiculopathy", posterior, bounds_of)
    eye = np.subtract(pose.position, pose.focal_point)
    assert eye[1] < 0 and abs(eye[0]) < 1e-6  # still straight from behind


def test_each_path_has_its_twin_on_the_other_side(content):
    assert path_on_side(content, "s1_left", "right") == "s1_right"
    assert path_on_side(content, "s1_right", "left") == "s1_left"
    assert path_on_side(content, "s1_left", "left") == "s1_left"


@pytest.mark.parametrize("aspect", [0.8, 16 / 9, 2.4])
def test_every_story_keeps_what_it_frames_in_a_view_of_any_shape(content, aspect):
    """Presentation mode's view is wide and short: each story's camera, told on either side,
    still shows every corner of what it frames (its own zoom may bring it closer only as far as
    that)."""
    framed: list = []

    def bounds_of(ids):
        # a subject as tall as a nerve running down the thigh, off the model's centre
        framed.append((-60.0, 20.0, -40.0, 40.0, -380.0, 60.0))
        return framed[-1]

    for sid in content.stories:
        for side in SIDES:
            focus = story_focus(content, sid, ALL, side)
            pose = story_pose(content, sid, focus, bounds_of, aspect)
            assert corner_tangents(pose, framed[-1], aspect).max() <= 1.0, (sid, side)
