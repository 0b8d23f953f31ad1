"""The sheet helpers of :mod:`viewer.anatomy.ligament_sheets` (a sheet round sampled mid-surface
points, of a given half-thickness, with round free rims; a point sunk into its bone) and the
ligamentum flavum built with them (:mod:`viewer.anatomy.flavum`), seen as a sheet: smooth, with no
folded edges, its medial end a flat face in the midline, its faces smooth (not ribbed).

The helpers are checked on a flat square sheet whose distance is known exactly; the flavum on the
built meshes (its anatomy: test_ligaments)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.tissue_geometry import deepest_inside
from viewer.anatomy import ligament_sheets as LS
from viewer.vocabulary import SIDES


def _square(half_thickness, size: float = 10.0) -> tuple[np.ndarray, np.ndarray]:
    """Mid-surface samples of a flat square sheet in the plane z = 0 (0..size mm in x and y,
    ``SAMPLE_STEP`` apart) and their half-thicknesses (``half_thickness(x)``)."""
    g = np.arange(0.0, size + 1e-9, LS.SAMPLE_STEP)
    x, y = np.meshgrid(g, g, indexing="ij")
    pts = np.column_stack([x.ravel(), y.ravel(), np.zeros(x.size)])
    return pts, half_thickness(pts[:, 0])


def test_sheet_is_a_slab_of_its_half_thickness():
    """Inside its outline a sheet is a slab: its surface ``half_thickness`` either side of the
    mid-surface (within 0.05 mm, the samples' scallops), its distance signed (inside < 0)."""
    pts, r = _square(lambda x: np.full_like(x, 1.5))
    f = LS.sheet(pts, r)
    q = np.array([[4.8, 4.8, 0.0], [4.8, 4.8, 1.5], [4.8, 4.8, -1.5], [4.8, 4.8, 3.0]])
    d = f(q)
    assert d[0] == pytest.approx(-1.5, abs=0.05)
    assert abs(d[1]) < 0.05 and abs(d[2]) < 0.05, d
    assert d[3] == pytest.approx(1.5, abs=0.05)


def test_sheet_has_round_free_rims():
    """Its free edge is a half-round rim (a ligament's rounded edge), not a square one: the
    point 45 deg round the rim from its edge lies on its surface, and the corner of a square edge
    lies well outside it."""
    pts, r = _square(lambda x: np.full_like(x, 1.5))
    f = LS.sheet(pts, r)
    c, edge = 1.5 / np.sqrt(2.0), pts[:, 0].max()
    on_round, square_corner = f(np.array([[edge + c, 4.8, c], [edge + 1.5, 4.8, 1.5]]))
    assert abs(on_round) < 0.05, f"{on_round:.3f} mm off the round rim"
    assert square_corner > 0.5, f"a square edge: its corner {square_corner:.2f} mm off"


def test_sheet_follows_its_thickness_profile():
    """Each sample carries its own half-thickness: a sheet thinning from 2 to 1 mm (half) across
    x has its surface at those heights (on a sample's column, within 0.1 mm)."""
    pts, r = _square(lambda x: 2.0 - x / 10.0)
    f = LS.sheet(pts, r)
    d = f(np.array([[2.1, 4.8, 2.0 - 0.21], [8.1, 4.8, 2.0 - 0.81]]))
    assert np.abs(d).max() < 0.1, d


def test_sink_moves_a_point_away_from_its_target():
    """``sink`` moves a point ``depth`` mm away from the point it is sunk from (into its bone)."""
    p = LS.sink([1.0, 2.0, 3.0], [1.0, 2.0, 13.0], 2.0)
    assert np.allclose(p, [1.0, 2.0, 1.0])


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_is_a_smooth_sheet_without_folds(model, side):
    """Seen alone the flavum reads as a ligament sheet: a smooth surface whose neighbouring
    triangles turn gently (99.9 % of them by under 70 deg; none folded over 110 deg: its edges
    rounded, no fins where the bones cut it; the general limit, test_surface_quality, is
    120)."""
    m = model.mesh(f"ligamentum_flavum_{side}")
    a = np.degrees(m.face_adjacency_angles)
    assert np.percentile(a, 99.9) < 70.0, f"99.9 % of turns under {np.percentile(a, 99.9):.0f}"
    assert a.max() < 110.0, f"an edge folded {a.max():.0f} deg"


# ---------------------------------------------------------------- the flavum's shape, measured
def _sheet_thickness(mesh) -> tuple[np.ndarray, np.ndarray]:
    """The sheet's local thickness at the vertices on its two broad faces (not its rims): how far
    in along the inward normal the surface is met again, at vertices whose normal lies within
    35 deg of the sheet's local normal (the least principal axis of the vertices within 5 mm),
    and where the ray meets the opposite face (its normal within 45 deg of the ray's). Returns
    those vertices and their thicknesses."""
    from scipy.spatial import cKDTree

    v, n = mesh.vertices, mesh.vertex_normals
    tree = cKDTree(v)
    keep = np.zeros(len(v), bool)
    for i, near in enumerate(tree.query_ball_point(v, 5.0)):
        c = v[near] - v[near].mean(axis=0)
        normal = np.linalg.svd(c, full_matrices=False)[2][2]
        keep[i] = abs(n[i] @ normal) > np.cos(np.radians(35.0))
    o = v[keep] - n[keep] * 0.01
    locs, ray, tri = mesh.ray.intersects_location(o, -n[keep], multiple_hits=False)
    t = np.full(len(o), np.nan)
    # (only where the ray meets the opposite face, facing back: not glancing along a rim)
    across = np.einsum("ij,ij->i", mesh.face_normals[tri], n[keep][ray]) < -0.7
    t[ray[across]] = np.linalg.norm(locs[across] - o[ray[across]], axis=1)
    ok = np.isfinite(t)
    return v[keep][ok], t[ok]


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_is_a_sheet_of_even_thickness(model, side):
    """A plate of even thickness, not a lumpy block (blind review s27, 2/2: "a lumpy block about
    8 mm thick"; issue 8: 3-5 mm, reviewers 2-4): over its interlaminar part (its medial 60 %)
    the faces lie 3-4 mm apart over most of it (its median), tapering only near its rims (the
    middle 80 % of its thicknesses within 1.6-4.0 mm), nowhere over 4.5 mm (its 98th
    percentile), and its capsular part no thicker."""
    v, t = _sheet_thickness(model.mesh(f"ligamentum_flavum_{side}"))
    x = np.abs(v[:, 0])
    inner = x < x.min() + 0.6 * np.ptp(x)
    p10, p50, p90 = np.percentile(t[inner], [10, 50, 90])
    assert 3.0 <= p50 <= 4.0, f"{p50:.2f} mm thick (median)"
    assert p10 >= 1.6 and p90 <= 4.0, f"uneven: 10-90 % {p10:.2f}-{p90:.2f} mm"
    assert np.percentile(t, 98) <= 4.5, f"up to {np.percentile(t, 98):.2f} mm thick"
    assert np.median(t[~inner]) <= p50, "its capsular part thicker than its interlaminar part"


def _border(v: np.ndarray, pick, x0: float, x1: float) -> np.ndarray:
    """The sheet's border seen from behind: per 1 mm column out from the midline (``x0`` to ``x1``
    mm), ``pick`` (np.min: the lower border, np.max: the upper) of its heights; (|x|, z) rows."""
    x = np.abs(v[:, 0])
    rows = [
        (c + 0.5, pick(v[(x >= c) & (x < c + 1.0), 2]))
        for c in np.arange(x0, x1 - 0.5, 1.0)
        if ((x >= c) & (x < c + 1.0)).sum() >= 3
    ]
    return np.array(rows)


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_outline_is_a_regular_trapezoid(model, side):
    """Seen from behind its upper and lower borders are straight-ish lines, no notch and no spur
    (blind review s27: "an irregular pentagonal chunk with a notch and spur on its lower
    border"): each within 1.2 mm of a straight line across its interlaminar part, and its lower
    border's heights never jump by over 0.8 mm from one millimetre to the next; it is a sheet
    taller than 11 mm and wider than 12 mm."""
    v = model.mesh(f"ligamentum_flavum_{side}").vertices
    x = np.abs(v[:, 0])
    x0, x1 = x.min() + 2.5, x.min() + 0.75 * np.ptp(x)
    for name, pick in (("lower", np.min), ("upper", np.max)):
        b = _border(v, pick, x0, x1)
        fit = np.polyval(np.polyfit(b[:, 0], b[:, 1], 1), b[:, 0])
        off = np.abs(b[:, 1] - fit).max()
        assert off <= 1.2, f"its {name} border {off:.1f} mm off a straight line: {b[:, 1].round(1)}"
        if name == "lower":
            jump = np.abs(np.diff(b[:, 1])).max()
            assert jump <= 0.8, f"a {jump:.1f} mm step in its lower border: {b[:, 1].round(1)}"
    assert np.ptp(v[:, 2]) >= 11.0 and np.ptp(x) >= 12.0, np.ptp(v, axis=0).round(1)


def test_ligamenta_flava_medial_edges_meet_along_their_height(model):
    """The two halves' medial edges meet in the midline (a narrow cleft between them, Bogduk
    ch. 4) along most of their height, not only at one point: between 15 % and 70 % of the
    height of its medial part (its vertices within 3 mm of its medial edge) each half comes
    within 1.6 mm of the midline at every level (1 mm slices)."""
    for side in SIDES:
        v = model.mesh(f"ligamentum_flavum_{side}").vertices
        x = np.abs(v[:, 0])
        medial = v[x < x.min() + 3.0]
        lo, hi = medial[:, 2].min(), medial[:, 2].max()
        rows = []
        for h in np.arange(0.15, 0.70, 1.0 / (hi - lo)):
            z = lo + h * (hi - lo)
            level = v[np.abs(v[:, 2] - z) < 0.5]
            rows.append(np.abs(level[:, 0]).min() if len(level) else np.inf)
        gaps = np.array(rows)
        assert gaps.max() <= 1.6, f"{side}: its medial edge up to {gaps.max():.1f} mm off"


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_lateral_part_lies_in_front_of_the_facet_joint(model, side):
    """Its lateral (capsular) part curves forward round the front of the facet joint, forming
    the joint's anterior capsule (Bogduk ch. 3-4): its lateral end lies in front of the back of
    the capsule, medial to the joint's outer side, and its most lateral part runs forward (the
    sheet there more sagittal than coronal)."""
    v = model.mesh(f"ligamentum_flavum_{side}").vertices
    capsule = model.mesh(f"facet_joint_{side}").vertices
    x = np.abs(v[:, 0])
    lateral = v[x > x.max() - 3.0]
    assert lateral[:, 1].mean() > np.median(capsule[:, 1]), "its lateral end behind the joint"
    assert np.abs(lateral[:, 0]).max() < np.abs(capsule[:, 0]).max(), "lateral to the joint"
    medial = v[x < x.min() + 3.0]
    assert lateral[:, 1].mean() - medial[:, 1].mean() >= 8.0, "it does not run forward"


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_stays_out_of_the_dural_sac(model, side):
    """The flava are the back wall of the canal, behind the dural sac, not in it: neither mesh
    reaches more than 0.2 mm into the other (stops 28-30: 1.3 mm over S1's midline gap)."""
    sac = model.mesh("dural_sac")
    flavum = model.mesh(f"ligamentum_flavum_{side}")
    deep = deepest_inside(sac, flavum.vertices)
    back = deepest_inside(flavum, sac.vertices)
    assert deep <= 0.2 and back <= 0.2, (
        f"{side}: {deep:.2f} mm into the dural sac; the sac {back:.2f} mm into it"
    )


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_seen_from_above_is_a_thin_band(model, side):
    """Seen from above (the blind review's superior view) each half is a thin band, one arm of
    the V: over its interlaminar part (its medial 60 %) each 1 mm column out from the midline
    spans at most 8 mm front to back, its 3.6 mm thickness and a near-vertical lean. Stops 27-30
    leaned 34 deg (riding 4 mm up the L5 lamina's 45-deg front face), so from above its 15 mm
    height showed as 11-12 mm of face, read as "a chunky wedge 8-10 mm thick" (2/2)."""
    v = model.mesh(f"ligamentum_flavum_{side}").vertices
    x = np.abs(v[:, 0])
    spans = [
        np.ptp(v[(x >= c) & (x < c + 1.0), 1])
        for c in np.arange(x.min(), x.min() + 0.6 * np.ptp(x) - 1.0, 1.0)
    ]
    assert max(spans) <= 8.0, f"{max(spans):.1f} mm front to back seen from above"


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_ends_medially_in_a_flat_face_in_the_midline(model, side):
    """The two halves meet in the midline in a V (Bogduk ch. 4), so each ends there in a flat
    face lying in the midline plane, as deep front to back as the sheet is thick and set
    obliquely to it: over the middle of its medial part's height (30-70 %, 0.5 mm slices) the
    vertices within 0.25 mm of each slice's most medial point span at least 2 mm front to back
    (median), not a rounded rim touching the midline along a line (blind review s34: "no
    V-junction with its partner"; main's rounded rim: 1.2-1.4 mm)."""
    v = model.mesh(f"ligamentum_flavum_{side}").vertices
    x = np.abs(v[:, 0])
    medial = v[x < x.min() + 3.0]
    lo, hi = medial[:, 2].min(), medial[:, 2].max()
    spans = []
    for z in np.arange(lo + 0.3 * (hi - lo), lo + 0.7 * (hi - lo), 0.5):
        level = v[np.abs(v[:, 2] - z) < 0.25]
        ax = np.abs(level[:, 0])
        spans.append(float(np.ptp(level[ax < ax.min() + 0.25, 1])))
    assert np.median(spans) >= 2.0, f"its medial edge {np.round(spans, 1)} mm deep: a rim"


def _face_roughness(mesh, side: str, from_behind: bool) -> float:
    """How far (RMS, mm) the sheet's back (or front) face departs from a smooth curve, seen along
    horizontal lines across its interlaminar part (3-9 mm off the midline, every 0.1 mm) at 40,
    50 and 60 % of the height of its medial part: rays cast forward from behind it (or back
    from in front of it), their hits less a cubic fitted to them (the sheet's own curve)."""
    from viewer.anatomy.geometry import first_hit

    v = mesh.vertices
    x = np.abs(v[:, 0])
    medial = v[x < x.min() + 3.0]
    lo, hi = medial[:, 2].min(), medial[:, 2].max()
    xs = np.arange(3.0, 9.0, 0.1) * (1.0 if side == "right" else -1.0)
    start, ahead = (-80.0, 1.0) if from_behind else (20.0, -1.0)
    out = []
    for z in np.linspace(lo + 0.4 * (hi - lo), lo + 0.6 * (hi - lo), 3):
        o = np.column_stack([xs, np.full(len(xs), start), np.full(len(xs), z)])
        y = start + ahead * first_hit(mesh, o, np.tile([0.0, ahead, 0.0], (len(xs), 1)), 100.0)
        ok = np.isfinite(y)
        ax = np.abs(xs[ok])
        r = y[ok] - np.polyval(np.polyfit(ax, y[ok], 3), ax)
        out.append(float(np.sqrt((r**2).mean())))
    return float(np.mean(out))


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_faces_are_smooth_not_ribbed(model, side):
    """Both its faces are smooth: seen across its interlaminar part neither departs from the
    sheet's own curve by more than 0.03 mm RMS. Its fibres do run vertically, from lamina to
    lamina (Bogduk ch. 4; Gray's Anatomy), but as elastic fibres finer than a millimetre: in the
    atlases a smooth yellow sheet, its fibres at most a texture. Stop 34's fibre ridges, 2 mm apart
    and 0.4 mm deep on its back face (0.068 mm RMS), read as "a row of parallel ribs, corrugated"
    (blind review stop 43, 3/2); its front face, the back wall of the canal, was already flat."""
    m = model.mesh(f"ligamentum_flavum_{side}")
    back, front = _face_roughness(m, side, True), _face_roughness(m, side, False)
    assert back <= 0.03, f"its back face ribbed: {back:.3f} mm RMS"
    assert front <= 0.03, f"its front face rippled: {front:.3f} mm RMS"
