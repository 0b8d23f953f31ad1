"""Camera poses from outside (settings, content, scene files) are used only when sane."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import NIGHTLY_EXAMPLES, fuzz_settings
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


_text = st.one_of(
    st.text(max_size=300),
    st.recursive(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(max_size=5)
        ),
        lambda children: st.lists(children, max_size=4),
        max_leaves=20,
    ).map(lambda v: json.dumps(v, allow_nan=True)),
)


def _restore_is_safe(text: str) -> None:
    pose, why = pose_from_text(text)
    if pose is None:
        assert why
    else:
        assert pose_problem(pose) is None


@fuzz_settings()
@given(text=_text)
def test_fuzz_settings_camera_restore_never_raises(text):
    _restore_is_safe(text)


@pytest.mark.nightly
@fuzz_settings(NIGHTLY_EXAMPLES)
@given(text=_text)
def test_fuzz_settings_camera_restore_never_raises_nightly(text):
    _restore_is_safe(text)
