"""Checked mesh and centreline reading: every damaged file gives one clear error, never a crash.

A damaged PLY used to reach VTK and segfault the app (truncated files, lying headers, indices out
of range); here each such file must raise :class:`MeshFileError` naming the file and the reason,
and the fuzz tests throw truncations, byte flips and lying headers at the reader.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
import trimesh
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import NIGHTLY_EXAMPLES, fuzz_settings
from viewer import locations
from viewer.anatomy import meshio
from viewer.anatomy.mesh_validation import (
    MAX_FACES,
    MAX_VERTICES,
    MeshFileError,
    TriangleMesh,
    read_centerline_checked,
    read_ply,
)
from viewer.anatomy.structures import STRUCTURES


@pytest.fixture(scope="module")
def good_bytes() -> bytes:
    """A small real mesh of the model, as the build writes it."""
    return meshio.ply_bytes(trimesh.creation.icosphere(subdivisions=2, radius=5.0))


def _write(tmp_path: Path, data: bytes, name: str = "part.ply") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _header_end(data: bytes) -> int:
    return data.index(b"end_header\n") + len(b"end_header\n")


def test_every_shipped_mesh_reads_as_a_checked_triangle_mesh():
    for spec in STRUCTURES:
        path = locations.mesh_file(spec.id)
        mesh = read_ply(path)
        reference = meshio.read_mesh(path)
        assert np.allclose(mesh.vertices, reference.vertices), spec.id
        assert np.array_equal(mesh.faces, reference.faces), spec.id
        assert mesh.normals is not None and mesh.normals.shape == mesh.vertices.shape


def test_every_shipped_centerline_reads():
    for spec in STRUCTURES:
        if spec.centerline:
            pts = read_centerline_checked(locations.mesh_file(spec.id, locations.CENTERLINE_SUFFIX))
            assert pts.shape[1] == 3 and len(pts) >= 2


def test_a_truncated_mesh_is_refused_with_its_name(tmp_path):
    data = locations.mesh_file("l5_vertebra").read_bytes()
    p = _write(tmp_path, data[:200_000], "l5_vertebra.ply")
    with pytest.raises(MeshFileError, match=r"^l5_vertebra\.ply: .*(short|truncated)"):
        read_ply(p)


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda d: d[: _header_end(d)], "truncated|short"),
        (lambda d: b"", "empty"),
        (lambda d: b"solid x\nendsolid\n", "not a PLY"),
        (lambda d: d.replace(b"end_header", b"end_headr"), "end_header"),
        (lambda d: re.sub(rb"element vertex \d+", b"element vertex 4000000000", d), "limit"),
        (lambda d: re.sub(rb"element face \d+", b"element face 2000000000", d), "limit"),
        (lambda d: re.sub(rb"element face \d+", b"element face -5", d), "negative"),
        (lambda d: d.replace(b"binary_little_endian", b"binary_middle_endian"), "format"),
    ],
)
def test_damaged_headers_are_refused(tmp_path, good_bytes, damage, reason):
    with pytest.raises(MeshFileError, match=reason):
        read_ply(_write(tmp_path, damage(good_bytes)))


def _with_face(good: bytes, index_values: tuple[int, int, int]) -> bytes:
    """``good`` with its first triangle's indices overwritten in place."""
    n_vertices = int(re.search(rb"element vertex (\d+)", good).group(1))  # type: ignore[union-attr]
    first_face = _header_end(good) + n_vertices * 6 * 4 + 1  # x y z nx ny nz float32, count
    patched = bytearray(good)
    patched[first_face : first_face + 12] = np.array(index_values, "<i4").tobytes()
    return bytes(patched)


@pytest.mark.parametrize("indices", [(0, 1, 10_000), (0, -1, 2), (-7, 3, 4)])
def test_face_indices_out_of_range_are_refused(tmp_path, good_bytes, indices):
    with pytest.raises(MeshFileError, match="indices outside"):
        read_ply(_write(tmp_path, _with_face(good_bytes, indices)))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, 1e30])
def test_non_finite_or_absurd_vertices_are_refused(tmp_path, bad):
    mesh = trimesh.creation.icosphere(subdivisions=2, radius=5.0)
    verts = np.asarray(mesh.vertices).copy()
    verts[3, 1] = bad
    data = meshio.ply_bytes(trimesh.Trimesh(verts, mesh.faces, process=False))
    with pytest.raises(MeshFileError, match="finite|beyond"):
        read_ply(_write(tmp_path, data))


def test_quads_are_refused(tmp_path):
    header = (
        b"ply\nformat binary_little_endian 1.0\nelement vertex 4\nproperty float x\n"
        b"property float y\nproperty float z\nelement face 1\n"
        b"property list uchar int vertex_indices\nend_header\n"
    )
    verts = np.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]], "<f4").tobytes()
    quad = np.array([4], "u1").tobytes() + np.array([0, 1, 2, 3], "<i4").tobytes()
    with pytest.raises(MeshFileError, match="not triangles"):
        read_ply(_write(tmp_path, header + verts + quad))


def test_points_only_is_refused(tmp_path):
    header = (
        b"ply\nformat binary_little_endian 1.0\nelement vertex 4\nproperty float x\n"
        b"property float y\nproperty float z\nend_header\n"
    )
    with pytest.raises(MeshFileError, match="expected elements"):
        read_ply(_write(tmp_path, header + np.zeros((4, 3), "<f4").tobytes()))


def test_ascii_ply_reads(tmp_path):
    mesh = trimesh.creation.icosphere(subdivisions=1, radius=3.0)
    data = trimesh.exchange.ply.export_ply(mesh, encoding="ascii")
    checked = read_ply(_write(tmp_path, data))
    assert np.allclose(checked.vertices, mesh.vertices, atol=1e-5)
    assert np.array_equal(checked.faces, mesh.faces)


def test_a_directory_named_like_a_mesh_is_refused(tmp_path):
    (tmp_path / "l5_vertebra.ply").mkdir()
    with pytest.raises(MeshFileError, match="not a regular file"):
        read_ply(tmp_path / "l5_vertebra.ply")


def _npy(array) -> bytes:
    buf = io.BytesIO()
    np.save(buf, array, allow_pickle=True)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"not numpy at all", "not a numpy"),
        (_npy(np.array(["a", "b", "c"])), "not an array of numbers"),
        (_npy(np.array([{"x": 1}], dtype=object)), "not a numpy"),  # a pickle: never loaded
        (_npy(np.zeros((5, 2))), "shape"),
        (_npy(np.zeros((1, 3))), "points"),
        (_npy(np.array([[0, 0, 0], [np.nan, 0, 0]])), "finite"),
    ],
)
def test_bad_centerlines_are_refused(tmp_path, data, reason):
    p = _write(tmp_path, data, "sciatic_nerve_left.centerline.npy")
    with pytest.raises(MeshFileError, match=reason):
        read_centerline_checked(p)


def _check_outcome(path: Path) -> None:
    """The property: a checked mesh, or one MeshFileError; never anything else."""
    try:
        mesh = read_ply(path)
    except MeshFileError as exc:
        assert str(exc).startswith(path.name + ": ") and "\n" not in str(exc)
        return
    assert isinstance(mesh, TriangleMesh)
    assert np.all(np.isfinite(mesh.vertices))
    assert mesh.faces.min() >= 0 and mesh.faces.max() < len(mesh.vertices)
    assert len(mesh.vertices) <= MAX_VERTICES and len(mesh.faces) <= MAX_FACES


_damage = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0.0, 1.0)),
    st.tuples(
        st.just("flip"), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8)
    ),
    st.tuples(
        st.just("count"), st.tuples(st.sampled_from([b"vertex", b"face"]), st.integers(-5, 2**40))
    ),
)


def _apply(data: bytes, damage) -> bytes:
    kind, arg = damage
    if kind == "truncate":
        return data[: int(arg * len(data))]
    if kind == "flip":
        out = bytearray(data)
        for where, value in arg:
            out[min(int(where * len(out)), len(out) - 1)] = value
        return bytes(out)
    element, count = arg
    return re.sub(rb"element " + element + rb" \d+", b"element " + element + b" %d" % count, data)


@fuzz_settings()
@given(damage=_damage)
def test_fuzz_damaged_meshes_never_crash(tmp_path_factory, good_bytes, damage):
    path = _write(tmp_path_factory.mktemp("fuzz"), _apply(good_bytes, damage))
    _check_outcome(path)


@pytest.mark.nightly
@fuzz_settings(NIGHTLY_EXAMPLES)
@given(damage=_damage)
def test_fuzz_damaged_meshes_never_crash_nightly(tmp_path_factory, good_bytes, damage):
    path = _write(tmp_path_factory.mktemp("fuzz"), _apply(good_bytes, damage))
    _check_outcome(path)
