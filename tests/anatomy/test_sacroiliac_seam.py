"""The sacroiliac joint's sacral face read smoothly across the sacrum's S1/S2 seam
(:func:`viewer.anatomy.sacroiliac_joints._smooth_faced`)."""

from __future__ import annotations

import numpy as np
import trimesh

from viewer.anatomy import sacroiliac_joints as sj
from viewer.anatomy import section_caps


def _box_distance(lo: np.ndarray, hi: np.ndarray, error: float):
    """Signed distance to the box ``lo``-``hi`` (negative inside), off by up to ``error`` mm
    (the build's bone distances are read from a grid)."""

    def f(p: np.ndarray) -> np.ndarray:
        q = np.abs(p - (lo + hi) / 2) - (hi - lo) / 2
        exact = np.linalg.norm(np.maximum(q, 0.0), axis=1) + np.minimum(q.max(axis=1), 0.0)
        return exact + error * np.sin(7.0 * p[:, 0] + 3.0 * p[:, 1])

    return f


def _piece(lo, hi) -> trimesh.Trimesh:
    box = trimesh.creation.box(bounds=[lo, hi])
    for _ in range(4):
        box = box.subdivide()
    return box


def test_the_sacrums_section_caps_do_not_ripple_the_joints_face_across_the_seam():
    """Two pieces of one bone divided by a plane (each with its flat section cap tagged, as the
    S1 segment and the lower sacrum are): the smooth surface read from them has a flat side face
    across the seam. The caps' samples, within the other piece's distance error of it, tilted
    its planes there (stop 45: the left joint's plate split into layers at the seam, 13 handles
    in its marching-cubes mesh, no closed decimation)."""
    lo_a, hi_a = np.array([-10.0, -10.0, -10.0]), np.array([10.0, 10.0, 0.0])
    lo_b, hi_b = np.array([-10.0, -10.0, 0.0]), np.array([10.0, 10.0, 10.0])
    pieces = [_piece(lo_a, hi_a), _piece(lo_b, hi_b)]
    for piece in pieces:
        section_caps.tag_plane(piece, [0.0, 0.0, 0.0], [0.0, 0.0, 1.0], 1e-6)
    each = [_box_distance(lo_a, hi_a, 0.05), _box_distance(lo_b, hi_b, 0.05)]

    def union(p):
        return np.minimum(each[0](p), each[1](p))

    field = sj._smooth_faced(pieces, union, each)
    # where the side face x = 10 lies along lines across the seam
    offsets = []
    for y in np.linspace(-6.0, 6.0, 7):
        for z in np.linspace(-2.0, 2.0, 17):
            t = np.linspace(-1.5, 1.5, 601)
            p = np.column_stack([10.0 + t, np.full_like(t, y), np.full_like(t, z)])
            v = field(p)
            k = int(np.flatnonzero(np.diff(np.sign(v)) != 0)[0])
            offsets.append(t[k] - v[k] * (t[k + 1] - t[k]) / (v[k + 1] - v[k]))
    ripple = float(np.ptp(offsets))
    assert ripple < 0.05, f"the face ripples {ripple:.2f} mm across the seam"
