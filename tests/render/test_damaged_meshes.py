"""A damaged mesh file is left out with its reason; the rest of the scene is drawn.

A truncated PLY, a header that lies, or a face index out of range used to reach VTK and crash
the whole app; now each is refused by the checked reader before VTK sees it.
"""

from __future__ import annotations

import shutil

import pytest
import pyvista as pv

from viewer import locations
from viewer.anatomy.structures import STRUCTURES
from viewer.render.assembly import ModelScene
from viewer.render.meshes import MissingMeshWarning


@pytest.fixture
def mesh_copy(tmp_path):
    for spec in STRUCTURES:
        shutil.copy(locations.mesh_file(spec.id), locations.mesh_path(tmp_path, spec.id))
        if spec.centerline:
            src = locations.mesh_file(spec.id, locations.CENTERLINE_SUFFIX)
            shutil.copy(src, locations.centerline_path(tmp_path, spec.id))
    return tmp_path


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda b: b[:200_000], "truncated"),
        (lambda b: b[: b.index(b"end_header") + 11], "truncated"),
        (lambda b: b.replace(b"element vertex 17000", b"element vertex 4000000000"), "limit"),
        (lambda b: b"", "empty"),
    ],
)
def test_a_damaged_mesh_is_left_out_and_named(content, mesh_copy, damage, reason):
    path = locations.mesh_path(mesh_copy, "l5_vertebra")
    path.write_bytes(damage(path.read_bytes()))
    plotter = pv.Plotter(off_screen=True, window_size=[200, 150])
    try:
        with pytest.warns(MissingMeshWarning, match=rf"l5_vertebra \(.*{reason}"):
            scene = ModelScene(plotter, content, mesh_copy)
        assert "l5_vertebra" not in scene.meshes and "l5_vertebra" not in scene.state.ids
        assert len(scene.meshes) == len(STRUCTURES) - 1
        plotter.render()  # the rest draws
        scene.close()
    finally:
        plotter.close()


def test_a_damaged_centerline_leaves_the_nerve_unlit_not_the_app_dead(content, mesh_copy):
    locations.centerline_path(mesh_copy, "sciatic_nerve_left").write_bytes(b"")
    plotter = pv.Plotter(off_screen=True, window_size=[200, 150])
    try:
        scene = ModelScene(plotter, content, mesh_copy)
        scene.focus_path("s1_left")
        plotter.render()
        assert "sciatic_nerve_left" in scene.meshes
        scene.close()
    finally:
        plotter.close()
