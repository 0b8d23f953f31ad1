"""Stories and the S1 path, from the bundled content, as scene foci."""

import numpy as np

from viewer.anatomy.structures import STRUCTURES
from viewer.scene.focus import path_focus, path_pose, story_focus, story_pose
from viewer.vocabulary import VIEW_DIRECTIONS

ALL = [s.id for s in STRUCTURES]


def test_every_story_lights_its_structures_and_shows_its_condition_shapes(content):
    assert any(story.nerve_path for story in content.stories.values())
    for sid, story in content.stories.items():
        focus = story_focus(content, sid, ALL)
        assert set(story.highlight) <= focus.lit, sid
        assert set(story.conditions) <= focus.shown, sid
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
    assert set(asked[-1]) == (set(story.highlight) | focus.shown)
    assert not set(asked[-1]) >= set(content.path("s1_left").structures)  # not the whole route
    eye = np.subtract(pose.position, pose.focal_point)
    direction = np.asarray(VIEW_DIRECTIONS[story.camera.view][0], float)
    assert np.allclose(eye / np.linalg.norm(eye), direction / np.linalg.norm(direction))
    assert np.allclose(pose.focal_point, 0.0)
    path = path_pose(content, "s1_left", path_focus(content, "s1_left", ALL), bounds_of)
    assert np.subtract(path.position, path.focal_point)[1] < 0  # from behind (RAS: -y)
