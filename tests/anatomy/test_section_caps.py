"""Section caps: a flat cut tagged in the mesh survives the mesh file and is found again, and the
side faces along its rim are not taken for it."""

from __future__ import annotations

import numpy as np
import trimesh

from viewer.anatomy import meshio, section_caps
from viewer.anatomy.mesh_validation import read_ply


def _cut_cylinder() -> tuple[trimesh.Trimesh, int]:
    """A closed cylinder with its top tagged as a cut (its side faces touch the top rim)."""
    mesh = trimesh.creation.cylinder(radius=5.0, height=20.0, sections=24)
    number = section_caps.tag_plane(mesh, (0.0, 0.0, 10.0), (0.0, 0.0, 1.0))
    return mesh, number


def test_a_plane_cut_is_tagged_and_only_its_faces_are_the_cap():
    mesh, number = _cut_cylinder()
    assert number == 1
    on_cap = section_caps.cap_faces(mesh.faces, section_caps.cut_flags(mesh), mesh.face_normals)
    top = np.isclose(mesh.triangles_center[:, 2], 10.0) & (mesh.face_normals[:, 2] > 0.99)
    assert on_cap.any()
    assert np.array_equal(on_cap, top)  # the sides, though touching the rim, are not cap


def test_a_cut_tagged_within_a_reach_leaves_the_plane_elsewhere_untagged():
    # two cylinders whose tops lie in one plane, 30 mm apart: a cut made only on the first (a
    # dural sleeve's, where the plane crosses the sac elsewhere) tags only its top
    first = trimesh.creation.cylinder(radius=5.0, height=20.0, sections=24)
    second = first.copy()
    second.apply_translation((30.0, 0.0, 0.0))
    mesh = trimesh.Trimesh(
        np.vstack([first.vertices, second.vertices]),
        np.vstack([first.faces, second.faces + len(first.vertices)]),
    )
    assert section_caps.tag_plane(mesh, (0.0, 0.0, 10.0), (0.0, 0.0, 1.0), within=8.0) == 1
    on_cap = section_caps.cap_faces(mesh.faces, section_caps.cut_flags(mesh), mesh.face_normals)
    top = np.isclose(mesh.triangles_center[:, 2], 10.0) & (mesh.face_normals[:, 2] > 0.99)
    assert on_cap.any()
    assert np.array_equal(on_cap, top & (mesh.triangles_center[:, 0] < 15.0))


def test_no_cap_where_no_face_lies_on_the_plane():
    mesh = trimesh.creation.icosphere(subdivisions=2, radius=5.0)
    assert section_caps.tag_plane(mesh, (0.0, 0.0, 0.0), (0.0, 0.0, 1.0)) == 0
    assert not section_caps.cut_flags(mesh).any()


def test_the_caps_survive_the_mesh_file(tmp_path):
    mesh, _ = _cut_cylinder()
    path = tmp_path / "cut.ply"
    meshio.write_mesh(mesh, path)
    again = meshio.read_mesh(path)
    assert np.array_equal(section_caps.cut_flags(again), section_caps.cut_flags(mesh))
    checked = read_ply(path)  # the app's own reader
    assert checked.cut is not None
    assert np.array_equal(checked.cut, section_caps.cut_flags(mesh))


def test_a_mesh_without_caps_is_written_as_before(tmp_path):
    mesh = trimesh.creation.icosphere(subdivisions=1)
    assert b"cut" not in meshio.ply_bytes(mesh)
    path = tmp_path / "plain.ply"
    meshio.write_mesh(mesh, path)
    assert read_ply(path).cut is None
