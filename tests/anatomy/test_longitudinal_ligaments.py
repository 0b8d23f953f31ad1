"""The longitudinal ligaments' shapes beyond their sizes (test_ligaments): the ALL's smooth bend
over the sacral promontory, the PLL's width at the disc's margins (reference A.7)."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from tests.anatomy.tissue_geometry import surface_distance
from viewer.anatomy import parameters as P
from viewer.anatomy.frame import ANTERIOR

SPINE_PARTS = ("l5_vertebra", "l5_s1_disc_annulus", "s1_segment")


def _sagittal_axes(lm) -> tuple[np.ndarray, np.ndarray]:
    """(up: the S1 endplate normal, ant: the anterior direction square to it, mid-sagittal)."""
    up = np.asarray(lm["s1_endplate_normal"], float)
    up /= np.linalg.norm(up)
    ant = ANTERIOR - (ANTERIOR @ up) * up
    return up, ant / np.linalg.norm(ant)


def _midline_section(mesh: trimesh.Trimesh) -> np.ndarray:
    """Points densely along the band's sections 0.7 mm either side of the midline."""
    out = []
    for x0 in (-0.7, 0.7):
        seg = trimesh.intersections.mesh_plane(mesh, [1.0, 0.0, 0.0], [x0, 0.0, 0.0])
        w = np.linspace(0.0, 1.0, 12)[None, :, None]
        out.append((seg[:, :1] * (1.0 - w) + seg[:, 1:] * w).reshape(-1, 3))
    return np.vstack(out)


def _bend(points: np.ndarray, up: np.ndarray, ant: np.ndarray, half: float = 2.0):
    """Along the band (levels ``s`` 0.5 mm apart): its direction in the mid-sagittal plane
    (degrees from ``up``, a line fitted to the section within ``half`` mm of each level) and
    how fast it turns (degrees per mm along it)."""
    s, a = points @ up, points @ ant
    levels = np.arange(s.min() + half + 1.0, s.max() - half - 1.0, 0.5)
    slope = np.array(
        [np.polyfit(s[m] - c, a[m], 1)[0] for c in levels for m in [np.abs(s - c) <= half]]
    )
    angle = np.arctan(slope)
    step = 0.5 * np.sqrt(1.0 + slope**2)  # mm along the band per level
    rate = np.degrees(np.abs(np.diff(angle))) / (0.5 * (step[1:] + step[:-1]))
    return levels, np.degrees(angle), rate


def test_all_bends_smoothly_over_the_promontory(model, lm):
    """The ALL runs down the front of L5 and on down the front of S1, bending through the
    lumbosacral angle (some 50-60 degrees between the two bodies' fronts here), but it bridges the
    promontory in a smooth bend (blind review, stop 26: "the kink at the promontory is too
    sharp"): its midline turns no faster than 6.5 degrees per mm anywhere (the kinked band of
    stop 26: 14 degrees per mm at the promontory), and over the bend (12 mm either side of the
    promontory) it still lies on the disc and the bodies: in every 1 mm slice a point of it within
    2.5 mm of the bone."""
    up, ant = _sagittal_axes(lm)
    band = model.mesh("anterior_longitudinal_ligament")
    points = _midline_section(band)
    levels, angle, rate = _bend(points, up, ant)
    assert angle.max() - angle.min() >= 40.0, f"it turns only {np.ptp(angle):.0f} deg: no bend"
    k = int(np.argmax(rate))
    assert rate[k] <= 6.5, f"a kink: it turns {rate[k]:.1f} deg/mm at s = {levels[k]:.1f}"
    promontory = np.asarray(lm["sacral_promontory"], float) @ up
    s = points @ up
    near = surface_distance(points, [model.mesh(b) for b in SPINE_PARTS])
    for c in np.arange(promontory - 12.0, promontory + 12.0, 1.0):
        inside = np.abs(s - c) <= 0.5
        assert inside.any() and near[inside].min() <= 2.5, (
            f"off the bone at s = {c:.1f}: {near[inside].min(initial=np.inf):.1f} mm"
        )


def _disc_back_margins(model, up: np.ndarray, ant: np.ndarray) -> tuple[float, float]:
    """Levels (along ``up``) of the lower and upper margins of the disc's back in the midline:
    the extent of its surface within 2.5 mm of its rearmost point, 3 mm either side of the
    midline (where the endplates' rims meet it)."""
    d = model.mesh("l5_s1_disc_annulus").vertices
    d = d[np.abs(d[:, 0]) < 3.0]
    back = d[d @ ant < (d @ ant).min() + 2.5] @ up
    return float(back.min()), float(back.max())


@pytest.mark.xfail(
    strict=True,
    reason=(
        "known defect (stop 27): 34.5 and 38.8 mm at the margins of this disc's back, which is"
        " only 4.5 mm tall: a fan of 39 mm narrowing to 18 mm within 1.75 mm of its middle"
        " conflicts with the lozenge tests of test_ligaments (at 4 mm from its widest still a"
        " quarter of it wide; reaching further up than down)"
    ),
)
def test_pll_is_narrower_at_the_disc_margins_than_over_its_middle(model, lm):
    """Lee et al. 2018 (L5/S1, Table B): the PLL is 18.2 +- 3.9 mm wide at the disc's margins
    (level with the endplates' rims at the back of the disc), while over the disc's mid-height
    its lateral expansions cover 64-77 % of the disc's width (test_ligaments): its fan is
    wide only at the middle of the disc's back, its tips pointing sideways."""
    up, ant = _sagittal_axes(lm)
    pll = model.mesh("posterior_longitudinal_ligament")
    s = pll.vertices @ up
    ref = P.PLL_DISC_MARGIN_WIDTH
    for level in _disc_back_margins(model, up, ant):
        x = pll.vertices[np.abs(s - level) <= 0.5, 0]
        assert len(x) > 5, f"no PLL at the disc margin s = {level:.1f}"
        width = float(np.ptp(x))
        assert ref.accepts(width), (
            f"PLL is {width:.1f} mm wide at the disc margin (s = {level:.1f}), "
            f"published {ref.value} +- {ref.sd}"
        )


def _thickness_in_the_midline(band: trimesh.Trimesh, ant: np.ndarray, up: np.ndarray, lo, hi):
    """The median thickness of ``band`` within 2 mm of the midline between levels ``lo`` and
    ``hi`` (along ``up``): from each face of its front (facing forward) straight through it
    (along the face's inward normal) to its back face."""
    c, n = band.triangles_center, band.face_normals
    s = c @ up
    front = (np.abs(c[:, 0]) < 2.0) & (s > lo) & (s < hi) & (n @ ant > 0.5)
    assert front.sum() >= 5, f"no front faces between {lo:.1f} and {hi:.1f}"
    origins = c[front] - 0.01 * n[front]
    hits, rays, _ = band.ray.intersects_location(origins, -n[front], multiple_hits=True)
    depth = np.linalg.norm(hits - origins[rays], axis=1)
    out = np.full(int(front.sum()), np.inf)
    np.minimum.at(out, rays, np.where(depth > 0.05, depth, np.inf))
    return float(np.median(out[np.isfinite(out)]))


def test_all_is_a_strong_band_thicker_over_the_bodies_than_over_the_disc(model, lm):
    """Blind review, stop 35: "paper thin". The ALL is a strong band, some 1.5-3 mm thick (A.7),
    thicker opposite the bodies, whose concave fronts it fills, than over the disc, to whose
    annulus it is bound (Gray's: "thicker opposite the bodies"): in the midline at least 2 mm
    thick over the middle of the L5 body's front (stop 35: 1.6) and at least 0.5 mm thinner,
    but at least 1 mm thick, over the disc's front."""
    up, ant = _sagittal_axes(lm)
    band = model.mesh("anterior_longitudinal_ligament")
    disc = model.mesh("l5_s1_disc_annulus").vertices
    front = disc[(np.abs(disc[:, 0]) < 4.0) & (disc @ ant > (disc @ ant).max() - 3.0)] @ up
    top = float((band.vertices @ up).max())
    body_mid = 0.5 * (front.max() + top)
    over_body = _thickness_in_the_midline(band, ant, up, body_mid - 4.0, body_mid + 4.0)
    over_disc = _thickness_in_the_midline(band, ant, up, front.min() + 1.0, front.max() - 1.0)
    assert 2.0 <= over_body <= 3.2, f"{over_body:.2f} mm thick over the L5 body"
    assert 1.0 <= over_disc <= over_body - 0.5, (over_disc, over_body)


def test_all_ends_on_the_upper_front_of_the_sacrum_following_it(model, lm):
    """Blind review, stop 35: "its lower third turns almost horizontal, much flatter than the
    front of the sacrum". The ALL ends on the upper part of the front of the sacrum (Gray's):
    below the promontory it lies along S1's front, running from the promontory's level to its
    end within 10 degrees of the bone's direction under it, and that tail is about a quarter of
    its length at most (27 %; stop 35: 32 %, a third; it reaches at least 12 mm below the
    promontory: test_all_bends_smoothly_over_the_promontory)."""
    band = model.mesh("anterior_longitudinal_ligament")
    promontory = float(np.asarray(lm["sacral_promontory"], float)[2])
    seg = trimesh.intersections.mesh_plane(band, [1.0, 0.0, 0.0], [0.0, 0.0, 0.0])
    length = np.linalg.norm(seg[:, 0] - seg[:, 1], axis=1)
    tail = seg[:, :, 2].max(axis=1) < promontory
    share = length[tail].sum() / length.sum()
    assert share <= 0.27, f"its tail below the promontory is {share:.0%} of its length"
    points = seg.reshape(-1, 3)
    start = points[np.abs(points[:, 2] - promontory) <= 0.5].mean(axis=0)
    end = points[points[:, 2] <= points[:, 2].min() + 1.0].mean(axis=0)
    bone = trimesh.intersections.mesh_plane(
        model.mesh("s1_segment"), [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]
    ).reshape(-1, 3)
    on_bone = [bone[np.argmin(np.linalg.norm(bone - p, axis=1))] for p in (start, end)]
    # the direction (degrees below the horizontal) from the promontory's level to its end
    slope = [np.degrees(np.arctan2(a[2] - b[2], a[1] - b[1])) for a, b in ((start, end), on_bone)]
    assert abs(slope[0] - slope[1]) <= 10.0, f"tail at {slope[0]:.0f} deg, S1 at {slope[1]:.0f}"


def test_all_is_cut_at_its_full_size_above(model, lm):
    """It runs on up the spine: its top is a clean section across the whole band (the brief of
    stop 36), not a narrowed, thinned end: at its top cap it is at least 95 % as wide as 5 mm
    below it (stop 35: it narrowed to three quarters)."""
    up, _ = _sagittal_axes(lm)
    band = model.mesh("anterior_longitudinal_ligament")
    s = band.vertices @ up
    top = float(s.max())
    at_cap = np.ptp(band.vertices[s > top - 0.3, 0])
    below = np.ptp(band.vertices[np.abs(s - (top - 5.0)) < 0.7, 0])
    assert at_cap >= 0.95 * below, f"{at_cap:.1f} mm wide at its cut, {below:.1f} mm below it"


def _through(band: trimesh.Trimesh, point: np.ndarray, direction: np.ndarray) -> float:
    """The thickness of ``band`` along ``direction`` through ``point`` (its first hit to its
    last; 0 where the line misses it)."""
    origin = point - 30.0 * direction
    hits, _, _ = band.ray.intersects_location([origin], [direction], multiple_hits=True)
    t = (hits - origin) @ direction
    return float(np.ptp(t)) if len(t) >= 2 else 0.0


def test_pll_expansions_are_teeth_feathering_out_onto_the_annulus(model, lm):
    """Blind review, stop 38: "a smooth oval flange". Over the disc the PLL spreads into thin,
    tapering lateral expansions that blend into the annulus (Bogduk ch. 4; Gray's: "a series of
    dentations with intervening concave margins"): level with its widest part, nine tenths of
    the way out it is at most half as thick as in its midline (the flange of stop 38: 0.8 of
    it), and each expansion ends in a point: where it is wider than 90 % of its greatest
    width it spans at most 2.5 mm along the band (the rounded lozenge of stop 38: 3.9 mm; 1.75 now)."""
    up, ant = _sagittal_axes(lm)
    pll = model.mesh("posterior_longitudinal_ligament")
    v = pll.vertices
    s = v @ up
    levels = np.arange(s.min() + 0.5, s.max(), 0.5)
    half = np.array([np.abs(v[np.abs(s - c) <= 0.5, 0]).max(initial=0.0) for c in levels])
    widest = float(np.mean(levels[half >= 0.95 * half.max()]))
    row = v[np.abs(s - widest) <= 1.0]
    thickness = []
    for x in (0.0, 0.9 * half.max()):
        near = row[np.abs(row[:, 0] - x) <= 1.0]
        assert len(near), f"no PLL at x = {x:.1f} level with its widest part"
        thickness.append(_through(pll, near.mean(axis=0), ant))
    assert thickness[1] <= 0.5 * thickness[0], f"not feathering out: {np.round(thickness, 2)} mm"
    for sign in (1.0, -1.0):
        tip = s[sign * v[:, 0] >= 0.9 * half.max()]
        assert np.ptp(tip) <= 2.5, f"a blunt expansion: {np.ptp(tip):.1f} mm tall at its tip"


def test_all_is_markedly_broader_on_the_sacrum_than_at_its_top(model, lm):
    """Blind review, stop 38: "even width". The ALL is broader below than above (Gray's),
    broadest over the lumbosacral disc and the sacrum: at its widest in its lower half it is at
    least 1.4 times as wide as over its top 8 mm (stop 38: 1.33)."""
    up, _ = _sagittal_axes(lm)
    v = model.mesh("anterior_longitudinal_ligament").vertices
    s = v @ up
    levels = np.arange(s.min() + 0.5, s.max(), 1.0)
    rows = [v[np.abs(s - c) <= 0.5, 0] for c in levels]
    widths = np.array([np.ptp(r) if len(r) else 0.0 for r in rows])
    levels, widths = levels[widths > 0.0], widths[widths > 0.0]  # (slices between its sections)
    low = float(widths[levels < 0.5 * (levels[0] + levels[-1])].max())
    high = float(np.median(widths[levels > levels[-1] - 8.0]))
    assert low >= 1.4 * high, f"{low:.1f} mm wide at most below, {high:.1f} mm at its top"


def _section_profile(band: trimesh.Trimesh, ant: np.ndarray, up: np.ndarray, level: float):
    """The thickness of ``band`` along ``ant`` across its section at ``level`` (along ``up``),
    at 19 points from -0.9 to 0.9 of its half-width there: (shares of the half-width, mm)."""
    v = band.vertices
    row = v[np.abs(v @ up - level) <= 0.8]
    half = float(np.abs(row[:, 0]).max())
    shares = np.linspace(-0.9, 0.9, 19)
    out = []
    for f in shares:
        near = row[np.abs(row[:, 0] - f * half) <= max(0.5, 0.05 * half)]
        p = near.mean(axis=0)
        p[0] = f * half
        out.append(_through(band, p, ant))
    return shares, np.array(out)


def test_pll_strip_is_rounded_in_section_thickest_in_its_midline(model, lm):
    """Blind review, stop 39: "a flat cut-out". Behind the L5 body the PLL is a strip thickest
    in its midline, rounded across its width, not a flat band of even thickness with squared
    edges (Gray's and Bogduk ch. 4 figures): over the body (4, 8 and 12 mm below its cut) it
    is thickest in its midline, and its section fills at most 0.84 of its bounding box (mean
    over max thickness within 0.9 of its half-width; a half-ellipse: 0.83 there; stop 39:
    0.92, flat over its middle half; stop 40: 0.81)."""
    up, ant = _sagittal_axes(lm)
    pll = model.mesh("posterior_longitudinal_ligament")
    top = float((pll.vertices @ up).max())
    for below in (4.0, 8.0, 12.0):
        shares, t = _section_profile(pll, ant, up, top - below)
        mid = float(t[np.abs(shares) < 0.01][0])
        fill = float(t.mean() / t.max())
        assert mid >= 0.98 * t.max(), f"{mid:.2f} mm in its midline, {t.max():.2f} at most"
        assert fill <= 0.84, f"a flat section {below:.0f} mm below its cut: fills {fill:.2f}"


def test_all_feathers_out_to_its_lateral_edges(model, lm):
    """Blind review, stop 39: "even thickness", lateral edges standing as a cut board. The ALL
    thins gradually from its midline towards its edges (Bogduk ch. 4: thinning laterally): over
    the L5 body and the disc, 0.8 of the way out to either edge it is at most half as thick as
    in its midline (median over levels 4 mm apart; stop 39: 0.40, its edges then squared).

    (At most a third until stop 46: it then thinned on to knife edges, which read as "a surface
    with no thickness", blind review s45. It is a broad, strong band firmly attached at the
    vertebral margins (Gray's; Bogduk ch. 4), its borders rounded: it thins only to a rounded
    border about 1 mm thick (test_longitudinal_ligaments_have_blunt_rounded_borders), some 0.45
    of its midline's 2.2 mm 0.8 of the way out.)"""
    up, ant = _sagittal_axes(lm)
    band = model.mesh("anterior_longitudinal_ligament")
    s = band.vertices @ up
    shares_at_edge = []
    for level in np.arange(s.max() - 20.0, s.max() - 3.0, 4.0):
        shares, t = _section_profile(band, ant, up, level)
        mid = float(t[np.abs(shares) < 0.01][0])
        edge = t[np.isclose(np.abs(shares), 0.8)]
        shares_at_edge.append(float(edge.max()) / mid)
    share = float(np.median(shares_at_edge))
    assert share <= 0.5, f"{share:.2f} of its midline thickness 0.8 of the way out"


def _section_faces(band: trimesh.Trimesh, up: np.ndarray, level: float, facing: np.ndarray):
    """The band's section across ``up`` at ``level``: its outer face (towards ``facing``) and its
    inner face, each a polyline from its right border to its left, or None where it has none."""
    section = band.section(plane_origin=up * level, plane_normal=up)
    if section is None or not section.discrete:
        return None
    loop = max(section.discrete, key=len)[:-1]  # (closed: its last point repeats its first)
    right, left, n = int(np.argmax(loop[:, 0])), int(np.argmin(loop[:, 0])), len(loop)
    one = loop[(right + np.arange((left - right) % n + 1)) % n]
    other = loop[(right - np.arange((right - left) % n + 1)) % n]
    return (one, other) if (one @ facing).mean() > (other @ facing).mean() else (other, one)


def _to_polyline(point: np.ndarray, line: np.ndarray) -> float:
    """The distance from ``point`` to the polyline ``line``."""
    a, ab = line[:-1], np.diff(line, axis=0)
    t = np.clip(((point - a) * ab).sum(axis=1) / np.maximum((ab * ab).sum(axis=1), 1e-12), 0, 1)
    return float(np.linalg.norm(a + t[:, None] * ab - point, axis=1).min())


def _border_thickness(band, up, facing, level: float, inset: float = 1.0) -> float:
    """How thick ``band`` is ``inset`` mm in from its lateral borders at ``level`` (the thinner
    of the two): from the point of its outer face that far from the border's tip straight to
    its inner face, in the plane of the section."""
    faces = _section_faces(band, up, level, facing)
    if faces is None:
        return np.nan
    outer, inner = faces
    out = []
    for face in (outer, outer[::-1]):
        point = face[int(np.argmax(np.linalg.norm(face - face[0], axis=1) >= inset))]
        out.append(_to_polyline(point, inner))
    return min(out)


def test_longitudinal_ligaments_have_blunt_rounded_borders(model, lm):
    """Blind review, stop 45: "a surface with no thickness" (stops 39-45 feathered both bands out
    to knife edges). The ALL is a broad, strong band firmly attached at the vertebral margins
    (Gray's; Bogduk ch. 4), its borders rounded, not knife edges: over the L5 body and the disc
    (above the promontory) it is still at least 0.85 mm thick (median; 0.65 everywhere) 1 mm in
    from its lateral borders (stop 45: 0.54, and 0.23 over the disc). The PLL's strip behind
    the body, a thin ribbon (about 1 mm: Bogduk ch. 4), is at least 0.84 mm thick there (median
    where it is narrower than 1.5 times PLL_WIDTH_L5; stop 45: a half-ellipse, 0.80), while
    its fan's teeth feather out onto the annulus
    (test_pll_expansions_are_teeth_feathering_out_onto_the_annulus)."""
    up, ant = _sagittal_axes(lm)
    promontory = float(np.asarray(lm["sacral_promontory"], float) @ up)
    band = model.mesh("anterior_longitudinal_ligament")
    s = band.vertices @ up
    levels = np.arange(promontory + 1.0, s.max() - 1.0, 1.0)
    edge = np.array([_border_thickness(band, up, ant, c) for c in levels])
    assert np.isfinite(edge).all(), "no section of the ALL at some level"
    assert np.median(edge) >= 0.85 and edge.min() >= 0.65, (
        f"ALL 1 mm in from its borders: median {np.median(edge):.2f}, least {edge.min():.2f} mm"
    )
    pll = model.mesh("posterior_longitudinal_ligament")
    s = pll.vertices @ up
    levels = np.arange(s.min() + 1.5, s.max() - 1.0, 1.0)
    narrow = [
        np.ptp(pll.vertices[np.abs(s - c) <= 0.5, 0]) < 1.5 * P.PLL_WIDTH_L5.value for c in levels
    ]
    strip = np.array([_border_thickness(pll, up, -ant, c) for c in levels[narrow]])
    assert np.median(strip) >= 0.84, (
        f"PLL strip 1 mm in from its borders: {np.median(strip):.2f} mm"
    )
