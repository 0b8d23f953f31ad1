"""Picking: the structure under a display point, from the full-resolution meshes, whatever the
actors draw; and click versus drag."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper

from tests.render.id_buffer import BACKGROUND, id_buffer
from viewer.render.assembly import ModelScene
from viewer.render.picking import CLICK_SLOP_PX, StructurePicker, is_click
from viewer.render.visibility import SightLines
from viewer.vocabulary import VIEW_NAMES


@pytest.fixture(scope="module")
def spheres():
    """A big sphere, a small one in front of it (seen from -y), each its own actor."""
    plotter = pv.Plotter(off_screen=True, window_size=[300, 300])
    meshes = {
        "big": pv.Sphere(radius=10.0, theta_resolution=40, phi_resolution=40),
        "small": pv.Sphere(radius=3.0, center=(0.0, -20.0, 0.0)),
    }
    actors = {}
    for sid, mesh in meshes.items():
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(mesh)
        actor = vtkActor()
        actor.SetMapper(mapper)
        plotter.renderer.AddActor(actor)
        actors[sid] = actor
    cam = plotter.renderer.GetActiveCamera()
    cam.SetPosition(0.0, -120.0, 0.0)
    cam.SetFocalPoint(0.0, 0.0, 0.0)
    cam.SetViewUp(0.0, 0.0, 1.0)
    plotter.renderer.camera_set = True
    plotter.renderer.ResetCameraClippingRange()
    plotter.screenshot(None, return_img=True)
    picker = StructurePicker(SightLines(meshes), plotter.renderer)
    picker.set_pickable(meshes)
    yield plotter, picker, actors
    plotter.close()


def display(plotter, point) -> tuple[float, float]:
    ren = plotter.renderer
    ren.SetWorldPoint(*point, 1.0)
    ren.WorldToDisplay()
    x, y, _ = ren.GetDisplayPoint()
    return x, y


def test_the_nearest_surface_under_the_point_is_picked(spheres):
    plotter, picker, _ = spheres
    picker.set_pickable(["big", "small"])
    assert picker.pick(*display(plotter, (0.0, 0.0, 0.0))) == "small"
    assert picker.pick(*display(plotter, (0.0, 0.0, 7.0))) == "big"
    assert np.allclose(picker.picked_point()[2], 7.0, atol=0.5)
    assert picker.pick(3.0, 3.0) is None  # the corner is background


def test_only_pickable_structures_are_hit(spheres):
    plotter, picker, _ = spheres
    picker.set_pickable(["big"])  # the small one hidden or see-through
    try:
        assert picker.pick(*display(plotter, (0.0, 0.0, 0.0))) == "big"
        picker.set_pickable([])
        assert picker.pick(*display(plotter, (0.0, 0.0, 0.0))) is None
    finally:
        picker.set_pickable(["big", "small"])


def test_a_pick_ignores_what_the_actors_happen_to_draw(spheres):
    """While the model turns each actor draws a coarse copy; a pick still answers from the full
    surface: here the big sphere's actor draws a tiny stand-in, and its rim is still picked."""
    plotter, picker, actors = spheres
    mapper = actors["big"].GetMapper()
    stand_in = vtkPolyDataMapper()
    stand_in.SetInputData(pv.Sphere(radius=1.0))
    actors["big"].SetMapper(stand_in)
    try:
        assert picker.pick(*display(plotter, (0.0, 0.0, 9.0))) == "big"
    finally:
        actors["big"].SetMapper(mapper)


def test_click_versus_drag():
    assert is_click((100, 100), (100, 100))
    assert is_click((100, 100), (100 + CLICK_SLOP_PX - 1, 100))
    assert not is_click((100, 100), (130, 90))
    assert not is_click(None, (100, 100))


# -- the whole model, against the id buffer ----------------------------------------------------
@pytest.fixture(scope="module")
def scene(content, viewer_mesh_dir):
    plotter = pv.Plotter(off_screen=True, window_size=[480, 360])
    scene = ModelScene(plotter, content, viewer_mesh_dir)
    scene.state.set_labels(False)
    plotter.screenshot(None, return_img=True)
    yield scene
    plotter.close()


def grid_points(buffer: np.ndarray, step: int = 12):
    """Pixels on a grid whose 5 x 5 neighbourhood shows one thing: an edge pixel may be drawn as
    either neighbour, and a pick there is fair either way."""
    h, w = buffer.shape
    for y in range(4, h - 4, step):
        for x in range(4, w - 4, step):
            around = buffer[y - 2 : y + 3, x - 2 : x + 3]
            if np.all(around == buffer[y, x]):
                yield x, y


@pytest.mark.parametrize("view", VIEW_NAMES)
def test_a_pick_names_what_is_drawn_under_the_point(scene, view):
    """Over a grid of points, the pick is the structure the id buffer shows there (background:
    none), with the full meshes drawn and with the coarse copies drawn alike."""
    scene.renderer.set_camera_pose(scene.renderer.view_pose(view))
    buffer, ids = id_buffer(scene)
    scene.renderer.prepare_coarse()
    points = list(grid_points(buffer))
    assert len(points) > 200
    hits = 0
    for coarse in (False, True):
        scene.renderer.set_coarse(coarse)
        try:
            for x, y in points:
                k = int(buffer[y, x])
                want = None if k == BACKGROUND else ids[k]
                assert scene.renderer.pick(x + 0.5, y + 0.5) == want, (view, coarse, x, y)
                hits += want is not None
        finally:
            scene.renderer.set_coarse(False)
    assert hits > 40
