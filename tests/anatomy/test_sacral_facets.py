"""The S1 superior articular processes as built (``sacral_facets``): large processes whose
facets face back and in and are concave (the J of a lumbosacral superior facet in axial section:
Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine ch. 3; Masharawi Y et al., Spine
2004;29:1755), congruent with L5's inferior facets, which are flat or convex.

Measured on the built S1 segment and L5 in the L5 frame (where ``vertebra.l5_pose`` puts L5 on
S1): rays aimed with the model's own facet geometry (where the facets are meant to be), then the
surface found there is measured.
"""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from viewer.anatomy import sacral_facets, vertebra
from viewer.anatomy.build import BuildContext

SIDES = {"right": 1.0, "left": -1.0}


@pytest.fixture(scope="module")
def local(model, lm):
    """The S1 segment and the L5, moved into the L5 frame."""
    ctx = BuildContext()
    ctx.landmarks.update(lm)
    inv = np.linalg.inv(vertebra.l5_pose(ctx))
    out = {}
    for sid in ("s1_segment", "l5_vertebra"):
        m = model.mesh(sid).copy()
        m.apply_transform(inv)
        out[sid] = m
    return out


def _facet(sx: float):
    surface, n = sacral_facets._facet(vertebra.P.L5_SHAPE)
    return surface * (sx, 1.0, 1.0), n * (sx, 1.0, 1.0)


def _depths(mesh: trimesh.Trimesh, centre, n, offsets, heights, start: float = 8.0):
    """Distance from ``start`` mm out along ``n`` to the first surface met going back, at each
    (horizontal offset along the facet, height) (NaN where the ray misses)."""
    along = np.cross((0.0, 0.0, 1.0), n)
    out = np.full((len(offsets), len(heights)), np.nan)
    for i, o in enumerate(offsets):
        for k, h in enumerate(heights):
            origin = centre + start * n + o * along + (0.0, 0.0, h)
            loc, _, _ = mesh.ray.intersects_location([origin], [-n])
            if len(loc):
                t = (loc - origin) @ -n
                t = t[t > 1e-6]
                if len(t):
                    out[i, k] = t.min()
    return out


@pytest.mark.parametrize("side", SIDES)
def test_s1_superior_facet_faces_back_and_in_and_is_concave(local, side):
    """Across its middle the facet's surface faces back and in (normals within 40° of the facet
    direction, which points back and medially) and is concave: its middle lies at least 0.5 mm
    deeper than its medial and lateral edges 5 mm away."""
    sx = SIDES[side]
    s1 = local["s1_segment"]
    c, n = _facet(sx)
    assert n[1] < -0.3 and n[0] * sx < -0.3, n
    d = _depths(s1, c, n, (-5.0, 0.0, 5.0), (-3.0, 0.0, 3.0))
    assert not np.isnan(d).any(), f"no bone at the facet: {d}"
    middle = d[1].mean()
    edges = 0.5 * (d[0].mean() + d[2].mean())
    assert middle - edges >= 0.5, f"middle {middle:.2f} vs edges {edges:.2f} mm deep"
    hit = c + (8.0 - d[1, 1]) * n
    close = np.linalg.norm(s1.triangles_center - hit, axis=1) < 2.0
    facing = (s1.face_normals[close] * s1.area_faces[close, None]).sum(axis=0)
    facing /= np.linalg.norm(facing)
    assert facing @ n > np.cos(np.radians(40.0)), f"the facet faces {facing.round(2)}"


@pytest.mark.parametrize("side", SIDES)
def test_s1_superior_articular_process_is_large(local, side):
    """The process is large (blind review s21: "tiny nubs"): its facet (surface within 35° of
    the facet direction, connected round its middle, within 14 mm of it) covers at least
    1.0 cm² (the L2-L5 superior facets: 0.8-2.0 cm², A.1) and stands at least 12 mm tall."""
    sx = SIDES[side]
    s1 = local["s1_segment"]
    c, n = _facet(sx)
    near = np.linalg.norm(s1.triangles_center - c, axis=1) < 14.0
    facing = s1.face_normals @ n > np.cos(np.radians(35.0))
    ok = near & facing
    seed = np.flatnonzero(ok)
    assert len(seed), "no surface faces the way the facet should"
    start = seed[np.argmin(np.linalg.norm(s1.triangles_center[seed] - c, axis=1))]
    adj = s1.face_adjacency[ok[s1.face_adjacency].all(axis=1)]
    patch = next(g for g in trimesh.graph.connected_components(adj, nodes=seed) if start in g)
    area = float(s1.area_faces[patch].sum())
    z = s1.triangles_center[patch, 2]
    assert area >= 100.0, f"facet {area:.0f} mm²"
    assert z.max() - z.min() >= 12.0, f"facet {z.max() - z.min():.1f} mm tall"


@pytest.mark.parametrize("side", SIDES)
def test_l5_inferior_facet_is_flat_or_convex_against_s1s(local, side):
    """L5's inferior facet, facing forward and out onto S1's concave one, is flat or convex: its
    middle stands no deeper (from S1's side) than its edges 4 mm either side, give or take
    0.3 mm."""
    sx = SIDES[side]
    c, n = _facet(sx)
    # from just off S1's facet (in the joint), looking across it at L5's
    d = _depths(local["l5_vertebra"], c, -n, (-4.0, 0.0, 4.0), (-2.0, 0.0, 2.0), start=-0.5)
    assert not np.isnan(d).any(), f"no L5 facet across the joint: {d}"
    middle = d[1].mean()
    edges = 0.5 * (d[0].mean() + d[2].mean())
    assert middle - edges <= 0.3, f"middle {middle:.2f} vs edges {edges:.2f} mm deep"
