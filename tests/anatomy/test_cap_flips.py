"""Patch tidying for the pain areas (:mod:`viewer.anatomy.cap_flips`): a flat cap triangle left
beside a patch's border (one corner all but on its longest edge) is taken out without moving the
surface, so the patch's shell has no sliver (s35: 0.009 in both S1 areas once L5 changed)."""

from __future__ import annotations

import numpy as np
import trimesh

from viewer.anatomy import pain_areas
from viewer.anatomy.cap_flips import caps_flipped
from viewer.anatomy.geometry import triangle_quality

A, B, CAP = (0.0, 0.0, 0.0), (4.0, 0.0, 0.0), (2.0, 0.05, 0.0)


def test_a_cap_across_an_inner_edge_is_flipped_with_its_neighbour():
    """The cap's long edge is shared with a neighbour: the quadrilateral's other diagonal is
    taken (two good triangles, the same corners, the same area and facing)."""
    v = np.array([A, B, CAP, (2.0, -2.0, 0.0)])
    patch = trimesh.Trimesh(v, [[0, 1, 2], [1, 0, 3]], process=False)
    assert triangle_quality(patch).min() < pain_areas.SLIVER_QUALITY
    out = caps_flipped(patch, pain_areas.SLIVER_QUALITY)
    assert len(out.faces) == 2
    assert triangle_quality(out).min() > pain_areas.SLIVER_QUALITY
    assert np.allclose(np.sort(out.vertices, axis=0), np.sort(v, axis=0))
    assert np.isclose(out.area, patch.area)
    assert np.all(out.face_normals[:, 2] > 0.99)


def test_a_cap_on_the_border_with_its_corner_inside_is_dropped():
    """The cap's long edge is on the border: the cap goes, the border runs through its corner
    (all but on it), and the rest stays as it was."""
    v = np.array([A, B, CAP, (0.0, 3.0, 0.0), (4.0, 3.0, 0.0)])
    faces = [[0, 1, 2], [1, 4, 2], [4, 3, 2], [3, 0, 2]]
    patch = trimesh.Trimesh(v, faces, process=False)
    out = caps_flipped(patch, pain_areas.SLIVER_QUALITY)
    assert len(out.faces) == 3
    assert triangle_quality(out).min() > pain_areas.SLIVER_QUALITY
    assert abs(out.area - patch.area) < 0.2


def test_a_good_patch_is_left_as_it_is():
    v = np.array([A, B, (2.0, 3.0, 0.0), (2.0, -3.0, 0.0)])
    patch = trimesh.Trimesh(v, [[0, 1, 2], [1, 0, 3]], process=False)
    out = caps_flipped(patch, pain_areas.SLIVER_QUALITY)
    assert np.array_equal(out.faces, patch.faces)
