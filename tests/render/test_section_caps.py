"""Section caps on screen: where a structure is cut at the edge of the model, its cut face is drawn
in a lighter shade of its own colour, shown and faded with it, and a click on it names the
structure."""

import numpy as np
import pytest
import pyvista as pv

from viewer.render import colours
from viewer.render.assembly import ModelScene

#: structures that run on beyond the model and end in a cut there
CUT = (
    "anterior_longitudinal_ligament",
    "posterior_longitudinal_ligament",
    "psoas_major_left",
    "erector_spinae_right",
)


@pytest.fixture(scope="module")
def scene(content, viewer_mesh_dir):
    plotter = pv.Plotter(off_screen=True, window_size=[600, 600])
    scene = ModelScene(plotter, content, viewer_mesh_dir)
    plotter.screenshot(None, return_img=True)
    yield scene
    plotter.close()


@pytest.mark.parametrize("sid", CUT)
def test_a_cut_face_is_a_lighter_shade_of_its_structure(scene, sid):
    cap = scene.renderer.caps.actors[sid]
    own = np.array(scene.renderer.actors[sid].GetProperty().GetColor())
    shade = np.array(cap.GetProperty().GetColor())
    assert shade.sum() > own.sum() + 0.08, "the cut face is not lighter"
    assert np.allclose(shade, colours.cut_colour(own), atol=1e-6)
    assert cap.GetMapper().GetInput().GetNumberOfCells() >= 4


def test_uncut_structures_have_no_cap(scene):
    assert "piriformis_left" not in scene.renderer.caps.actors
    assert "l5_vertebra" not in scene.renderer.caps.actors


def test_the_cap_is_shown_hidden_and_faded_with_its_structure(scene):
    sid = "psoas_major_left"
    cap = scene.renderer.caps.actors[sid]
    scene.state.hide([sid])
    assert not cap.GetVisibility()
    scene.state.show([sid])
    assert cap.GetVisibility()
    scene.state.set_xray(True)
    assert cap.GetProperty().GetOpacity() == scene.renderer.actors[sid].GetProperty().GetOpacity()
    assert cap.GetProperty().GetOpacity() < 1.0
    scene.state.set_xray(False)
    assert not cap.GetPickable()


def test_a_click_on_a_cut_face_names_the_structure(scene):
    sid = "psoas_major_left"
    scene.renderer.set_camera_pose(scene.renderer.view_pose("superior"))
    scene.plotter.render()
    caps = scene.renderer.caps.actors[sid].GetMapper().GetInput()
    centre = np.asarray(pv.wrap(caps).points).mean(axis=0)
    ren = scene.plotter.renderer
    ren.SetWorldPoint(*centre, 1.0)
    ren.WorldToDisplay()
    x, y, _ = ren.GetDisplayPoint()
    assert scene.renderer.pick(x, y) == sid
