"""Framing a chosen structure shows it: from the default view, after framing, the structure
covers a fair share of the view's pixels (an id buffer: what each pixel shows, drawn by the
graphics driver), with whatever still hid it faded, and a click on it selects it."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from tests import known_defects
from tests.render.id_buffer import BACKGROUND, id_buffer, share_of
from viewer.render.assembly import ModelScene
from viewer.scene.framing import SEEN_ENOUGH
from viewer.vocabulary import DEFAULT_VIEW

#: after framing, a structure covers at least this share of the view's pixels
MIN_SHARE = 0.002
#: the structures the issue names (hidden or nearly so in the default view), and more
CHOSEN = [
    "facet_joint_left",
    "l5_s1_disc_nucleus",
    "l5_s1_disc_annulus",
    "s1_segment",
    "s1_nerve_root_left",
    "dural_sac",
    "sacroiliac_joint_left",
    "ligamentum_flavum_left",
    "posterior_longitudinal_ligament",
]


@pytest.fixture(scope="module")
def scene(content, viewer_mesh_dir):
    plotter = pv.Plotter(off_screen=True, window_size=[640, 480])
    scene = ModelScene(plotter, content, viewer_mesh_dir)
    plotter.screenshot(None, return_img=True)  # the first frame (pyvista renders only after it)
    yield scene
    plotter.close()


@pytest.fixture
def default_view(scene):
    state = scene.state
    state.set_focus(None)
    state.select(None)
    state.show_all()
    state.set_xray(False)
    scene.renderer.set_camera_pose(scene.renderer.view_pose(DEFAULT_VIEW))
    return scene


def clicked_at(scene, buffer, ids, sid) -> bool:
    """Whether a pick in the middle of the pixels showing ``sid`` selects it."""
    ys, xs = np.nonzero(buffer == ids.index(sid))
    k = int(np.argmin((xs - xs.mean()) ** 2 + (ys - ys.mean()) ** 2))
    return scene.renderer.pick(xs[k] + 0.5, ys[k] + 0.5) == sid


#: known defects (strict: the test fails once one is fixed, so its entry goes)
FRAMING_KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(
    "sid",
    known_defects.cases(CHOSEN, FRAMING_KNOWN_FAILURES),
)
def test_a_framed_structure_is_in_sight(default_view, sid):
    scene = default_view
    framing = scene.renderer.framing([sid])
    assert sid not in framing.faded
    scene.state.set_faded(framing.faded)
    scene.renderer.set_camera_pose(framing.pose)
    buffer, ids = id_buffer(scene)
    assert share_of(buffer, ids, sid) >= MIN_SHARE, (sid, share_of(buffer, ids, sid), framing)
    assert clicked_at(scene, buffer, ids, sid)


def test_a_structure_in_sight_keeps_the_users_side(default_view):
    """The left piriformis is in sight from the default view: framing comes closer from the same
    side and fades nothing."""
    scene = default_view
    before = scene.renderer.camera_pose()
    framing = scene.renderer.framing(["piriformis_left"])
    assert framing.faded == frozenset() and framing.seen >= SEEN_ENOUGH

    def direction(pose):
        d = np.subtract(pose.position, pose.focal_point)
        return d / np.linalg.norm(d)

    assert np.dot(direction(before), direction(framing.pose)) > 0.999


def test_s1_hidden_in_the_default_view_is_brought_into_sight(default_view):
    """S1 has no pixel in the default view (the back muscles and the hip bone cover it); framed,
    it has a visible point that a click selects."""
    scene = default_view
    buffer, ids = id_buffer(scene)
    assert share_of(buffer, ids, "s1_segment") < 0.0002
    framing = scene.renderer.framing(["s1_segment"])
    scene.state.set_faded(framing.faded)
    scene.renderer.set_camera_pose(framing.pose)
    buffer, ids = id_buffer(scene)
    assert clicked_at(scene, buffer, ids, "s1_segment")


def test_the_default_view_fills_the_height_of_the_view_without_cropping(default_view):
    """The model as the app opens: it fills most of the view's height (a sphere round its box
    left it about two thirds, with empty space round it), centred, nothing cut off at an
    edge."""
    scene = default_view
    buffer, ids = id_buffer(scene, also=scene.state.faded)
    rows = np.flatnonzero((buffer != BACKGROUND).any(axis=1))
    cols = np.flatnonzero((buffer != BACKGROUND).any(axis=0))
    height, width = buffer.shape
    assert (rows[-1] - rows[0] + 1) / height >= 0.8
    below, above = rows[0] / height, (height - 1 - rows[-1]) / height
    assert below > 0.01 and above > 0.01 and cols[0] > 0 and cols[-1] < width - 1
    assert abs(below - above) < 0.06
