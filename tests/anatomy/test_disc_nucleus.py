"""The nucleus pulposus sits inside the annulus's opening (issue 8; blind review s32: "the nucleus
about 34 mm wide against the annulus's inner opening of about 28 mm"): seen along the L5 axis the
hole through the annulus is nearly as wide and deep as the nucleus, the nucleus is a central core
(about half the disc's width, Bogduk ch. 2), and it stays clear of the annulus's outer wall.

Measured on the built meshes, along the L5 body axis (``test_vertebra.l5_frame``).
"""

from __future__ import annotations

import numpy as np
import pytest
import trimesh
from scipy import ndimage
from scipy.spatial import cKDTree

from tests.anatomy.test_disc import ANNULUS, NUCLEUS, _mid_section, disc  # noqa: F401 (the fixture)
from viewer.anatomy import parameters as P

_STEP = 0.4  # mm: the grid on which the annulus's opening is found


def opening(annulus: trimesh.Trimesh) -> np.ndarray:
    """The hole through the annulus seen along the L5 axis, as (x, y) grid points (``_STEP``
    apart): the lines along the axis that miss the annulus and are enclosed by lines that hit
    it."""
    lo, hi = annulus.bounds
    xs = np.arange(lo[0] - 2.0, hi[0] + 2.0, _STEP)
    ys = np.arange(lo[1] - 2.0, hi[1] + 2.0, _STEP)
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    start = np.column_stack([X.ravel(), Y.ravel(), np.full(X.size, lo[2] - 5.0)])
    up = np.tile([0.0, 0.0, 1.0], (len(start), 1))
    hit = annulus.ray.intersects_any(start, up).reshape(X.shape)
    label, _ = ndimage.label(~hit)
    border = np.unique(np.concatenate([label[0], label[-1], label[:, 0], label[:, -1]]))
    hole = ~hit & ~np.isin(label, border)
    return np.column_stack([X[hole], Y[hole]])


@pytest.fixture(scope="module")
def hole(disc):  # noqa: F811
    return opening(disc[1][ANNULUS])


def test_annulus_opening_is_the_nucleus_s_outline(disc, hole):  # noqa: F811
    """The annulus's opening is the nucleus's outline: the shares ``DISC_NUCLEUS_OPENING_SHARE``
    of the nucleus's width and depth, 0.95-1.1 since s44 (Bogduk ch. 2: the nucleus is bounded
    round its periphery by the annulus and above and below by the cartilage endplates; blind
    review s43: a nucleus 26.4 mm wide against an opening of 20 mm "cannot fit"), and within its
    outline (the nucleus fills it). Before s44, where the nucleus touched both endplates
    (65-82 %; 50-80 % before s42, when it
    measured 57 % and blind review s40-s41 found the nucleus could not fit it), and within its
    outline (the nucleus fills it). The nucleus's faces
    are domes that touch the endplates centrally; round that contact the annulus's inner lamellae
    insert into the cartilage endplate over the nucleus's rim (Bogduk ch. 2; the cartilage
    endplate thickens from its centre towards its margins, 0.3-1 mm: DeLucca et al., J Orthop Res
    2016;34:1410), so the opening is narrower than the nucleus, but not the half-width bore that
    blind review s27 rejected (0.48 of its width, 0.44 of its depth: "the nucleus about twice as
    wide as the cavity"). (This replaced "at least 83 % of its width and 77 % of its depth, at most
    5 mm narrower", s33: with it the nucleus lay flat on both endplates out to 0.8 of its
    half-width, "a flat top", blind review s39; whether it fits its cavity is
    ``test_disc.test_annulus_cavity_is_the_nucleus``.)"""
    n = disc[1][NUCLEUS].vertices
    assert len(hole) > 100, "no opening through the annulus"
    least, most = P.DISC_NUCLEUS_OPENING_SHARE
    for axis, name in ((0, "width"), (1, "depth")):
        size, through = np.ptp(n[:, axis]), np.ptp(hole[:, axis]) + _STEP
        assert least * size <= through <= most * size, (
            f"nucleus {name} {size:.1f} mm, opening {through:.1f} mm"
        )
    lo, hi = n[:, :2].min(axis=0), n[:, :2].max(axis=0)
    assert np.all((hole >= lo - _STEP) & (hole <= hi + _STEP)), "the opening runs past the nucleus"


def test_nucleus_is_a_central_core_about_half_the_discs_width(disc):  # noqa: F811
    """The nucleus spans 40-55 % of the disc's width (an axial MRI's nucleus at L5-S1; it spanned
    59 %, 34 of 57 mm, against the annulus's 28 mm opening) and 45-75 % of its depth (21.6 +- 3.1
    mm, 72 % of the depth on mid-sagittal MRI, Medicine (Baltimore) 2014;93(28):e333)."""
    _, local, whole = disc
    n, w = local[NUCLEUS].vertices, whole.vertices
    width, depth = np.ptp(n[:, 0]) / np.ptp(w[:, 0]), np.ptp(n[:, 1]) / np.ptp(w[:, 1])
    assert 0.40 <= width <= 0.55, f"nucleus {width:.0%} of the disc's width"
    assert 0.45 <= depth <= 0.75, f"nucleus {depth:.0%} of the disc's depth"


def _loops(mesh: trimesh.Trimesh, z: float) -> list[np.ndarray]:
    """The (x, y) loops of ``mesh``'s section at height ``z``, each resampled every 0.2 mm."""
    s = mesh.section(plane_origin=(0, 0, z), plane_normal=(0, 0, 1))
    if s is None:
        return []
    out = []
    for c in s.discrete:
        c = np.asarray(c)[:, :2]
        seg = np.diff(c, axis=0)
        k = np.maximum(np.ceil(np.linalg.norm(seg, axis=1) / 0.2), 1).astype(int)
        out.append(
            np.vstack(
                [
                    a + np.linspace(0, 1, m, endpoint=False)[:, None] * d
                    for a, d, m in zip(c[:-1], seg, k, strict=True)
                ]
            )
        )
    return out


def test_nucleus_stays_clear_of_the_outer_annulus(disc):  # noqa: F811
    """In sections across the disc through the nucleus's middle (at its mid-height and 1 and 2 mm
    above it, where the annulus is a whole ring), every point of the nucleus's outline lies at
    least 3 mm inside the disc's outer wall (thinnest behind, 3.8 mm): the annulus's lamellae
    surround it all round. (1 mm above and below before s44: since then the nucleus stands
    full-sided down to S1, Bogduk ch. 2, and 1 mm below its mid-height the section at the back
    grazes the disc's rounded lower edge over S1's raised posterior rim, 0.8 mm above the bone.)"""
    _, local, _ = disc
    n = local[NUCLEUS].vertices
    mid = float(np.median(n[:, 2]))
    checked = 0
    for z in (mid, mid + 1.0, mid + 2.0):
        nucleus, annulus = _loops(local[NUCLEUS], z), _loops(local[ANNULUS], z)
        if not nucleus or not annulus:
            continue
        outer = max(annulus, key=lambda c: np.ptp(c[:, 0]))
        d = cKDTree(outer).query(np.vstack(nucleus))[0]
        assert d.min() >= 3.0, f"nucleus {d.min():.1f} mm from the outer wall at z {z:.1f}"
        checked += 1
    assert checked >= 3, f"only {checked} sections crossed both"


def test_nucleus_nests_in_the_annulus_s_opening(disc, hole):  # noqa: F811
    """The nucleus fits the annulus (blind review s40-s41: "the nucleus, 29-30 x 19-22 mm, cannot
    fit the annulus's opening, about 19-20 x 13 mm"): seen along the L5 axis the opening through
    the annulus is centred over the nucleus (within 1.5 mm) and the annulus's inner lamellae,
    grading over its rounded rim onto the endplates, cover at most 4 mm of it on each side (they
    covered 6.2 mm of its width and 4.5 mm of its depth); and the two nest: under 1 % of the
    nucleus's surface lies more than 0.5 mm inside the annulus."""
    _, local, _ = disc
    n, a = local[NUCLEUS], local[ANNULUS]
    v = n.vertices
    for axis, name in ((0, "width"), (1, "depth")):
        lo, hi = v[:, axis].min(), v[:, axis].max()
        o_lo, o_hi = hole[:, axis].min() - 0.5 * _STEP, hole[:, axis].max() + 0.5 * _STEP
        off = 0.5 * (o_lo + o_hi) - 0.5 * (lo + hi)
        assert abs(off) < 1.5, f"opening {off:.1f} mm off the nucleus's centre ({name})"
        cover = 0.5 * ((hi - lo) - (o_hi - o_lo))
        assert cover <= 4.0, f"the annulus covers {cover:.1f} mm of the nucleus's {name} each side"
    # (how far each nucleus point lies behind the nearest point of the annulus's surface, along
    # that surface's outward normal: positive inside the annulus)
    pts = trimesh.sample.sample_surface(n, 3000, seed=3)[0]
    a_pts, face = trimesh.sample.sample_surface(a, 40000, seed=3)
    _, i = cKDTree(a_pts).query(pts)
    depth = np.einsum("ij,ij->i", a_pts[i] - pts, a.face_normals[face[i]])
    deep = int((depth > 0.5).sum())
    assert deep < 0.01 * len(pts), f"{deep} of {len(pts)} nucleus points over 0.5 mm in the annulus"


def test_nucleus_fits_the_annulus_s_opening(disc, hole):  # noqa: F811
    """Seen along the L5 axis the annulus's opening holds the nucleus (blind review s43, both
    reviewers: the nucleus, 26.4 mm wide at mid-height, looked larger than the annulus's 20.0 mm
    opening, one could not be fitted in the other): the nucleus is bounded round its periphery by
    the annulus's inner lamellae (Bogduk ch. 2), so in a cut-away the annulus is a ring whose inner
    wall bounds the nucleus and the opening seen from above is the nucleus's outline. The
    nucleus's section at its mid-height is no wider and no deeper than the opening (within a grid
    step) and every point of it lies within 0.5 mm of the opening."""
    loop = _mid_section(disc[1])[NUCLEUS]
    for axis, name in ((0, "wide"), (1, "deep")):
        size, through = np.ptp(loop[:, axis]), np.ptp(hole[:, axis]) + _STEP
        assert size <= through + _STEP, f"nucleus {size:.1f} mm {name}, opening {through:.1f} mm"
    off = cKDTree(hole).query(loop)[0].max()
    assert off <= 0.5, f"the nucleus's outline reaches {off:.1f} mm past the annulus's opening"
