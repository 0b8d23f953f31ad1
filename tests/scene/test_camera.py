"""Standard views and the smooth camera move, in the model frame (RAS)."""

import numpy as np
import pytest

from tests.scene.view_geometry import corner_tangents
from viewer.scene.camera import (
    FILL_HEIGHT,
    FILL_WIDTH,
    LEAST_WIDTH,
    VIEW_ANGLE_DEG,
    CameraPose,
    backed_off_to_fit,
    fitted_view,
    frame,
    interpolate,
    standard_view,
)
from viewer.vocabulary import VIEW_DIRECTIONS

BOUNDS = (-100, 100, -80, 60, -200, 80)


@pytest.mark.parametrize(
    "name, axis, sign",
    [
        ("anterior", 1, 1),
        ("posterior", 1, -1),
        ("left", 0, -1),
        ("right", 0, 1),
        ("superior", 2, 1),
        ("inferior", 2, -1),
    ],
)
def test_standard_views_look_from_the_named_side(name, axis, sign):
    pose = standard_view(name, BOUNDS)
    eye = np.subtract(pose.position, pose.focal_point)
    assert np.argmax(np.abs(eye)) == axis and np.sign(eye[axis]) == sign
    assert abs(np.dot(eye / np.linalg.norm(eye), pose.view_up)) < 1e-9


def test_unknown_view_is_refused():
    with pytest.raises(KeyError):
        standard_view("sideways", BOUNDS)


def test_interpolation_starts_and_ends_on_the_poses_and_turns_smoothly():
    a, b = standard_view("anterior", BOUNDS), standard_view("left", BOUNDS)
    assert np.allclose(interpolate(a, b, 0).position, a.position)
    assert np.allclose(interpolate(a, b, 1).position, b.position)
    mid = interpolate(a, b, 0.5)
    r = np.linalg.norm(np.subtract(mid.position, mid.focal_point))
    assert r == pytest.approx(np.linalg.norm(np.subtract(a.position, a.focal_point)))
    d = np.subtract(mid.position, mid.focal_point) / r
    assert d[0] < -0.5 and d[1] > 0.5  # halfway round, between the front and the left


def test_framing_keeps_the_direction_and_centres_the_structure():
    pose = standard_view("posterior", BOUNDS)
    small = (10, 20, -30, -20, 0, 10)
    framed = frame(pose, small)
    assert np.allclose(framed.focal_point, (15, -25, 5))
    d0 = np.subtract(pose.position, pose.focal_point)
    d1 = np.subtract(framed.position, framed.focal_point)
    assert np.allclose(d0 / np.linalg.norm(d0), d1 / np.linalg.norm(d1))
    assert np.linalg.norm(d1) < np.linalg.norm(d0)


def test_pose_round_trips_through_settings_lists():
    pose = CameraPose((1.0, 2.0, 3.0), (0.0, 0.0, 0.0), (0.0, 0.0, 1.0))
    assert CameraPose.from_lists(pose.as_lists()) == pose
    with pytest.raises(ValueError):
        CameraPose.from_lists([[1, 2], [0, 0, 0], [0, 0, 1]])


@pytest.mark.parametrize("aspect", [0.6, 1.0, 16 / 9, 2.4])
def test_a_pose_backs_off_until_the_whole_box_is_in_a_view_of_any_shape(aspect):
    """A tall subject (a nerve down the thigh) seen close from behind: in a wide, short view the
    camera backs off along its line of sight until every corner is inside the picture."""
    box = (-40.0, 40.0, -30.0, 30.0, -300.0, 100.0)
    close = CameraPose.of((0.0, -500.0, -100.0), (0.0, 0.0, -100.0), (0.0, 0.0, 1.0))
    assert corner_tangents(close, box, aspect).max() > 1.0  # the close pose crops it
    fitted = backed_off_to_fit(close, box, aspect)
    assert corner_tangents(fitted, box, aspect).max() <= 1.0
    assert corner_tangents(fitted, box, aspect).max() > 0.85  # not needlessly far
    # the same line of sight and focal point; only further back
    assert np.allclose(fitted.focal_point, close.focal_point)
    before = np.subtract(close.position, close.focal_point)
    after = np.subtract(fitted.position, fitted.focal_point)
    assert np.allclose(after / np.linalg.norm(after), before / np.linalg.norm(before))
    assert np.linalg.norm(after) > np.linalg.norm(before)


def test_a_pose_that_already_shows_the_box_is_left_alone():
    box = (-10.0, 10.0, -10.0, 10.0, -10.0, 10.0)
    far = CameraPose.of((0.0, -1000.0, 0.0), (0.0, 0.0, 0.0), (0.0, 0.0, 1.0))
    assert backed_off_to_fit(far, box, 16 / 9) == far


def _in_picture(pose: CameraPose, points: np.ndarray, aspect: float) -> np.ndarray:
    """Where ``points`` land in a perspective picture taken from ``pose``: (x, y) as shares of
    the half-width and half-height from its centre (1 at the edges)."""
    focal = np.asarray(pose.focal_point)
    sight = np.subtract(pose.position, focal)
    distance = np.linalg.norm(sight)
    sight = sight / distance
    up = np.asarray(pose.view_up)
    right = np.cross(up, sight)
    rel = points - focal
    depth = distance - rel @ sight
    tan_v = np.tan(np.radians(VIEW_ANGLE_DEG) / 2)
    return np.column_stack([(rel @ right) / depth / (tan_v * aspect), (rel @ up) / depth / tan_v])


@pytest.mark.parametrize("name", ["oblique", "posterior", "left", "superior"])
@pytest.mark.parametrize("aspect", [0.6, 1.0, 1.6, 2.4])
def test_a_fitted_view_fills_the_picture_with_the_model_centred(name, aspect):
    """A tall, off-centre cloud (a pelvis with the thighs): seen from any standard side in a
    view of any shape, it fills FILL_HEIGHT of the height or FILL_WIDTH of the width (whichever
    binds first), stays inside both, and its outline is centred."""
    rng = np.random.default_rng(3)
    points = rng.normal(size=(4000, 3)) * (60.0, 45.0, 110.0) + (20.0, -30.0, -70.0)
    pose = fitted_view(name, points, aspect=aspect)
    xy = _in_picture(pose, points, aspect)
    # how far out its furthest point reaches, as a share of the half-height and half-width
    height = np.abs(xy[:, 1]).max()
    width = np.abs(xy[:, 0]).max()
    assert height <= FILL_HEIGHT + 1e-6 and width <= FILL_WIDTH + 1e-6
    assert max(height / FILL_HEIGHT, width / FILL_WIDTH) > 0.999
    # centred: the outline's middle near the picture's (perspective shifts it a little)
    assert np.all(np.abs(xy.min(axis=0) + xy.max(axis=0)) / 2 < 0.08)
    direction = np.subtract(pose.position, pose.focal_point)
    wanted = np.asarray(VIEW_DIRECTIONS[name][0], float)
    assert np.dot(direction / np.linalg.norm(direction), wanted / np.linalg.norm(wanted)) > 0.999


def test_a_fitted_view_leaves_the_asked_room_beside_the_model():
    """Room for a column of labels on each side: the model keeps within ``width_share`` of the
    view's width, never under LEAST_WIDTH."""
    rng = np.random.default_rng(4)
    points = rng.normal(size=(3000, 3)) * (90.0, 45.0, 60.0)
    for share, expected in ((0.5, 0.5), (0.1, LEAST_WIDTH)):
        pose = fitted_view("anterior", points, aspect=1.6, width_share=share)
        xy = _in_picture(pose, points, 1.6)
        assert np.abs(xy[:, 0]).max() == pytest.approx(expected, rel=1e-6)
