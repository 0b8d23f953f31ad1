"""The L5-S1 disc fills the wedge between the L5 and S1 endplates: its heights and wedge are the
published ones, it touches both endplates without entering them, and its nucleus sits inside,
slightly posterior, taking about 40-50 % of the cross-section.

Measured on the built meshes, along the L5 body axis (``test_vertebra.l5_frame``).
"""

from __future__ import annotations

import numpy as np
import pytest
import trimesh
from scipy.spatial import cKDTree

from tests.anatomy.test_vertebra import exits, l5_frame
from viewer.anatomy import parameters as P
from viewer.anatomy.geometry import joined

ANNULUS, NUCLEUS = "l5_s1_disc_annulus", "l5_s1_disc_nucleus"


@pytest.fixture(scope="module")
def disc(model):
    fr = l5_frame(model)
    local = {}
    for sid in (ANNULUS, NUCLEUS, "l5_vertebra", "s1_segment"):
        m = model.mesh(sid)
        local[sid] = trimesh.Trimesh(fr.to_local(m.vertices), m.faces, process=False)
    whole = joined([local[ANNULUS], local[NUCLEUS]])
    return fr, local, whole


def _disc_height(whole, y):
    """Height of the disc along the L5 axis at AP position y in the mid-sagittal plane: from its
    lowest to its highest surface crossing on that line."""
    t = exits(whole, (0.0, y, -40.0), (0.0, 0.0, 1.0))
    return t[-1] - t[0]


def _ap_extent(whole):
    v = whole.vertices[np.abs(whole.vertices[:, 0]) < 1.0]
    return v[:, 1].min(), v[:, 1].max()


def test_disc_heights_and_wedge(disc):
    _, _, whole = disc
    y0, y1 = _ap_extent(whole)
    front = _disc_height(whole, y1 - 3.0)
    back = _disc_height(whole, y0 + 3.0)
    mid = _disc_height(whole, 0.5 * (y0 + y1))
    wedge = np.degrees(np.arctan2(front - back, (y1 - 3.0) - (y0 + 3.0)))
    assert P.DISC_ANTERIOR_HEIGHT.accepts(front), f"anterior height {front:.1f}"
    assert P.DISC_POSTERIOR_HEIGHT.accepts(back), f"posterior height {back:.1f}"
    assert P.DISC_WEDGE.accepts(wedge), f"wedge {wedge:.1f}°"
    assert P.DISC_MID_HEIGHT_RANGE.accepts(mid), f"mid-sagittal height {mid:.1f}"


@pytest.mark.parametrize("bone", ["l5_vertebra", "s1_segment"])
def test_disc_touches_the_endplate_without_gap(disc, bone):
    """Over the endplate inside the disc's rim, the disc's face lies on the bone (within 0.5 mm)."""
    _, local, whole = disc
    faces = whole.triangles_center
    up = whole.face_normals[:, 2]
    facing = up > 0.7 if bone == "l5_vertebra" else up < -0.7
    # the endplate inside its rounded rim: within 70 % of the disc's radius from its centre
    r = np.linalg.norm(faces[:, :2] - faces[:, :2].mean(axis=0), axis=1)
    central = r < 0.7 * np.percentile(r, 95)
    pts = faces[facing & central]
    assert len(pts) > 50
    bone_pts = trimesh.sample.sample_surface(local[bone], 200000, seed=0)[0]
    d = cKDTree(bone_pts).query(pts)[0]
    assert np.percentile(d, 95) <= 0.5, f"gap up to {np.percentile(d, 95):.2f} mm to {bone}"


@pytest.mark.parametrize("bone", ["l5_vertebra", "s1_segment"])
def test_nucleus_does_not_enter_bone(disc, bone):
    """No nucleus vertex lies more than 0.5 mm behind the bone surface nearest to it."""
    _, local, _ = disc
    pts, faces = trimesh.sample.sample_surface(local[bone], 200000, seed=0)
    normals = local[bone].face_normals[faces]
    v = local[NUCLEUS].vertices
    _, i = cKDTree(pts).query(v)
    depth = -np.einsum("ij,ij->i", v - pts[i], normals[i])
    assert depth.max() <= 0.5, f"nucleus enters {bone} by {depth.max():.2f} mm"


def _outline_area(mesh, z):
    """Area inside the outermost loop of the mesh's section at height z (holes not subtracted)."""
    s = mesh.section(plane_origin=(0, 0, z), plane_normal=(0, 0, 1))
    areas = []
    for loop in s.discrete:
        x, y = np.asarray(loop)[:, 0], np.asarray(loop)[:, 1]
        areas.append(0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
    return max(areas)


def test_nucleus_share_and_position(disc):
    """Mid-height cross-section: the nucleus is 40-50 % of the disc, lies inside the annulus, and
    its centre is posterior to the disc's."""
    _, local, whole = disc
    z = float(np.median(local[NUCLEUS].vertices[:, 2]))
    share = _outline_area(local[NUCLEUS], z) / _outline_area(local[ANNULUS], z)
    assert P.DISC_NUCLEUS_AREA_FRACTION.accepts(share), f"nucleus share {share:.2f}"
    annulus_outline = local[ANNULUS].vertices
    assert np.all(np.abs(local[NUCLEUS].vertices[:, 0]) < np.abs(annulus_outline[:, 0]).max() - 3.0)
    c_n = local[NUCLEUS].vertices[:, 1].mean()
    y0, y1 = _ap_extent(whole)
    assert c_n < 0.5 * (y0 + y1), "the nucleus should sit slightly posterior"


def test_disc_within_triangle_budgets(model):
    assert len(model.mesh(ANNULUS).faces) <= 8000
    assert len(model.mesh(NUCLEUS).faces) <= 4000
