"""Stories and the S1 path, from the bundled content, as scene foci."""

from viewer.anatomy.structures import STRUCTURES
from viewer.scene.focus import path_focus, story_focus

ALL = [s.id for s in STRUCTURES]


def test_every_story_lights_its_structures_and_shows_its_condition_shapes(content):
    for sid, story in content.stories.items():
        focus = story_focus(content, sid, ALL)
        assert set(story.highlight) <= focus.lit, sid
        assert set(story.conditions) <= focus.shown, sid
        if story.nerve_path:
            assert set(content.path(story.nerve_path).structures) <= focus.lit


def test_s1_path_lights_the_route_and_shows_skin_and_pain_area(content):
    for pid in ("s1_left", "s1_right"):
        side = pid.split("_")[1]
        focus = path_focus(content, pid, ALL)
        assert f"s1_nerve_root_{side}" in focus.lit and f"sciatic_nerve_{side}" in focus.lit
        assert {"skin", f"s1_pain_area_{side}"} <= focus.shown
        other = "right" if side == "left" else "left"
        assert f"s1_nerve_root_{other}" not in focus.lit
