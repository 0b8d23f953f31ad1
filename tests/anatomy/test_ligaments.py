"""The L5-S1 ligaments: bands attached to bone at both ends, entering none, with the published
sizes (reference A.7)."""

from __future__ import annotations

import numpy as np
import pytest

from tests import known_defects
from tests.anatomy.tissue_geometry import (
    depth_inside,
    ends,
    inside,
    max_depth_in_bone,
    surface_distance,
    thickness_through_middle,
)
from viewer.anatomy import parameters as P
from viewer.anatomy import section_caps
from viewer.anatomy.frame import side_sign
from viewer.vocabulary import SIDES

LIGAMENTS = [
    "anterior_longitudinal_ligament",
    "posterior_longitudinal_ligament",
    "ligamentum_flavum_left",
    "ligamentum_flavum_right",
    "interspinous_ligament",
    "supraspinous_ligament",
    "iliolumbar_ligament_left",
    "iliolumbar_ligament_right",
]

SPINE_PARTS = ("l5_vertebra", "l5_s1_disc_annulus", "s1_segment")

#: The bones each ligament joins (each end must lie on one of them).
ATTACHMENTS = {
    "anterior_longitudinal_ligament": ("l5_vertebra", "s1_segment"),
    "posterior_longitudinal_ligament": ("l5_vertebra", "s1_segment"),
}
# The ligamenta flava are wider than tall (their long axis runs out from the midline): their
# attachments are their upper and lower edges, checked edge by edge below; the interspinous
# membrane's on L5 and on the S1 spinous tubercle (the top of the median sacral crest),
# in test_interspinous_ligament_fills_only_the_gap_between_the_spinous_processes.


@pytest.mark.parametrize("sid", list(ATTACHMENTS))
def test_each_end_is_attached_to_its_bone(model, sid):
    first, second = ends(model.mesh(sid))
    bones = [model.mesh(b) for b in ATTACHMENTS[sid]]
    # one end on one bone, the other end on the other bone (in either order)
    d = np.array([[surface_distance(e, [b]).min() for b in bones] for e in (first, second)])
    best = min(max(d[0, 0], d[1, 1]), max(d[0, 1], d[1, 0]))
    assert best <= 2.0, f"{sid}: an end is {best:.1f} mm from its bone ({d.round(1).tolist()})"


@pytest.mark.parametrize("sid", LIGAMENTS)
def test_ligament_does_not_enter_bone(model, sid):
    depth = max_depth_in_bone(model, model.mesh(sid))
    assert depth <= 0.5, f"{sid} enters bone by {depth:.2f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_thickness_matches_mri(model, side):
    """Khasawneh 2023 measured the L5-S1 ligamentum flavum's thickness on axial MRI across its
    interlaminar part, at mid-height: the median local thickness of the sheet there (4-9 mm off
    the midline, the middle third of its height). (Not along its principal axis through its
    centroid: since it tucks up onto the front of the L5 lamina the centroid lies by the
    lamina's lower border, where the bone's cut thins it.)"""
    lf = model.mesh(f"ligamentum_flavum_{side}")
    v, t = lf.vertices, _ray_thickness(lf)
    part = (np.abs(v[:, 0]) > 4.0) & (np.abs(v[:, 0]) < 9.0) & np.isfinite(t)
    h = (v[:, 2] - v[part, 2].min()) / np.ptp(v[part, 2])
    middle = float(np.median(t[part & (h > 1 / 3) & (h < 2 / 3)]))
    ref = P.LIGAMENTUM_FLAVUM_THICKNESS
    assert ref.accepts(middle), (
        f"LF {side} is {middle:.2f} mm thick, published {ref.value} ± {ref.sd}"
    )


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_lines_the_back_of_the_canal_on_its_side(model, side):
    lf = model.mesh(f"ligamentum_flavum_{side}")
    disc = model.mesh("l5_s1_disc_annulus")
    sign = side_sign(side)
    assert np.all(sign * lf.vertices[:, 0] > -0.5), "crosses the midline"
    assert lf.centroid[1] < disc.bounds[0][1], "not behind the disc"


def _ray_thickness(mesh) -> np.ndarray:
    """At each vertex, how far in along its inward normal the surface is met again (the local
    thickness of a thin sheet; nan where the ray leaves through no face)."""
    v, n = mesh.vertices, mesh.vertex_normals
    o = v - n * 0.01
    locs, ray, _ = mesh.ray.intersects_location(o, -n, multiple_hits=False)
    t = np.full(len(v), np.nan)
    t[ray] = np.linalg.norm(locs - o[ray], axis=1)
    return t


def _edges_by_column(v: np.ndarray) -> list[tuple[int, int]]:
    """Per 1 mm column out from the midline (after the first, its medial rim): the index of its
    highest and of its lowest vertex."""
    x = np.abs(v[:, 0])
    out = []
    for x0 in np.arange(np.floor(x.min()) + 1.0, x.max() - 0.5, 1.0):
        col = np.flatnonzero((x >= x0) & (x < x0 + 1.0))
        if len(col) >= 5:
            out.append((col[np.argmax(v[col, 2])], col[np.argmin(v[col, 2])]))
    return out


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_runs_from_the_l5_lamina_down_to_the_s1_lamina(model, side):
    """Its upper edge lies on L5 (the front of the lamina and of the inferior articular process)
    all the way out from the midline; its lower edge on S1 beyond S1's midline defect (this S1
    has no lamina meeting its twin there): all over its outer 40 %, and over at least 40 % of it."""
    v = model.mesh(f"ligamentum_flavum_{side}").vertices
    cols = _edges_by_column(v)
    assert len(cols) >= 10, f"only {len(cols)} mm wide"
    top = surface_distance(v[[t for t, _ in cols]], [model.mesh("l5_vertebra")])
    low = surface_distance(v[[b for _, b in cols]], [model.mesh("s1_segment")])
    assert top.max() <= 1.0, f"upper edge off L5 by up to {top.max():.1f} mm: {top.round(1)}"
    on = low <= 1.5
    assert on[int(0.6 * len(on)) :].all(), f"lower edge off S1 laterally: {low.round(1)}"
    assert on.mean() >= 0.4, f"lower edge on S1 over only {on.mean():.0%}: {low.round(1)}"


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_is_a_sheet_thickest_medially_thinning_laterally(model, side):
    """3-5 mm thick over its interlaminar (medial) part (Khasawneh 2023: 3.6 mm at L5-S1), thinner
    over its lateral, capsular part (Bogduk ch. 4); a sheet, several times as tall and as wide as
    it is thick."""
    lf = model.mesh(f"ligamentum_flavum_{side}")
    v, n = lf.vertices, lf.vertex_normals
    t = _ray_thickness(lf)
    faces = (np.abs(n[:, 2]) < 0.5) & np.isfinite(t)  # its faces, not its top and bottom rims
    medial = float(np.median(t[faces & (np.abs(v[:, 0]) < 8.0)]))
    lateral = float(np.median(t[faces & (v[:, 1] > v[:, 1].max() - 4.0)]))  # its front end
    assert 3.0 <= medial <= 5.0, f"{medial:.2f} mm thick medially"
    assert lateral <= 0.6 * medial, f"{lateral:.2f} mm laterally, {medial:.2f} medially"
    height = float(np.ptp(v[:, 2]))
    width = float(np.ptp(v[:, 0]))
    assert min(height, width) >= 3.0 * medial, f"{width:.1f} x {height:.1f} x {medial:.1f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_thins_steadily_from_medial_to_its_capsular_part(model, side):
    """Its thickness falls steadily along its run out and forward from the midline to the front
    of the facet joint: thick (3-5 mm) medially and over its interlaminar part, a thin capsular
    part laterally (Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine, ch. 4). Blind
    review s25: "no thick medial-to-lateral gradient and no extension into the capsular part"
    (it was even to 0.7 of the way out: quarters about 3.6, 3.6, 3.4, 2.3 mm)."""
    lf = model.mesh(f"ligamentum_flavum_{side}")
    v, n = lf.vertices, lf.vertex_normals
    t = _ray_thickness(lf)
    faces = (np.abs(n[:, 2]) < 0.5) & np.isfinite(t)
    forward = (v[:, 1] - v[:, 1].min()) / np.ptp(v[:, 1])  # 0 medial (behind), 1 lateral
    quarters = [
        float(np.median(t[faces & (forward >= a) & (forward < a + 0.25)]))
        for a in (0.0, 0.25, 0.5, 0.75)
    ]
    assert 3.0 <= quarters[0] <= 5.0, f"{quarters[0]:.2f} mm thick medially"
    assert (np.diff(quarters) < 0).all(), f"quarters {np.round(quarters, 2)}"
    assert quarters[-1] <= 0.5 * quarters[0], f"quarters {np.round(quarters, 2)}"


def test_ligamenta_flava_meet_in_the_midline_in_a_v_opening_forward(model):
    """Seen from above the two halves meet in the midline at an angle (the back wall of the
    canal), each running out and forward to the facet capsule. (Seen at the middle of its free,
    interlaminar part, a third of the way up: above that it tucks up onto the front of the L5
    lamina, which runs forward.)"""
    arms = []
    for side in SIDES:
        v = model.mesh(f"ligamentum_flavum_{side}").vertices
        mid_height = v[:, 2].min() + 0.3 * np.ptp(v[:, 2])
        level = v[np.abs(v[:, 2] - mid_height) < 1.0]
        medial = level[np.abs(level[:, 0]) < np.abs(level[:, 0]).min() + 1.5]
        lateral = level[level[:, 1] > level[:, 1].max() - 1.5]
        assert lateral[:, 1].mean() - medial[:, 1].mean() >= 8.0, "does not run forward"
        arm = level[(np.abs(level[:, 0]) > 2.0) & (np.abs(level[:, 0]) < 10.0)][:, :2]
        d = np.linalg.svd(arm - arm.mean(axis=0), full_matrices=False)[2][0]
        arms.append(d * np.sign(d[1]))  # pointing forward
        assert np.abs(v[:, 0]).min() <= 1.5, "does not reach the midline"
    angle = np.degrees(np.arccos(np.clip(arms[0] @ arms[1], -1.0, 1.0)))
    assert 50.0 <= angle <= 150.0, f"the halves meet at {angle:.0f}°"
    assert arms[0][0] * arms[1][0] < 0, "the halves do not diverge forward"


def _above_disc(model, mesh, half=2.5):
    """Vertices of ``mesh`` level with the L5 body: a slice halfway between the top of the disc
    and the top of the band."""
    top_of_disc = model.mesh("l5_s1_disc_annulus").bounds[1][2]
    v = mesh.vertices
    mid = (top_of_disc + v[:, 2].max()) / 2
    return v[np.abs(v[:, 2] - mid) < half]


def test_pll_is_narrow_behind_the_l5_body(model):
    v = _above_disc(model, model.mesh("posterior_longitudinal_ligament"))
    assert len(v) > 10
    width = float(np.ptp(v[:, 0]))
    ref = P.PLL_WIDTH_L5
    assert abs(width - ref.value) <= max(ref.tolerance(), 0.3), (
        f"PLL is {width:.2f} mm wide at L5, published {ref.value}"
    )


def test_pll_fans_over_the_disc(model):
    pll = model.mesh("posterior_longitudinal_ligament")
    disc = model.mesh("l5_s1_disc_annulus")
    share = np.ptp(pll.vertices[:, 0]) / np.ptp(disc.vertices[:, 0])
    assert 0.64 <= share <= 0.77, f"PLL fan covers {share:.0%} of the disc width (64-77 %)"
    # the fan lies on the back of the disc, inside the canal
    assert pll.centroid[1] < disc.centroid[1]


def _widths_along(mesh, up, step=1.0):
    """(levels, full width across) of ``mesh`` in slices ``step`` mm thick along ``up``."""
    s = mesh.vertices @ up
    levels = np.arange(s.min() + step / 2, s.max(), step)
    rows = [mesh.vertices[np.abs(s - c) <= step / 2, 0] for c in levels]
    return levels, np.array([np.ptp(r) if len(r) else 0.0 for r in rows])


def test_pll_fan_is_a_lozenge_widest_at_the_middle_of_the_disc(model, lm):
    """Lee et al. 2018 (L5/S1): the fan covers about 74 % of the disc's width at its mid-height
    but only 18.2 mm at its margins; it is widest level with the back of the disc.

    The widest level is the middle of the fan's plateau (its slices within 5 % of the greatest
    width: an argmax flips between slices 0.2 mm apart in width), and it lies in the middle half
    of the disc's posterior wall (the midline back of the annulus, from S1's rim up to L5's)."""
    up = np.asarray(lm["s1_endplate_normal"], float)
    pll = model.mesh("posterior_longitudinal_ligament")
    disc = model.mesh("l5_s1_disc_annulus").vertices
    mid = disc[np.abs(disc[:, 0]) < 4.0]
    wall = mid[mid[:, 1] < mid[:, 1].min() + 8.0] @ up
    lo, hi = wall.min() + 0.25 * np.ptp(wall), wall.max() - 0.25 * np.ptp(wall)
    levels, widths = _widths_along(pll, up)
    widest = float(np.mean(levels[widths >= 0.95 * widths.max()]))
    assert lo <= widest <= hi, (widest, lo, hi)
    for off in (-4.0, 4.0):
        w = float(np.interp(widest + off, levels, widths))
        assert w <= 0.75 * widths.max(), (
            f"{w:.1f} mm {off:+.0f} mm from its widest {widths.max():.1f}"
        )
        assert w >= 0.25 * widths.max(), f"the fan ends abruptly: {w:.1f} mm at {off:+.0f} mm"


def test_pll_lies_on_the_back_of_the_disc_not_buried_in_it(model):
    """The fan lies on the disc and the rims next to it: no vertex sinks into the annulus (it
    would be hidden there), and its lateral parts (beside the narrow strip) stay within about
    a band's thickness of the disc and bodies, with no spur standing off them."""
    pll = model.mesh("posterior_longitudinal_ligament")
    disc = model.mesh("l5_s1_disc_annulus")
    assert depth_inside(pll.vertices, disc).max() <= 0.3
    v = pll.vertices
    wide = v[np.abs(v[:, 0]) > 8.0]
    assert len(wide) > 50
    near = surface_distance(wide, [model.mesh(b) for b in SPINE_PARTS])
    assert np.median(near) <= 1.5 and near.max() <= 3.5, (np.median(near), near.max())


def test_pll_fan_is_not_a_mirror_image_and_the_band_narrows_below_the_disc(model, lm):
    """The fan reaches further up over L5's lower rim than down onto S1 (its expansions are not
    mirrored top and bottom), and below the disc, on the back of S1, the band is narrower than
    behind the L5 body (it narrows at L5/S1: Lee et al. 2018 Table A, 4.8 mm at L5/S1 against
    7.0 mm at L4/5 for its central part)."""
    up = np.asarray(lm["s1_endplate_normal"], float)
    pll = model.mesh("posterior_longitudinal_ligament")
    levels, widths = _widths_along(pll, up)
    k = int(np.argmax(widths))
    strip = float(np.median(widths[levels > levels[k] + 12.0]))
    half = strip + 0.5 * (widths[k] - strip)  # the fan's half-height, above and below
    above = levels[k:][widths[k:] < half][0] - levels[k]
    below = levels[k] - levels[:k][widths[:k] < half][-1]
    assert above > below + 0.8, (above, below)
    on_s1 = float(np.median(widths[(levels < levels[k] - 8.0) & (levels > levels[0] + 6.0)]))
    assert on_s1 < 0.9 * strip, (on_s1, strip)


def test_pll_fan_edges_are_serrated(model, lm):
    """The disc-level expansions have saw-toothed edges (Gray's: "a series of dentations with
    intervening concave margins"; blind review s22): along each of the fan's sloping edges, above
    and below its widest level, its width steps in and out around a smooth (cubic) trend by
    0.4 mm or more (standard deviation; the smooth lozenge this replaced: under 0.1 mm)."""
    up = np.asarray(lm["s1_endplate_normal"], float)
    levels, widths = _widths_along(model.mesh("posterior_longitudinal_ligament"), up, step=0.4)
    levels, widths = levels[widths > 0.0], widths[widths > 0.0]
    k = int(np.argmax(widths))
    far = np.abs(levels - levels[k]) <= 6.0
    for edge in (far & (levels >= levels[k]), far & (levels <= levels[k])):
        lv, w = levels[edge], widths[edge]
        trend = np.polyval(np.polyfit(lv, w, 3), lv)
        assert np.std(w - trend) >= 0.4, (w.round(1), "a smooth edge")


def test_all_is_broader_below_than_above(model):
    """Gray's: the ALL "is broader below than above": on the front of S1 it is at least 4 mm
    wider than at the top of L5's front, widening steadily (no waist over the L5 body)."""
    v = model.mesh("anterior_longitudinal_ligament").vertices
    z = np.arange(v[:, 2].min() + 4.0, v[:, 2].max() - 2.0, 3.0)
    w = np.array([np.ptp(v[np.abs(v[:, 2] - c) < 1.0][:, 0]) for c in z])
    assert w[0] > w[-1] + 4.0, w.round(1)
    # no waist: from the disc upwards it never widens again by more than 0.5 mm
    top = z > model.mesh("l5_s1_disc_annulus").bounds[0][2]
    upper = w[top]
    assert np.all(np.diff(upper) < 0.5), upper.round(1)


def test_all_is_narrower_opposite_the_bodies_than_over_the_disc(model, lm):
    """Gray's: the ALL is "somewhat ... narrower opposite the bodies of the vertebrae than
    opposite the intervertebral fibrocartilages" (blind review, session 25: a uniform rectangular
    outline): in slices across the S1 axis it is at least 1.5 mm wider level with the disc's front
    than over the middle of the L5 body and at least 1 mm wider than over the S1 body 8 mm below
    the disc, and its lower end on S1 is no wider than over the disc (no spatula flare)."""
    up = np.asarray(lm["s1_endplate_normal"], float)
    band = model.mesh("anterior_longitudinal_ligament")
    disc = model.mesh("l5_s1_disc_annulus").vertices
    front = disc[(np.abs(disc[:, 0]) < 4.0) & (disc[:, 1] > disc[:, 1].max() - 3.0)] @ up
    levels, widths = _widths_along(band, up)
    levels, widths = levels[widths > 0.0], widths[widths > 0.0]  # (slices between its sections)
    at = lambda s: float(np.interp(s, levels, widths))  # noqa: E731
    over_disc = max(at(s) for s in np.linspace(front.min(), front.max(), 5))
    over_l5 = at(0.5 * (front.max() + levels[-1]))
    over_s1 = at(front.min() - 8.0)
    assert over_disc >= over_l5 + 1.5, (over_disc, over_l5)
    assert over_disc >= over_s1 + 1.0, (over_disc, over_s1)
    assert widths[:3].max() <= over_disc + 0.5, (widths[:3], over_disc)


def test_all_covers_the_front_of_the_bodies(model):
    all_ = model.mesh("anterior_longitudinal_ligament")
    disc = model.mesh("l5_s1_disc_annulus")
    v = _above_disc(model, all_)
    width = float(np.ptp(v[:, 0]))
    assert P.ALL_WIDTH.accepts(width), f"ALL is {width:.1f} mm wide over L5 (about 20-25)"
    assert all_.centroid[1] > disc.centroid[1], "not in front of the disc"
    # from the L5 body's anterior rim (its most anterior point) down onto S1
    l5 = model.mesh("l5_vertebra").vertices
    midline = l5[np.abs(l5[:, 0]) < 3]
    front_mid = midline[np.argmax(midline[:, 1])]
    assert all_.bounds[1][2] > front_mid[2] - 4.0
    assert all_.bounds[0][2] < disc.bounds[0][2]


def test_posterior_midline_ligaments_lie_behind_the_canal_in_the_midline(model):
    disc = model.mesh("l5_s1_disc_annulus")
    isl = model.mesh("interspinous_ligament")
    ssl = model.mesh("supraspinous_ligament")
    for m in (isl, ssl):
        assert abs(m.centroid[0]) < 1.0
        assert m.bounds[1][1] < disc.bounds[0][1], "reaches forward of the back of the disc"
    # the supraspinous ligament runs over the tips, behind the interspinous ligament
    assert ssl.centroid[1] < isl.centroid[1]


@pytest.mark.parametrize("side", SIDES)
def test_iliolumbar_ligament_runs_from_l5_out_to_the_ilium(model, side):
    il = model.mesh(f"iliolumbar_ligament_{side}")
    sign = side_sign(side)
    assert np.all(sign * il.vertices[:, 0] > 20), "should lie lateral, off the L5 body"
    assert np.ptp(il.vertices[:, 0]) > 8, "should span from the transverse process to the ilium"


@pytest.mark.parametrize("side", SIDES)
def test_iliolumbar_ligament_is_a_twisted_band_in_parts(model, side):
    """From the tip of the L5 transverse process, an upper band to the iliac crest and a lower
    band to the ala in front of the sacroiliac joint: it touches all three bones, it is not one
    straight bar (its bands diverge), and the upper band's anterior part is 8-12 mm wide and
    thinner than wide."""
    il = model.mesh(f"iliolumbar_ligament_{side}")
    v = il.vertices
    for bone in ("l5_vertebra", f"hip_bone_{side}", "s1_segment"):
        assert surface_distance(v, [model.mesh(bone)]).min() <= 1.0, f"does not reach {bone}"
    _, tip, bands = _iliolumbar_bands(model, side)
    on_ilium, on_sacrum = _anterior_part(bands)[1], _part(bands, "ala")[1]
    a, b = on_ilium - tip, on_sacrum - tip
    angle = np.degrees(np.arccos(a @ b / np.linalg.norm(a) / np.linalg.norm(b)))
    assert angle > 30.0, f"the two bands diverge by only {angle:.0f}°"
    ref = P.ILIOLUMBAR_WIDTH
    # width of the upper band's anterior part halfway: the spread of a slice across it
    piece = _anterior_part(bands)[2]
    mid = tip + 0.5 * a
    u = a / np.linalg.norm(a)
    sl = piece[(np.abs((piece - mid) @ u) < 1.0) & (np.linalg.norm(piece - mid, axis=1) < 12.0)]
    spread = np.sort(np.linalg.svd(sl - sl.mean(axis=0), full_matrices=False)[1])
    width = np.ptp((sl - sl.mean(axis=0)) @ np.linalg.svd(sl - sl.mean(axis=0))[2][0])
    assert 8.0 <= width <= 12.5, f"upper band {width:.1f} mm wide (8-12, issue 8; {ref} modelled)"
    assert spread[0] < spread[-1], "not flat"


def test_interspinous_ligament_fills_only_the_gap_between_the_spinous_processes(model):
    """Every part of it lies between the L5 spinous process and the S1 spinous tubercle (the top
    of the median sacral crest, the first midline bone below): above each
    point of it lies L5 (or, at its back edge, where it meets the supraspinous ligament, it is
    within its thickness of the spinous tip's depth) and below it the sacrum; along the line from
    its attachment on L5 to its attachment on the sacrum it reaches neither above the one nor
    below the other (measured up the spine) by more than its own thickness."""
    isl = model.mesh("interspinous_ligament")
    v = np.asarray(isl.vertices)
    sacrum = ["s1_segment", "sacrum_lower"]
    to_l5 = surface_distance(v, [model.mesh("l5_vertebra")])
    to_sacrum = surface_distance(v, [model.mesh(s) for s in sacrum])
    top, bottom = v[np.argmin(to_l5)], v[np.argmin(to_sacrum)]
    assert to_l5.min() <= 1.0 and to_sacrum.min() <= 1.0, (to_l5.min(), to_sacrum.min())
    # both attachments on the midline (not on a lamina beside the canal)
    assert abs(bottom[0] - top[0]) <= P.INTERSPINOUS_THICKNESS, (top, bottom)
    # measured up the spine (z): the membrane is deeper than tall, so a line between the two
    # nearest points, tilted, would count its depth along the S1 tubercle's top as length
    reach = P.INTERSPINOUS_THICKNESS
    z = v[:, 2]
    assert z.max() <= top[2] + reach and z.min() >= bottom[2] - reach, (
        z.min(),
        z.max(),
        top,
        bottom,
    )
    l5 = model.mesh("l5_vertebra")
    tip_y = _l5_spinous_tip(model)[1]
    assert v[:, 1].min() >= tip_y - 2 * reach, f"reaches {tip_y - v[:, 1].min():.1f} mm behind L5"
    under = v[:, 1] >= tip_y + 1.0
    up = np.tile([0.0, 0.0, 1.0], (under.sum(), 1))
    assert l5.ray.intersects_any(v[under] - up * 0.3, up).all(), "not under L5 everywhere"
    down = np.tile([0.0, 0.0, -1.0], (len(v), 1))
    over = np.zeros(len(v), bool)
    for s in sacrum:
        over |= model.mesh(s).ray.intersects_any(v - down * 0.3, down)
    assert over.all(), "not over the sacrum everywhere"


def test_interspinous_ligament_is_a_thin_midline_membrane_along_the_bones_borders(model):
    """A sagittal membrane a few mm thick (``INTERSPINOUS_THICKNESS``), many times as tall and as
    deep as it is thick, whose top edge lies along the lower border of the L5 spinous process."""
    isl = model.mesh("interspinous_ligament")
    v = np.asarray(isl.vertices)
    x0 = _l5_spinous_tip(model)[0]
    half = P.INTERSPINOUS_THICKNESS / 2
    assert np.abs(v[:, 0] - x0).max() <= half + 0.5, "not a sagittal membrane in the midline"
    t = _ray_thickness(isl)
    sides = (np.abs(isl.vertex_normals[:, 0]) > 0.9) & np.isfinite(t)
    thick = float(np.median(t[sides]))
    assert 1.5 <= thick <= 4.0, f"{thick:.2f} mm thick"
    depth, height = float(np.ptp(v[:, 1])), float(np.ptp(v[:, 2]))
    assert min(depth, height) >= 5.0 * thick, f"{depth:.1f} deep, {height:.1f} tall, {thick:.1f}"
    # its top edge along the border: the highest point of each 1 mm of depth under the process
    l5 = model.mesh("l5_vertebra")
    tip_y = _l5_spinous_tip(model)[1]
    ys = np.arange(tip_y + 1.0, v[:, 1].max() - 1.0, 1.0)
    tops = [v[np.abs(v[:, 1] - y) < 0.5][:, 2].argmax() for y in ys]
    edge = np.array([v[np.abs(v[:, 1] - y) < 0.5][i] for y, i in zip(ys, tops, strict=True)])
    on = surface_distance(edge, [l5]) <= 1.0
    assert len(ys) >= 10 and on.mean() >= 0.8, f"top edge on L5 over {on.mean():.0%} of {len(ys)}"


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_reaches_into_the_facet_capsule(model, side):
    """Seen from above, the sheet runs out from the midline and forward into the front of the
    facet joint's capsule, where it blends with it."""
    lf = model.mesh(f"ligamentum_flavum_{side}")
    capsule = model.mesh(f"facet_joint_{side}")
    enclosed = inside(capsule, lf.vertices)
    near = surface_distance(lf.vertices, [capsule]) <= 1.0
    assert (enclosed | near).sum() >= 150, "the ligamentum flavum stops short of the facet capsule"


def test_interspinous_ligament_is_deeper_than_tall(model):
    """With the S1 tubercle one interspinous space (13 mm, A.7) below the L5 spinous process, the
    membrane filling the space is deeper (front to back) than it is tall, as a lumbar
    interspinous space is (Bogduk ch. 4), and no taller than that space and its attachments
    (within its tolerance, plus 2 mm sunk into the bones)."""
    v = model.mesh("interspinous_ligament").vertices
    depth, height = float(np.ptp(v[:, 1])), float(np.ptp(v[:, 2]))
    ref = P.L5_S1_INTERSPINOUS_DISTANCE
    assert depth > 1.3 * height, f"{depth:.1f} deep, {height:.1f} tall"
    assert height <= ref.value + ref.tolerance() + 2.0, f"{height:.1f} mm tall"


def test_supraspinous_ligament_stays_out_of_multifidus(model):
    """It lies on the spinous tips, between the two multifidus muscles: none of it lies more than
    0.5 mm inside either."""
    ssl = model.mesh("supraspinous_ligament")
    for side in SIDES:
        depth = depth_inside(ssl.vertices, model.mesh(f"multifidus_{side}"))
        assert depth.max() <= 0.5, f"{depth.max():.1f} mm inside multifidus_{side}"


@pytest.mark.parametrize(
    "sid", ["anterior_longitudinal_ligament", "posterior_longitudinal_ligament"]
)
def test_longitudinal_ligaments_are_flat_bands_on_the_bone(model, sid):
    band = model.mesh(sid)
    t = thickness_through_middle(band)
    width = float(np.ptp(band.vertices[:, 0]))  # the ALL over the disc, the PLL's fan
    assert t <= 2.5, f"{sid} is {t:.2f} mm thick in the middle"
    assert width >= 10.0 * t, f"{sid}: {width:.1f} mm wide, {t:.2f} mm thick: not a flat band"
    # lying on the bodies and the disc: most of it within its thickness of the bone
    near = surface_distance(band.vertices, [model.mesh(b) for b in SPINE_PARTS])
    assert np.median(near) <= 1.5 and np.percentile(near, 95) <= 3.0, (
        f"{sid} stands off the bone (median {np.median(near):.1f} mm)"
    )


def _caps(band) -> list[np.ndarray]:
    """Each section cap of ``band``: a mask of its faces."""
    flags = section_caps.cut_flags(band)
    on_cap = section_caps.cap_faces(band.faces, flags, band.face_normals)
    number = flags[band.faces[:, 0]]
    return [on_cap & (number == k) for k in np.unique(number[on_cap])]


def _top_cap(band) -> np.ndarray:
    """The faces of ``band``'s highest section cap (none: all False)."""
    caps = _caps(band)
    if not caps:
        return np.zeros(len(band.faces), bool)
    return max(caps, key=lambda c: band.triangles_center[c][:, 2].mean())


def test_all_is_cut_below_on_the_front_of_s1(model):
    """The ALL runs on down the front of the sacrum (Gray's; Bogduk ch. 4): where the model stops
    it below, on the front of S1, it is cut too -- a flat cap facing down and back, lying on
    S1, below the disc."""
    band = model.mesh("anterior_longitudinal_ligament")
    caps = _caps(band)
    assert len(caps) == 2, f"{len(caps)} section caps"
    low = min(caps, key=lambda c: band.triangles_center[c][:, 2].mean())
    normal = band.face_normals[low].mean(axis=0)
    normal /= np.linalg.norm(normal)
    centre = band.triangles_center[low]
    # square to the band where it ends (running down and back over the front of S1)
    assert normal[2] < 0.0, "the lower cap does not face down"
    inward = band.vertices[band.vertices[:, 2] < centre[:, 2].mean() + 6.0].mean(axis=0)
    assert normal @ (centre.mean(axis=0) - inward) > 0.0, "the cap does not face out of the band"
    assert centre[:, 2].max() < model.mesh("l5_s1_disc_annulus").bounds[0][2]
    assert surface_distance(centre, [model.mesh("s1_segment")]).min() <= 1.0, "not on S1"
    flat = np.abs((centre - centre.mean(axis=0)) @ normal)
    assert flat.max() < 0.3, "the lower cap is not flat"


@pytest.mark.parametrize(
    "sid", ["anterior_longitudinal_ligament", "posterior_longitudinal_ligament"]
)
def test_longitudinal_ligaments_end_in_a_section_cap_above(model, sid):
    """Both run on up the whole spine: where the model stops they are cut, a flat cap at their
    top that the renderer draws in the lighter cut colour."""
    band = model.mesh(sid)
    on_cap = _top_cap(band)
    assert on_cap.sum() >= 10, f"{sid} has no section cap"
    normal = band.face_normals[on_cap].mean(axis=0)
    assert normal[2] > 0.5, "the cap does not face up"
    cap = band.triangles_center[on_cap]
    assert cap[:, 2].mean() > band.vertices[:, 2].max() - 6.0, "the cap is not at the top"
    flat = np.abs((cap - cap.mean(axis=0)) @ (normal / np.linalg.norm(normal)))
    assert flat.max() < 0.3, "the cap is not flat"


def _l5_spinous_tip(model) -> np.ndarray:
    """The rearmost point of L5 (the tip of its spinous process)."""
    v = model.mesh("l5_vertebra").vertices
    return v[np.argmin(v[:, 1])]


def test_supraspinous_ligament_lies_on_the_l5_tip_and_the_sacral_crest(model):
    """It lies on the tip of the L5 spinous process and its lower end on the S1 tubercle and
    the top of the median sacral crest below it (the first midline bone below). Its upper end
    is no end: it runs on to L4 (a section: test_supraspinous). Replaces the end-on-each-bone check of
    the other spanning ligaments."""
    ssl = model.mesh("supraspinous_ligament")
    v = ssl.vertices
    tip = _l5_spinous_tip(model)
    assert surface_distance(tip[None], [ssl]).min() <= 1.0, "does not lie on the L5 tip"
    low = v[v[:, 2] < v[:, 2].min() + 3.0]
    sacrum = [model.mesh("s1_segment"), model.mesh("sacrum_lower")]
    assert surface_distance(low, sacrum).min() <= 1.0, "its lower end is off the sacral crest"
    assert abs(low[:, 0].mean() - tip[0]) < 1.5, "its lower end is off the midline"


def _band_width(v: np.ndarray, start: np.ndarray, end: np.ndarray) -> float:
    """Width of a flat band halfway from ``start`` to ``end``: the spread of a 2 mm slice across
    it along the slice's widest direction."""
    mid, u = (start + end) / 2, (end - start) / np.linalg.norm(end - start)
    sl = v[(np.abs((v - mid) @ u) < 1.0) & (np.linalg.norm(v - mid, axis=1) < 12.0)]
    c = sl - sl.mean(axis=0)
    return float(np.ptp(c @ np.linalg.svd(c, full_matrices=False)[2][0]))


#: [constructed] beyond this distance from the tip of the transverse process, mm, the iliolumbar
#: ligament's bands are separate (they arise together from its footprint on the process)
ILIOLUMBAR_APART_FROM = 10.0


def _band_section(piece: np.ndarray, tip, end, half_slice: float):
    """An iliolumbar band's section halfway from the ``tip`` to its ``end``: the points of
    ``piece`` in a slice ``2 * half_slice`` mm thick (within 12 mm of the middle), as coordinates
    across the band (its width, then its thickness: the slice's spread in its own plane, the
    along-axis dropped)."""
    mid, u = (tip + end) / 2, (end - tip) / np.linalg.norm(end - tip)
    sl = piece[
        (np.abs((piece - mid) @ u) < half_slice) & (np.linalg.norm(piece - mid, axis=1) < 12.0)
    ]
    c = sl - sl.mean(axis=0)
    c = c - np.outer(c @ u, u)
    axes = np.linalg.svd(c, full_matrices=False)[2]
    return c @ axes[0], c @ axes[1]


def _iliolumbar_bands(model, side):
    """The ligament's vertices, the tip of the L5 transverse process and its parts beyond
    ``ILIOLUMBAR_APART_FROM`` mm from the tip: for each, the bone it ends on ("ilium", "ala" or
    "free"), the centre of its contact with that bone (its vertices within 1 mm) and its
    vertices."""
    il = model.mesh(f"iliolumbar_ligament_{side}")
    tip = model.mesh("l5_vertebra").vertices
    tip = tip[np.argmax(side_sign(side) * tip[:, 0])]
    far = np.linalg.norm(il.vertices - tip, axis=1) > ILIOLUMBAR_APART_FROM
    sub = il.submesh([np.flatnonzero(far[il.faces].all(axis=1))], append=True)
    hip, s1 = model.mesh(f"hip_bone_{side}"), model.mesh("s1_segment")
    bands = []
    for piece in sub.split(only_watertight=False):
        if len(piece.faces) < 100:
            continue
        p = piece.vertices
        d_hip, d_s1 = surface_distance(p, [hip]), surface_distance(p, [s1])
        if d_hip.min() <= 1.0 and d_hip.min() <= d_s1.min():
            bands.append(("ilium", p[d_hip <= 1.0].mean(axis=0), p))
        elif d_s1.min() <= 1.0:
            bands.append(("ala", p[d_s1 <= 1.0].mean(axis=0), p))
        else:
            bands.append(("free", p.mean(axis=0), p))
    return il.vertices, tip, bands


def _part(bands, bone: str):
    """The one band ending on ``bone``."""
    found = [b for b in bands if b[0] == bone]
    assert len(found) == 1, f"{len(found)} bands on the {bone}: {[b[0] for b in bands]}"
    return found[0]


def _anterior_part(bands):
    """The upper band's anterior part: the more anterior of the two ending on the ilium."""
    on_ilium = [b for b in bands if b[0] == "ilium"]
    assert len(on_ilium) == 2, f"{len(on_ilium)} bands on the ilium: {[b[0] for b in bands]}"
    return max(on_ilium, key=lambda b: b[1][1])


def _posterior_part(bands):
    """The upper band's posterior part: the more posterior of the two ending on the ilium."""
    return min((b for b in bands if b[0] == "ilium"), key=lambda b: b[1][1])


@pytest.mark.parametrize("side", SIDES)
def test_iliolumbar_all_bands_are_8_to_12_mm_wide(model, side):
    """Each of its bands, the upper band's anterior and posterior parts and the lower band, is a
    flat band 8-12 mm wide (Pool-Goudzwaard et al. 2001)."""
    _, tip, bands = _iliolumbar_bands(model, side)
    assert len(bands) == 3, f"{len(bands)} bands"
    for name, end, piece in bands:
        width = _band_width(piece, tip, end)
        assert 8.0 <= width <= 12.5, f"{name} band {width:.1f} mm wide (8-12)"


@pytest.mark.parametrize("side", SIDES)
def test_iliolumbar_inserts_on_the_crests_inner_lip_and_on_the_ala(model, lm, side):
    """The upper band's anterior part on the inner lip of the iliac crest, in front of the
    sacroiliac joint and well above it, its posterior part behind it on the crest over the iliac
    tuberosity, above the joint; the lower band on the ala, lateral to the S1 body, just in front
    of and above the top of the sacroiliac joint (Bogduk ch. 4; Pool-Goudzwaard et al. 2001;
    Hammer et al. 2010)."""
    _, tip, bands = _iliolumbar_bands(model, side)
    on_ilium, on_ala = _anterior_part(bands)[1], _part(bands, "ala")[1]
    on_back = _posterior_part(bands)[1]
    sign = side_sign(side)
    hip = model.mesh(f"hip_bone_{side}").vertices
    joint = np.asarray(lm[f"auricular_surface_{side}"])
    for name, at in (("anterior", on_ilium), ("posterior", on_back)):
        # the crest: the hip bone's top at the insertion's front-back level
        level = hip[np.abs(hip[:, 1] - at[1]) < 3.0]
        crest = level[np.argmax(level[:, 2])]
        assert crest[2] - at[2] < 10.0, f"{name}: {crest[2] - at[2]:.1f} mm below the crest"
        assert sign * (at[0] - crest[0]) < 0.0, f"{name}: not on the crest's inner (medial) lip"
        assert at[2] > joint[2] + 30.0, f"{name}: not well above the joint"
    assert on_ilium[1] > joint[1], "the anterior part is not in front of the joint"
    assert on_back[1] < on_ilium[1] - 5.0, "the posterior part is not behind the anterior one"
    s1 = model.mesh("s1_segment").vertices
    body = s1[np.abs(s1[:, 0]) < 15.0]
    assert sign * on_ala[0] > np.abs(body[:, 0]).max() + 15.0, "not on the ala, off the body"
    assert on_ala[1] > joint[1] and on_ala[2] > joint[2], "not in front of and above the joint"
    assert on_ala[2] < tip[2] - 15.0, "the lower band does not run down to the ala"


# ---------------------------------------------------------------- ligamentum flavum: shape
def _flavum_height_bands(v: np.ndarray, t: np.ndarray) -> tuple[float, float, float]:
    """Median local thickness of the sheet's interlaminar part (2-8 mm off the midline) in the
    middle third of its height, in its lowest and in its highest 15 %."""
    x = np.abs(v[:, 0])
    part = (x > 2.0) & (x < 8.0) & np.isfinite(t)
    z = v[:, 2]
    lo, hi = z[part].min(), z[part].max()
    h = (z - lo) / (hi - lo)
    mid = float(np.median(t[part & (h > 0.35) & (h < 0.65)]))
    low = float(np.median(t[part & (h < 0.15)]))
    high = float(np.median(t[part & (h > 0.85)]))
    return mid, low, high


#: stop 31: its upper edge meets the L5 lamina's lower border end-on, at its full thickness
FLAVUM_TOP_END_ON: dict[str, str] = {
    side: (
        "known defect (stop 31): its upper edge meets the L5 lamina's lower border end-on at its "
        "full thickness (3.3-3.6 mm), no longer a thin plate edge on the lamina's face"
    )
    for side in SIDES
}
#: stop 31: its top meets the front of the lamina's lower border, not 3 mm up its front face
FLAVUM_NOT_ON_FACE: dict[str, str] = {
    side: (
        "known defect (stop 31): the flavum hangs near-vertically from the front of the L5 "
        "lamina's lower border; riding 3-4 mm up the lamina's 45-deg front face tilted it 34 "
        "deg, seen from above as an 8-10 mm wedge (blind review 2/2, stops 28-30)"
    )
    for side in SIDES
}


@pytest.mark.parametrize("side", known_defects.cases(SIDES, FLAVUM_TOP_END_ON))
def test_ligamentum_flavum_is_thickest_in_the_middle_thinning_to_its_edges(model, side):
    """Thickest in the middle of its height (3-5 mm, Khasawneh 2023: 3.6 mm at L5-S1), thinning
    to its upper and lower edges (it tapers to its attachments: a plate, not a slab of even
    thickness; Bogduk ch. 4)."""
    lf = model.mesh(f"ligamentum_flavum_{side}")
    mid, low, high = _flavum_height_bands(lf.vertices, _ray_thickness(lf))
    assert 3.0 <= mid <= 5.0, f"{mid:.2f} mm thick in the middle"
    assert max(low, high) <= 0.8 * mid, f"edges {low:.2f} / {high:.2f} mm, middle {mid:.2f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_capsular_end_meets_the_bone_without_a_crease(model, side):
    """Where its lateral, capsular part meets the front of the L5 inferior articular process
    its surface turns over a rounded rim, not a crease (stop 38: the left one's folded 91 deg
    there, a knife edge where the bone cut it): no two neighbouring triangles turn more than
    85 deg (test_ligament_sheets allows 110 anywhere)."""
    m = model.mesh(f"ligamentum_flavum_{side}")
    a = np.degrees(m.face_adjacency_angles)
    worst = m.vertices[m.face_adjacency_edges[int(np.argmax(a))]].mean(axis=0)
    assert a.max() < 85.0, f"folded {a.max():.0f} deg at {worst.round(1)}"


def test_ligamenta_flava_meet_at_a_midline_cleft(model):
    """The medial edges of the two halves nearly meet in the midline over the middle of their
    height, a narrow cleft between them (they are separate sheets), and part into a notch at
    the top (Bogduk ch. 4; Olszewski et al. 1996): not square ends side by side."""
    gaps = {}
    for side in SIDES:
        v = model.mesh(f"ligamentum_flavum_{side}").vertices
        lo, hi = v[:, 2].min(), v[:, 2].max()
        h = (v[:, 2] - lo) / (hi - lo)
        gaps[side] = (
            float(np.abs(v[(h > 0.3) & (h < 0.6), 0]).min()),
            float(np.abs(v[h > 0.85, 0]).min()),
        )
    middle = sum(g[0] for g in gaps.values())
    top = sum(g[1] for g in gaps.values())
    assert 0.4 <= middle <= 2.5, f"the halves {middle:.1f} mm apart over the middle"
    assert top >= middle + 1.5, f"no notch above: {top:.1f} mm apart at the top, {middle:.1f}"


@pytest.mark.parametrize("side", known_defects.cases(SIDES, FLAVUM_NOT_ON_FACE))
def test_ligamentum_flavum_tucks_up_onto_the_front_of_the_l5_lamina(model, side):
    """Its upper edge is attached to the lower half of the front (deep) face of the L5 lamina
    (Bogduk ch. 4; Gray's Anatomy): over its interlaminar part the sheet runs on up in front of
    the lamina well above the lamina's lower border, lying on its front face."""
    v = model.mesh(f"ligamentum_flavum_{side}").vertices
    l5 = model.mesh("l5_vertebra")
    bone = l5.vertices
    rises = []
    for x0 in np.arange(3.0, 8.0, 1.0):
        col = v[np.abs(np.abs(v[:, 0]) - x0) < 0.5]
        top = col[np.argmax(col[:, 2])]
        # the lamina's lower border in this column: its lowest point behind the sheet's top
        lam = bone[(np.abs(bone[:, 0] - top[0]) < 0.5) & (bone[:, 1] < top[1])]
        lam = lam[lam[:, 2] > col[:, 2].mean()]
        border = lam[np.argmin(lam[:, 2])]
        rises.append((top[2] - border[2], top[1] - border[1]))
        assert surface_distance(top[None], [l5])[0] <= 1.0, "its top is off the lamina"
    rise = np.array(rises)
    assert np.median(rise[:, 0]) >= 3.0, f"rises only {rise[:, 0].round(1)} mm up the lamina"
    assert np.median(rise[:, 1]) >= 3.0, f"not in front of the lamina: {rise[:, 1].round(1)} mm"


# ---------------------------------------------------------------- iliolumbar ligament: shape
@pytest.mark.parametrize("side", SIDES)
def test_iliolumbar_bands_are_separate_once_off_the_transverse_process(model, side):
    """Beyond the tip of the transverse process its bands are separate flat bands (Bogduk
    ch. 4; Pool-Goudzwaard et al. 2001), not one lump or a web: the part of it more than 10 mm
    from the tip falls into three pieces, the upper band's anterior and posterior parts on the
    ilium and the lower band on the ala."""
    _, _, bands = _iliolumbar_bands(model, side)
    names = sorted(b[0] for b in bands)
    assert names == ["ala", "ilium", "ilium"], f"beyond 10 mm from the tip: {names}"


@pytest.mark.parametrize("side", SIDES)
def test_iliolumbar_bands_end_in_broad_attachments(model, side):
    """Each band ends on its bone in a broad footprint (its fibres fan onto the crest and the
    ala): the part of it lying on the bone is at least 8 mm across, not a point or a blade."""
    il = model.mesh(f"iliolumbar_ligament_{side}")
    v = il.vertices
    for bone in (f"hip_bone_{side}", "s1_segment"):
        on = v[surface_distance(v, [model.mesh(bone)]) <= 0.5]
        assert len(on) >= 20, f"hardly touches {bone}"
        c = on - on.mean(axis=0)
        across = float(np.ptp(c @ np.linalg.svd(c, full_matrices=False)[2][0]))
        assert across >= 8.0, f"its footprint on {bone} is {across:.1f} mm across"


@pytest.mark.parametrize("side", SIDES)
def test_iliolumbar_bands_are_flat_strong_bands(model, side):
    """Each band is a flat, strong band several mm thick (Gray's Anatomy; Pool-Goudzwaard et al.
    1997, 2001; ILIOLUMBAR_THICKNESS modelled), neither a round rod (blind review s25: rods over
    10 mm across read as cords) nor a thin blade: halfway along, 3-5.5 mm thick and 1.8-3.5
    times as wide as thick."""
    _, tip, bands = _iliolumbar_bands(model, side)
    assert len(bands) == 3, f"{len(bands)} bands"
    for name, end, piece in bands:
        w, t = _band_section(piece, tip, end, 1.0)
        width, thick = float(np.ptp(w)), float(np.ptp(t))
        assert 3.0 <= thick <= 5.5, f"{name} band {thick:.1f} mm thick"
        assert 1.8 * thick <= width <= 3.5 * thick, f"{name} band {width:.1f} x {thick:.1f} mm"


def _across_at_depth(mesh, z: float, y: float) -> float:
    """The left-right span of ``mesh``'s horizontal section at height ``z`` along the line at
    depth ``y`` (where the section's outline crosses that line), mm; nan where it does not."""
    xs = []
    for loop in mesh.section([0.0, 0.0, 1.0], [0.0, 0.0, z]).discrete:
        a, b = loop[:-1], loop[1:]
        dy = b[:, 1] - a[:, 1]
        ok = np.abs(dy) > 1e-12
        s = (y - a[ok, 1]) / dy[ok]
        on = (s >= 0.0) & (s <= 1.0)
        xs.extend(a[ok, 0][on] + s[on] * (b[ok, 0][on] - a[ok, 0][on]))
    return float(np.ptp(xs)) if len(xs) >= 2 else float("nan")


def test_interspinous_ligament_thins_to_its_free_front_edge(model):
    """A membrane thinning forward to its free front edge, where it meets the ligamenta flava
    (Bogduk ch. 4; a rim as thick as the sheet read as a bar of soap: blind review s27): at
    mid-height, 1.5 mm behind its front edge, it is at most 1.6 mm thick (left-right), under
    half as thick as at its back, 1.5 mm in front of its back edge (measured on the mesh's true
    sections, not on its vertices, which lie too sparse there)."""
    isl = model.mesh("interspinous_ligament")
    lo, hi = isl.vertices[:, 2].min(), isl.vertices[:, 2].max()
    thin = []
    for z in np.linspace(lo + 0.35 * (hi - lo), lo + 0.65 * (hi - lo), 4):
        outline = np.vstack(isl.section([0.0, 0.0, 1.0], [0.0, 0.0, z]).discrete)
        front, back = outline[:, 1].max() - 1.5, outline[:, 1].min() + 1.5
        thin.append((_across_at_depth(isl, z, front), _across_at_depth(isl, z, back)))
    t = np.array(thin)
    assert np.isfinite(t).all(), f"no section across it at mid-height: {t.round(1)}"
    assert np.median(t[:, 0]) <= 1.6, f"its front edge is {t[:, 0].round(2)} mm thick"
    assert np.median(t[:, 0]) < 0.5 * np.median(t[:, 1]), f"(front, back) {t.round(2)}"


def test_interspinous_ligament_edges_are_smooth(model):
    """Its lower edge, where it lies on the sacral crest, follows it smoothly (no ragged steps or
    pegs: Bogduk ch. 4, its edges follow the bones' borders) and its
    front-top corner, under the L5 border where it meets the flava, is no thin horn: within
    3 mm of its frontmost point it is at least 3 mm tall."""
    v = model.mesh("interspinous_ligament").vertices
    sacrum = [model.mesh("s1_segment"), model.mesh("sacrum_lower")]
    on = v[surface_distance(v, sacrum) <= 1.0]  # its lower edge, where it lies on the crest
    assert len(on) >= 20, "not on the sacral crest"
    ys = np.arange(on[:, 1].min() + 0.5, on[:, 1].max() - 0.5, 1.0)
    bottom = np.array([v[np.abs(v[:, 1] - y) < 0.5][:, 2].min() for y in ys])
    bend = np.abs(bottom[1:-1] - (bottom[:-2] + bottom[2:]) / 2)
    assert bend.max() <= 1.5, f"lower edge jumps by {bend.max():.1f} mm"
    front = v[v[:, 1] > v[:, 1].max() - 3.0]
    assert np.ptp(front[:, 2]) >= 3.0, f"front corner {np.ptp(front[:, 2]):.1f} mm tall"
