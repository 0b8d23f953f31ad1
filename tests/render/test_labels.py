"""Leader-line labels: where they sit does not depend on how a surface happens to be triangulated.

The derived bones are built on each machine (and a rebuild may triangulate any surface a little
differently while keeping its shape); a label that jumped to the other twin or the other column
would change every picture of the model.
"""

from __future__ import annotations

import shutil

import fast_simplification
import numpy as np
import pytest
import pyvista as pv

from viewer import locations
from viewer.anatomy.structures import STRUCTURES
from viewer.render.assembly import ModelScene
from viewer.render.labels import TWIN_TIE_MM, surface_anchor
from viewer.render.meshes import centerline_file, surface_file
from viewer.vocabulary import VIEW_NAMES

SIZE = [400, 300]


def read(path) -> pv.PolyData:
    mesh = pv.read(path)
    assert isinstance(mesh, pv.PolyData)
    return mesh


def retriangulated(mesh: pv.PolyData) -> pv.PolyData:
    """The same surface with a quarter fewer triangles (its shape within a fraction of a mm)."""
    points, faces = fast_simplification.simplify(
        np.asarray(mesh.points, dtype=np.float32), mesh.regular_faces, target_reduction=0.25
    )
    return pv.PolyData.from_regular_faces(points, faces)


@pytest.fixture(scope="module")
def rebuilt_dir(tmp_path_factory, viewer_mesh_dir):
    """The derived bones (those built on each machine) triangulated anew; every other mesh, and
    the centrelines, as committed."""
    out = tmp_path_factory.mktemp("retriangulated")
    for s in STRUCTURES:
        mesh = read(surface_file(s.id, viewer_mesh_dir))
        (retriangulated(mesh) if s.derived else mesh).save(locations.mesh_path(out, s.id))
        if s.centerline:
            shutil.copy(
                centerline_file(s.id, viewer_mesh_dir), locations.centerline_path(out, s.id)
            )
    return out


def placements(scene: ModelScene) -> dict[str, dict[str, tuple[int, ...]]]:
    """For each standard view: each label shown and where its box sits (display pixels)."""
    out: dict[str, dict[str, tuple[int, ...]]] = {}
    scene.plotter.screenshot(None, return_img=True)  # the first frame (pyvista renders after it)
    for view in VIEW_NAMES:
        scene.renderer.set_camera_pose(scene.renderer.view_pose(view))
        scene.plotter.render()
        out[view] = {
            sid: tuple(int(v) for v in scene.labels.texts[sid].GetPosition())
            for sid in scene.labels.shown
        }
    return out


def test_a_surface_anchor_is_the_same_point_however_the_surface_is_triangulated(
    viewer_mesh_dir,
):
    for sid in ("l5_vertebra", "hip_bone_left", "femur_left", "s1_segment", "piriformis_left"):
        mesh = read(surface_file(sid, viewer_mesh_dir))
        moved = np.linalg.norm(surface_anchor(mesh) - surface_anchor(retriangulated(mesh)))
        assert moved < 1.0, (sid, moved)


def test_labels_stay_put_when_the_meshes_are_triangulated_differently(
    content, viewer_mesh_dir, rebuilt_dir
):
    scenes = []
    for folder in (viewer_mesh_dir, rebuilt_dir):
        plotter = pv.Plotter(off_screen=True, window_size=SIZE)
        scenes.append((plotter, placements(ModelScene(plotter, content, folder))))
        plotter.close()
    (_, before), (_, after) = scenes
    for view in VIEW_NAMES:
        assert before[view] and set(before[view]) == set(after[view]), view
        for sid, (x, y) in before[view].items():
            assert abs(x - after[view][sid][0]) <= 3 and abs(y - after[view][sid][1]) <= 3, (
                view,
                sid,
            )


def test_twins_seen_alike_label_the_patients_left(content, viewer_mesh_dir):
    """From behind both hip bones are as far from the eye (within TWIN_TIE_MM): the left one
    carries the label, and nudging the right one a little nearer changes nothing."""
    plotter = pv.Plotter(off_screen=True, window_size=SIZE)
    try:
        scene = ModelScene(plotter, content, viewer_mesh_dir)
        pose = scene.renderer.view_pose("posterior")
        scene.renderer.set_camera_pose(pose)
        eye = np.asarray(pose.position)
        anchors = scene.labels.anchors
        gap = np.linalg.norm(anchors["hip_bone_left"] - eye) - np.linalg.norm(
            anchors["hip_bone_right"] - eye
        )
        assert abs(gap) < TWIN_TIE_MM / 2
        plotter.screenshot(None, return_img=True)  # the first frame (pyvista renders after it)
        assert "hip_bone_left" in scene.labels.shown
        assert "hip_bone_right" not in scene.labels.shown
        toward_eye = (eye - anchors["hip_bone_right"]) / np.linalg.norm(
            eye - anchors["hip_bone_right"]
        )
        anchors["hip_bone_right"] = anchors["hip_bone_right"] + toward_eye * 1.0
        plotter.render()
        assert "hip_bone_left" in scene.labels.shown
        assert "hip_bone_right" not in scene.labels.shown
    finally:
        plotter.close()
