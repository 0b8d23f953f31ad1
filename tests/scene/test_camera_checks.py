"""Camera poses from outside (settings, content, scene files) are used only when sane."""

from __future__ import annotations

import json

import pytest

from viewer.scene.camera import CameraPose
from viewer.scene.camera_checks import pose_from_text, pose_problem

GOOD = CameraPose((0.0, -400.0, 50.0), (0.0, 0.0, 0.0), (0.0, 0.0, 1.0))


def test_a_normal_pose_is_usable():
    assert pose_problem(GOOD) is None
    assert pose_from_text(json.dumps(GOOD.as_lists())) == (GOOD, None)


@pytest.mark.parametrize(
    "pose, reason",
    [
        (CameraPose((float("nan"), 0, 0), (0, 0, 0), (0, 0, 1)), "finite"),
        (CameraPose((0, float("inf"), 0), (0, 0, 0), (0, 0, 1)), "finite"),
        (CameraPose((0, 1e308, 0), (0, 0, 0), (0, 0, 1)), "beyond"),
        (CameraPose((0, 0, 0), (0, 0, 0), (0, 0, 1)), "focal point"),
        (CameraPose((0, -100, 0), (0, 0, 0), (0, 0, 0)), "view-up"),
        (CameraPose((0, -100, 0), (0, 0, 0), (0, 1, 0)), "line of sight"),
    ],
)
def test_broken_poses_are_refused_with_a_reason(pose, reason):
    assert reason in (pose_problem(pose) or "")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[[NaN, 0, 0], [0, 0, 0], [0, 0, 1]]",
        "[[Infinity, 0, 0], [0, 0, 0], [0, 0, 1]]",
        "[[1e308, 0, 0], [0, 0, 0], [0, 0, 1]]",
        "[" * 100_000 + "]" * 100_000,
        "[[1, 2], [3, 4]]",
        '"camera"',
        "{not json",
        "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]" + " " * 5000,
    ],
)
def test_settings_text_that_is_not_a_sane_pose_gives_none_and_why(text):
    pose, why = pose_from_text(text)
    assert pose is None and why
