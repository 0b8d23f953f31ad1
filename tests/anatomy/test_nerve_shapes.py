"""The nerves' shapes as an atlas draws them (issue 8 part 1): the sciatic nerve a flattened band
that the roots visibly form in front of piriformis and that leaves below it clear of it; each
root with its dorsal root ganglion where it belongs and its dural sleeve; the lumbosacral trunk;
roots that bend smoothly, not in wiggles."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from tests.anatomy.nerve_geometry import (
    arc_length,
    below_piriformis,
    bend_radii,
    diameters,
    extents,
    flat_faces,
    ganglion,
    most_turning,
    section,
    tangent,
)
from tests.anatomy.tissue_geometry import depth_inside, inside, surface_distance
from viewer.anatomy import parameters as P
from viewer.vocabulary import SIDES


# ---------------------------------------------------------------- sciatic nerve (issue 8)
@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_is_a_flattened_bandbelow_piriformis(model, lm, side):
    cl, i = below_piriformis(model, lm, side)
    loop = section(model.mesh(f"sciatic_nerve_{side}"), cl[i], tangent(cl, i))
    width, thickness = extents(loop)
    lo, hi = P.SCIATIC_WIDTH_RANGE
    assert lo <= width <= hi, f"{width:.1f} mm wide"
    assert width / thickness >= P.SCIATIC_MIN_FLATTENING, f"{width:.1f} x {thickness:.1f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_stays_clear_of_piriformis(model, side):
    surface = trimesh.sample.sample_surface(model.mesh(f"sciatic_nerve_{side}"), 6000, seed=2)[0]
    depth = depth_inside(surface, model.mesh(f"piriformis_{side}"))
    assert depth.max() <= 0.05, f"{(depth > 0.05).mean():.1%} of it inside, {depth.max():.2f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_gathers_the_s2_and_s3_ventral_rami(model, lm, side):
    """Branches of the sciatic nerve's upper end reach into the S2 anterior sacral foramen and,
    lower down, to the front of the sacrum at the S3 level, in front of piriformis: the roots
    visibly form the nerve."""
    sciatic = model.mesh(f"sciatic_nerve_{side}")
    v = sciatic.vertices
    s2 = lm[f"s2_anterior_foramen_{side}"]
    assert np.linalg.norm(v - s2, axis=1).min() < 4.0, "no S2 ramus at the S2 foramen"
    # S3: a branch touching the sacrum's front at least 8 mm below the S2 foramen, no further
    # from the midline than S2's
    sacrum = [model.mesh("s1_segment"), model.mesh("sacrum_lower")]
    low = v[(v[:, 2] < s2[2] - 8.0) & (np.abs(v[:, 0]) < abs(s2[0]) + 12.0)]
    assert len(low) and surface_distance(low, sacrum).min() < 2.0, "no S3 ramus below S2"
    # and S1 joins where the sciatic nerve starts (the trunk: see the plexus test below)
    start = model.centerline(f"sciatic_nerve_{side}")[0]
    assert np.linalg.norm(model.centerline(f"s1_nerve_root_{side}")[-1] - start) < 1e-6


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_begins_as_a_plexus_band_the_roots_join_side_by_side(model, lm, side):
    """In front of piriformis the band is wider than below it (the sacral plexus), and the
    lumbosacral trunk and S1 arrive from outside it and end inside it at points apart across its
    width, the trunk lateral to S1: the roots visibly form the nerve."""
    sciatic = model.mesh(f"sciatic_nerve_{side}")
    cl = model.centerline(f"sciatic_nerve_{side}")
    s = arc_length(cl)
    i = int(np.argmin(np.abs(s - P.SCIATIC_PLEXUS_LENGTH / 2.0)))
    top, _ = extents(section(sciatic, cl[i], tangent(cl, i)))
    _, k = below_piriformis(model, lm, side)
    below, _ = extents(section(sciatic, cl[k], tangent(cl, k)))
    assert top > 1.15 * below, f"{top:.1f} mm wide at the plexus, {below:.1f} mm below piriformis"
    ends = {}
    # (each root's last stretch is drawn into the nerve's mesh: 9 mm of the trunk, S1's ramus
    # from higher up; before that stretch the root lies outside the band)
    drawn = {"l5_nerve_root": P.SCIATIC_TRUNK_CORD, "s1_nerve_root": P.SCIATIC_S1_STUB}
    for root in ("l5_nerve_root", "s1_nerve_root"):
        rcl = model.centerline(f"{root}_{side}")
        r = arc_length(rcl)
        before = rcl[np.argmin(np.abs(r - (r[-1] - drawn[root] - 3.0)))]
        enclosed = inside(sciatic, np.vstack([rcl[-1], before]))
        assert enclosed[0] and not enclosed[1], f"{root} does not arrive from outside the band"
        ends[root] = rcl[-1]
    apart = np.linalg.norm(ends["l5_nerve_root"] - ends["s1_nerve_root"])
    assert apart > 0.2 * top, f"the trunk and S1 join {apart:.1f} mm apart"
    lateral = abs(ends["l5_nerve_root"][0]) - abs(ends["s1_nerve_root"][0])
    assert lateral > 0.0, "the trunk joins medial to S1"


# ---------------------------------------------------------------- the roots' course
@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize(
    "root, thickness",
    [("l5_nerve_root", P.L5_ROOT_THICKNESS), ("s1_nerve_root", P.S1_ROOT_THICKNESS.value)],
)
def test_roots_bend_smoothly(model, root, thickness, side):
    """No bend tighter than ``ROOT_MIN_BEND_RADIUS`` root diameters, and no stretch of 20 mm that
    turns more than ``ROOT_MAX_TURNING_20MM`` degrees in all (a wiggle turns back and forth),
    all along each root: S1 too, from the sac through its lateral recess (one smooth curve, no
    turn round the back of the S1 body) to the plexus."""
    cl = model.centerline(f"{root}_{side}")
    radius = float(bend_radii(cl).min())
    assert radius >= P.ROOT_MIN_BEND_RADIUS * thickness, f"bends round {radius:.1f} mm"
    turning = most_turning(cl)
    assert turning <= P.ROOT_MAX_TURNING_20MM, f"turns {turning:.0f} deg within 20 mm"


@pytest.mark.parametrize("side", SIDES)
def test_roots_leave_the_sac_running_down_it(model, side):
    """Inside the sac each root first runs down it (its first 3 mm within 30 degrees of the sac's
    own direction there), then curves out towards its foramen."""
    sac = model.centerline("dural_sac")
    for root in (f"l5_nerve_root_{side}", f"s1_nerve_root_{side}"):
        cl = model.centerline(root)
        j = int(np.argmin(np.linalg.norm(sac - cl[0], axis=1)))
        down = sac[min(j + 3, len(sac) - 1)] - sac[max(j - 3, 0)]
        first = cl[np.argmin(np.abs(arc_length(cl) - 3.0))] - cl[0]
        cos = first @ down / np.linalg.norm(first) / np.linalg.norm(down)
        assert cos > np.cos(np.radians(30.0)), f"{root} leaves the sac sideways"


# ---------------------------------------------------------------- ganglia and sleeves
@pytest.mark.parametrize("side", SIDES)
def test_l5_root_has_its_ganglion_in_the_l5_s1_foramen(model, side):
    # (its size and shape: test_nerve_roots)
    centre, _ = ganglion(model, f"l5_nerve_root_{side}")
    up = np.array([0.0, 0.0, 1.0])
    above = model.mesh("l5_vertebra").ray.intersects_location([centre], [up])[0]
    below = model.mesh("s1_segment").ray.intersects_location([centre], [-up])[0]
    assert len(above) and len(below), "the ganglion is not between L5 and S1"
    gap = (
        np.linalg.norm(above - centre, axis=1).min() + np.linalg.norm(below - centre, axis=1).min()
    )
    assert gap < 30.0 and 12.0 < abs(centre[0]) < 40.0, "not in the intervertebral foramen"


@pytest.mark.parametrize("side", SIDES)
def test_s1_root_has_its_ganglion_in_the_sacral_canal_at_the_s1_foramina(model, lm, side):
    centre, _ = ganglion(model, f"s1_nerve_root_{side}")  # (its shape: test_nerve_roots)
    split = lm[f"s1_posterior_foramen_path_{side}"][0]  # where the two foramina part
    assert np.linalg.norm(centre - split) < P.DRG_POSITION_TOLERANCE
    s1 = model.mesh("s1_segment")
    for d in ([0.0, 1.0, 0.0], [0.0, -1.0, 0.0]):  # bone in front and behind: in the sacrum
        assert len(s1.ray.intersects_location([centre], [d])[0]), "not inside the sacrum"


@pytest.mark.parametrize("side", SIDES)
def test_s1_dorsal_ramus_leaves_through_the_posterior_foramen(model, lm, side):
    v = model.mesh(f"s1_nerve_root_{side}").vertices
    opening = lm[f"s1_posterior_foramen_{side}"]
    axis = lm[f"s1_posterior_foramen_axis_{side}"]
    assert np.linalg.norm(v - opening, axis=1).min() < 3.0, "nothing in the posterior foramen"
    near = v[np.linalg.norm(v - opening, axis=1) < 8.0]
    assert ((near - opening) @ axis > 2.0).any(), "the dorsal ramus does not come out behind"


@pytest.mark.parametrize("side", SIDES)
def test_roots_leave_the_sac_in_a_dural_sleeve(model, side):
    """Each root runs inside the dura from the sac to its ganglion, and outside it beyond."""
    sac = model.mesh("dural_sac")
    for root in (f"l5_nerve_root_{side}", f"s1_nerve_root_{side}"):
        cl = model.centerline(root)
        centre, _ = ganglion(model, root)
        g = int(np.argmin(np.linalg.norm(cl - centre, axis=1)))
        s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(cl, axis=0), axis=1))])
        sheathed = cl[s < s[g] - P.DRG_LENGTH / 2.0 - 1.0]
        assert inside(sac, sheathed).mean() > 0.95, f"{root} has no sleeve"
        assert not inside(sac, cl[s > s[g] + P.DRG_LENGTH]).any(), f"{root} sleeve too long"


@pytest.mark.parametrize("side", SIDES)
def test_l5_root_joins_the_l4_contribution_as_the_lumbosacral_trunk(model, side):
    """L4's branch comes down from the top of the modelled region, ending there in a flat
    section, and joins the L5 root: beyond the junction the trunk is thicker than the root."""
    root = f"l5_nerve_root_{side}"
    mesh, cl = model.mesh(root), model.centerline(root)
    top = mesh.vertices[:, 2].max()
    assert top > cl[:, 2].max() + 5.0, "no branch above the L5 root"
    high = mesh.vertices[:, 2] > top - 6.0
    assert np.abs(mesh.vertices[high, 0]).min() > 15.0, "the branch is not lateral to the body"
    cap = flat_faces(mesh, top)
    assert cap > 0.5 * np.pi * (P.L4_CONTRIBUTION_THICKNESS / 2) ** 2, f"cap {cap:.1f} mm2"
    idx, d = diameters(mesh, cl)
    root_d = np.median(d[idx < 0.2 * len(cl)])  # the root's own, between the sac and ganglion
    trunk = d[(idx > 0.75 * len(cl)) & (idx < 0.95 * len(cl))]  # its last quarter
    assert np.median(trunk) > 1.1 * root_d, "no thicker trunk after the junction"


@pytest.mark.parametrize("side", SIDES)
def test_roots_dural_sleeves_run_out_to_their_ganglia(model, side):
    """The dura goes on round each root as a sleeve as far as its ganglion, where it ends (and
    blends with the root's sheath): the sac's mesh holds the root's centreline from the sac to
    the middle of its ganglion."""
    sac = model.mesh("dural_sac")
    for root in (f"l5_nerve_root_{side}", f"s1_nerve_root_{side}"):
        cl = model.centerline(root)
        centre, _ = ganglion(model, root)
        g = int(np.argmin(np.linalg.norm(cl - centre, axis=1)))
        assert inside(sac, cl[: g + 1]).all(), f"{root}'s sleeve stops short of its ganglion"


@pytest.mark.parametrize("side", SIDES)
def test_roots_dural_sleeves_are_funnels_narrowing_onto_the_root(model, side):
    """Each sleeve is a funnel that narrows onto its root and fades into its sheath (no uniform
    arm; where it is cut, the dura going on as the root's sheath, it is narrower than the root):
    at its ganglion the sac's section round the root's centreline is under the root's own
    radius, while a few mm from the sac it wraps the root."""
    sac = model.mesh("dural_sac")
    for root, thick in (
        (f"l5_nerve_root_{side}", P.L5_ROOT_THICKNESS),
        (f"s1_nerve_root_{side}", P.S1_ROOT_THICKNESS.value),
    ):
        cl = model.centerline(root)
        centre, _ = ganglion(model, root)
        g = int(np.argmin(np.linalg.norm(cl - centre, axis=1)))
        loop = section(sac, cl[g], tangent(cl, g))
        reach = float(np.linalg.norm(loop - cl[g], axis=1).max())
        assert reach < thick / 2.0, f"{root}'s sleeve is {reach:.1f} mm round it at its ganglion"
        assert np.linalg.norm(loop.mean(0) - cl[g]) < 0.5, f"{root}: no sleeve at its ganglion"


@pytest.mark.parametrize("side", SIDES)
def test_s1_root_runs_smoothly_down_and_out_to_its_foramen(model, lm, side):
    """No corkscrew in the canal: from the sac to its anterior foramen the S1 root goes down and
    out, never turning back towards the midline (by more than 1 mm) nor upwards."""
    cl = model.centerline(f"s1_nerve_root_{side}")
    k = int(np.argmin(np.linalg.norm(cl - lm[f"s1_anterior_foramen_{side}"], axis=1)))
    out = np.abs(cl[: k + 1, 0])
    back = float((np.maximum.accumulate(out) - out).max())
    assert back <= 1.0, f"turns back {back:.1f} mm towards the midline"
    z = cl[: k + 1, 2]
    up = float((z - np.minimum.accumulate(z)).max())
    assert up <= 1.0, f"climbs {up:.1f} mm on its way down"


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_is_as_big_as_the_roots_that_form_it(model, lm, side):
    """The body's largest nerve: below piriformis its section is at least as large as the
    sections of the lumbosacral trunk (L4 and L5) and the S1-S3 ventral rami together."""
    cl, i = below_piriformis(model, lm, side)
    loop = section(model.mesh(f"sciatic_nerve_{side}"), cl[i], tangent(cl, i))
    c = loop - loop.mean(0)
    xy = c @ np.linalg.svd(c, full_matrices=False)[2][:2].T
    area = 0.5 * abs(
        np.dot(xy[:, 0], np.roll(xy[:, 1], 1)) - np.dot(xy[:, 1], np.roll(xy[:, 0], 1))
    )
    diameters = (
        P.L5_ROOT_THICKNESS,
        P.L4_CONTRIBUTION_THICKNESS,
        P.S1_ROOT_THICKNESS.value,
        P.S2_VENTRAL_RAMUS_THICKNESS,
        P.S3_VENTRAL_RAMUS_THICKNESS,
    )
    roots = sum(np.pi * (d / 2.0) ** 2 for d in diameters)
    assert area >= roots, f"{area:.0f} mm2, its roots {roots:.0f} mm2"


@pytest.mark.parametrize("side", SIDES)
def test_herniation_meets_the_s1_root_in_its_lateral_recess(model, lm, side):
    """The posterolateral herniation presses on the traversing S1 root where the root runs down
    behind the disc (the lateral recess), high above and medial to the root's foramen, not in or
    near the foramen."""
    root = model.mesh(f"s1_nerve_root_{side}")
    touch = root.vertices[
        surface_distance(root.vertices, [model.mesh(f"disc_herniation_{side}")]) < 0.5
    ]
    assert len(touch), "the herniation does not touch the S1 root"
    c = touch.mean(axis=0)
    foramen = lm[f"s1_anterior_foramen_{side}"]
    assert c[2] > foramen[2] + 25.0, "not at the disc's level"
    assert abs(c[0]) < abs(foramen[0]) - 12.0, "not medial, in the canal"
    assert c[1] < model.mesh("l5_s1_disc_annulus").vertices[:, 1].min(), "not behind the disc"


# ---------------------------------------------------------------- against the disc (issue 8)
@pytest.mark.parametrize("side", SIDES)
def test_s1_root_runs_close_behind_the_disc(model, side):
    """In its lateral recess the S1 root runs just behind the L5-S1 disc, 1-3 mm surface to
    surface (Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine, ch. 9: it descends
    behind the posterolateral disc, where a posterolateral herniation catches it), not in the
    middle of the canal."""
    root = model.mesh(f"s1_nerve_root_{side}")
    disc = model.mesh("l5_s1_disc_annulus")
    gap = float(surface_distance(root.vertices, [disc]).min())
    assert 1.0 <= gap <= 3.0, f"S1 root {gap:.1f} mm from the disc"
    assert not inside(disc, root.vertices).any(), "the S1 root enters the disc"


def test_dural_sac_lies_against_the_back_of_the_disc(model):
    """The sac lies on the posterior longitudinal ligament over the back of the disc (the epidural
    fat is mostly behind it): in the midline (away from the roots' sleeves) its surface lies
    within 3 mm of the disc's."""
    v = model.mesh("dural_sac").vertices
    midline = v[np.abs(v[:, 0]) < 3.0]
    gap = float(surface_distance(midline, [model.mesh("l5_s1_disc_annulus")]).min())
    assert gap <= 3.0, f"the sac lies {gap:.1f} mm behind the disc"


@pytest.mark.parametrize("side", SIDES)
def test_lumbosacral_trunk_is_a_flat_band(model, side):
    """Past L4's junction, over the ala, the lumbosacral trunk is a thick flattened band (Gray's
    Anatomy 42nd ed.), not a round cord like the L5 root above it: its sections there are at
    least 1.6 times as wide as thick."""
    root = f"l5_nerve_root_{side}"
    mesh, cl = model.mesh(root), model.centerline(root)
    ratios = []
    for i in (np.linspace(0.62, 0.78, 5) * len(cl)).astype(int):
        w, t = extents(section(mesh, cl[i], tangent(cl, i)))
        ratios.append(w / t)
    assert np.median(ratios) >= 1.6, f"width : thickness {np.median(ratios):.2f}"


# ---------------------------------------------------------------- the S1 root's section
def _round_sections(model, root: str, lo: float, hi: float, skip=()):
    """(arc length, width : thickness, centre's offset from the centreline) of the sections across
    ``root`` between arc lengths ``lo`` and ``hi``, except within the ``skip`` (from, to) spans."""
    mesh, cl = model.mesh(root), model.centerline(root)
    s = arc_length(cl)
    out = []
    for i in range(3, len(cl) - 3, 2):
        if not lo <= s[i] <= hi or any(a <= s[i] <= b for a, b in skip):
            continue
        loop = section(mesh, cl[i], tangent(cl, i))
        w, t = extents(loop)
        out.append((float(s[i]), w / t, float(np.linalg.norm(loop.mean(0) - cl[i]))))
    assert len(out) > 10, f"{root}: too few sections"
    return out


@pytest.mark.parametrize("side", SIDES)
def test_s1_root_is_round_in_section(model, side):
    """A root is a round cord (issue 8; no flat ribbon): every section across the S1 root from
    beyond its ganglion, where its dorsal and ventral roots have joined (before it, two bundles:
    test_nerve_roots), to where it tapers into the plexus is round and centred on its centreline,
    except where its dorsal ramus branches off, at its ganglion's distal pole."""
    root = f"s1_nerve_root_{side}"
    cl = model.centerline(root)
    s = arc_length(cl)
    centre, _ = ganglion(model, root)
    g = float(s[np.argmin(np.linalg.norm(cl - centre, axis=1))])
    branch = g + P.S1_DORSAL_RAMUS_BRANCH
    joined = g + (1.0 - P.GANGLION_PROXIMAL_SHARE) * P.GANGLION_LENGTH + P.ROOTS_JOIN_BEYOND + 2.0
    tip = s[-1] - P.ROOT_CUT_IN_PLEXUS - P.ROOT_END_TAPER
    for at, ovality, off in _round_sections(
        model, root, joined, tip, skip=[(branch - 6.0, branch + 6.0)]
    ):
        assert ovality <= P.ROOT_MAX_OVALITY, f"{at:.0f} mm along: {ovality:.2f} : 1"
        assert off <= P.ROOT_MAX_SECTION_OFFSET, f"{at:.0f} mm along: {off:.1f} mm off its axis"


@pytest.mark.parametrize("side", SIDES)
def test_s1_dorsal_ramus_runs_backwards_and_down_out_of_its_foramen(model, lm, side):
    """Out of the posterior S1 foramen the dorsal ramus runs backwards and a little down over the
    back of the sacrum (towards multifidus), not upwards nor hooking back: its farthest part out
    of the opening lies behind and below it."""
    v = model.mesh(f"s1_nerve_root_{side}").vertices
    opening = lm[f"s1_posterior_foramen_{side}"]
    axis = lm[f"s1_posterior_foramen_axis_{side}"]
    out = v[((v - opening) @ axis > 1.0) & (np.linalg.norm(v - opening, axis=1) < 20.0)]
    assert len(out), "nothing out of the posterior foramen"
    far = out[
        np.linalg.norm(out - opening, axis=1)
        >= np.percentile(np.linalg.norm(out - opening, axis=1), 90)
    ].mean(0)
    assert far[1] < opening[1] - 8.0, f"not behind its foramen: {far - opening}"
    assert far[2] < opening[2] - 1.0, f"runs up out of its foramen: {far - opening}"
    assert far[2] > opening[2] - 12.0, f"runs straight down: {far - opening}"
