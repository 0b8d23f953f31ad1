"""The travelling pulse drawn alone over the last full frame: the same picture as a full frame
with the pulse there, without drawing the scene (nor placing the labels) again."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkUnsignedCharArray

from viewer.render.assembly import ModelScene


@pytest.fixture(scope="module")
def scene(content, viewer_mesh_dir):
    plotter = pv.Plotter(off_screen=True, window_size=[640, 480])
    window = plotter.render_window
    assert window is not None
    window.SetMultiSamples(0)  # as the window's view
    scene = ModelScene(plotter, content, viewer_mesh_dir)
    scene.renderer.set_camera_pose(scene.focus_path("s1_left"))
    plotter.screenshot(None, return_img=True)  # the first frame (pyvista renders only after it)
    yield scene
    plotter.close()


def shown(plotter) -> np.ndarray:
    """The frame as drawn (RGB, row 0 at the top), read without drawing another."""
    window = plotter.render_window
    w, h = window.GetSize()
    data = vtkUnsignedCharArray()
    window.GetRGBACharPixelData(0, 0, w - 1, h - 1, 1, data)
    return vtk_to_numpy(data).reshape(h, w, 4)[::-1, :, :3].astype(int)


def test_a_pulse_frame_is_the_full_frame_with_the_pulse_moved(scene):
    layer = scene.renderer.pulse_layer
    assert layer is not None and layer.active
    window = scene.plotter.render_window
    assert window is not None
    scene.glows.set_pulse(0.3)
    window.Render()
    before = shown(scene.plotter)
    scene_frames: list[int] = []
    tag = scene.plotter.renderer.AddObserver("StartEvent", lambda *_: scene_frames.append(1))
    try:
        scene.glows.set_pulse(0.5)
        assert layer.draw_alone()
        alone = shown(scene.plotter)
        assert scene_frames == []  # the scene (and its labels) not drawn again
    finally:
        scene.plotter.renderer.RemoveObserver(tag)
    window.Render()
    full = shown(scene.plotter)
    assert np.array_equal(alone, full)
    moved = np.abs(alone - before).max(axis=2) > 40
    assert moved.sum() > 20  # the pulse has moved on: pixels changed where it was and is


def test_without_a_glowing_route_there_is_no_pulse_frame(scene):
    scene.state.set_focus(None)
    try:
        assert not scene.renderer.pulse_layer.draw_alone()
    finally:
        scene.renderer.set_camera_pose(scene.focus_path("s1_left"))
        scene.plotter.render()
