"""The supraspinous ligament's shape: a rounded cord over the posterior midline (Gray's: "a strong
fibrous cord"), attached to the tip of each spinous process it passes and bridging the gaps
between them, its deep fibres blending into the interspinous ligament between the tips; thinning
over the sacrum, where it peters out (Gray's; Bogduk, Clinical and Radiological Anatomy of the
Lumbar Spine, ch. 4; A.7). Blind reviews: a round cord read as a nerve (s25, s28), a flat strap
of even thickness as the PLL (s26), a cord capping the L5 tip alone, pointed at both ends, as a
spindle (s27-s29: "the real ligament is a continuous flattened band running along the tips of
several spinous processes, attached to each"); a strap whose width swelled over each tip read as
"regular sausage-like constrictions ... and a rounded lower cap" (s30); a band about as deep as
wide over the gaps, the tips' imprints pits in its deep face, as "a rod", "an extruded bar with
dents" (s37); a rounded cord with a hood over each tip as "a tube with round bulges" (s43); a
flat band between the tips as needing "a rounded cord with real depth" (s44)."""

from __future__ import annotations

import numpy as np
import trimesh

from tests.anatomy.tissue_geometry import ray_first_hit, surface_distance
from viewer.anatomy import parameters as P
from viewer.anatomy import section_caps

SSL = "supraspinous_ligament"


def _tip(model) -> np.ndarray:
    """The rearmost point of L5 (the tip of its spinous process)."""
    v = model.mesh("l5_vertebra").vertices
    return v[np.argmin(v[:, 1])]


def _midline(v: np.ndarray, x: float, z: float, half: float = 0.75) -> np.ndarray:
    """The points of ``v`` in the mid-sagittal column at height ``z``."""
    return v[(np.abs(v[:, 0] - x) < half) & (np.abs(v[:, 2] - z) < half)]


def _contact_heights(ssl, bone, near: float = 1.0) -> np.ndarray:
    """The heights of ``ssl``'s vertices within ``near`` mm of ``bone``'s surface, within 3 mm
    of the midline (its deep face lying on the bone)."""
    v = ssl.vertices
    gap = surface_distance(v, [bone])
    return v[(gap <= near) & (np.abs(v[:, 0]) < 3.0)][:, 2]


def _runs(z: np.ndarray, gap: float = 2.0) -> list[tuple[float, float]]:
    """The stretches of height covered by ``z`` (sorted heights less than ``gap`` apart)."""
    z = np.sort(z)
    if not len(z):
        return []
    cut = np.flatnonzero(np.diff(z) > gap)
    starts = np.concatenate([[0], cut + 1])
    ends = np.concatenate([cut, [len(z) - 1]])
    return [(float(z[a]), float(z[b])) for a, b in zip(starts, ends, strict=True)]


def test_supraspinous_ligament_is_attached_to_a_row_of_tips(model):
    """It lies on the tip of every spinous process it passes (Bogduk ch. 4): its deep face within
    1 mm of the L5 spinous tip over at least 6 mm of height, of the S1 spinous tubercle over at
    least 4 mm and of the median sacral crest below (its tubercles) over at least 20 mm, running
    down the crest to at least 35 mm below the S1 endplate; and between the L5 tip and the S1
    tubercle it bridges the gap (off the bone over at least 8 mm): at least three tips, not one
    (a cord capping the L5 tip alone read as a spindle, s29)."""
    ssl = model.mesh(SSL)
    spans = {}
    for bone, least in (("l5_vertebra", 6.0), ("s1_segment", 4.0), ("sacrum_lower", 20.0)):
        z = _contact_heights(ssl, model.mesh(bone))
        spans[bone] = float(np.ptp(z)) if len(z) else 0.0
        assert spans[bone] >= least, f"on {bone} over {spans[bone]:.1f} mm ({spans})"
    assert ssl.vertices[:, 2].min() <= -35.0, f"ends at z {ssl.vertices[:, 2].min():.1f}"
    bones = [model.mesh(b) for b in ("l5_vertebra", "s1_segment", "sacrum_lower")]
    z = _contact_heights(ssl, trimesh.util.concatenate(bones))
    tip = _tip(model)
    gaps = [lo2 - hi1 for (_, hi1), (lo2, _) in zip(_runs(z)[:-1], _runs(z)[1:], strict=True)]
    bridged = [g for g, (lo, _) in zip(gaps, _runs(z)[1:], strict=True) if lo > tip[2] - 25.0]
    assert bridged and max(bridged) >= 8.0, f"bridges {gaps} mm between the tips"


def test_supraspinous_ligament_bears_the_imprint_of_each_tip(model):
    """Its deep face is moulded over each tip it lies on (the bone cut away: a groove fitting the
    tip): at the height of the L5 spinous tip and of the S1 tubercle's back its margins reach
    forward of the tip's back on both sides (1-4.5 mm round the narrow L5 tip; at least 0.5 mm
    round the broad tubercle); and every point of the L5 tip's posterior border (within 1.2 mm of
    the midline, 1.5 mm of its depth) lies within 1.5 mm of it. (Stop 44 raised the most round
    the L5 tip from 3.5: a strap draped over the tip, its sides moulded down round the tip's
    thickened posterior border, 6-7 mm thick (sp_border_radii; Bogduk ch. 4: its fibres fixed
    to the tip), down to where the border narrows into the plate of the process; blind review
    s43, 2/2: its hoods read as "round bulges" on "a tube"; the atlases draw it draped over each
    tip like a strap over a knuckle.)"""
    ssl = model.mesh(SSL)
    v = ssl.vertices
    tip = _tip(model)
    # the S1 tubercle's back: the rearmost of the S1 midline round the tubercle's centre height
    s1 = model.mesh("s1_segment").vertices
    centre = P.S1_TUBERCLE_TOP - P.S1_TUBERCLE_RADII[2]
    s1 = s1[(np.abs(s1[:, 0] - tip[0]) < 1.0) & (np.abs(s1[:, 2] - centre) < 3.0)]
    tubercle = s1[np.argmin(s1[:, 1])]
    for name, at, lo, hi in (("L5 tip", tip, 1.0, 4.5), ("S1 tubercle", tubercle, 0.5, 4.0)):
        sl = v[np.abs(v[:, 2] - at[2]) < 0.5]
        for side in (-1.0, 1.0):
            lip = sl[side * (sl[:, 0] - at[0]) > 1.5]
            wrap = float(lip[:, 1].max() - at[1]) if len(lip) else 0.0
            assert lo <= wrap <= hi, f"{name}, side {side:+.0f}: reaches {wrap:.1f} mm round it"
    l5 = model.mesh("l5_vertebra").vertices
    border = l5[(l5[:, 1] < tip[1] + 1.5) & (np.abs(l5[:, 0] - tip[0]) < 1.2)]
    gap = surface_distance(border, [ssl])
    assert gap.max() <= 1.5, f"the tip's back lies {gap.max():.1f} mm from the ligament"


def _loops(mesh, z: float) -> list[np.ndarray]:
    """The (x, y) points of ``mesh``'s horizontal section at height ``z``, one array per piece."""
    path = mesh.section(plane_origin=(0.0, 0.0, z), plane_normal=(0.0, 0.0, 1.0))
    if path is None:
        return []
    return [np.asarray(d)[:, :2] for d in path.discrete]


def test_supraspinous_ligament_is_a_flattened_band_on_the_sacrum(model):
    """Over the sacral crest it is a flattened band, wider than thick (Gray's; Bogduk ch. 4; A.7:
    thin at L5-S1 and over the sacrum), not a round cord (read as a nerve, s25, s28): over its
    course on the crest (its section square to its slope) its width is at least twice its
    thickness (median at least 2.5), and it is one piece at every height. (Its thickness by rays
    from behind and in front in the tip's sagittal plane, :func:`_midline_thickness`: the
    vertices of a 1.5 mm column of this decimated band were too few, one at z -28 on main's stop
    43 build, its extent 0 mm, the ratio inf: that height measured nothing.)"""
    ssl = model.mesh(SSL)
    x = _tip(model)[0]
    zs = np.arange(-30.0, -4.0, 2.0)
    widths = []
    for z in zs:
        loops = _loops(ssl, z)
        assert len(loops) == 1, f"{len(loops)} pieces at z {z:.1f}"
        widths.append(float(np.ptp(loops[0][:, 0])))
    thick = _midline_thickness(ssl, x, zs)
    assert np.isfinite(thick).all(), f"not one band along its midline: {thick.round(1)}"
    ratios = np.array(widths) / thick
    assert ratios.min() >= 2.0 and np.median(ratios) >= 2.5, f"width / thickness {ratios.round(1)}"


def _midline_thickness(ssl, x: float, zs: np.ndarray) -> np.ndarray:
    """Its thickness square to its course at the heights ``zs`` in the plane ``x``: from its back
    to its deep face along rays from behind and from in front, times the cosine of its slope
    (from its back 1 mm above and below); nan where a ray misses it."""
    z3 = np.concatenate([zs, zs - 1.0, zs + 1.0])
    n = len(z3)
    behind = np.column_stack([np.full(n, x), np.full(n, -200.0), z3])
    back = -200.0 + ray_first_hit(ssl, behind, np.tile([0.0, 1.0, 0.0], (n, 1)), 300.0)
    ahead = np.column_stack([np.full(n, x), np.full(n, 100.0), z3])
    front = 100.0 - ray_first_hit(ssl, ahead, np.tile([0.0, -1.0, 0.0], (n, 1)), 300.0)
    k = len(zs)
    slope = (back[2 * k :] - back[k : 2 * k]) / 2.0
    return (front[:k] - back[:k]) / np.sqrt(1.0 + slope**2)


def _back(mesh: trimesh.Trimesh, x: float, zs: np.ndarray) -> np.ndarray:
    """The front-to-back position (y) of ``mesh``'s back at the heights ``zs`` in the plane
    ``x``: where a ray cast forwards from behind first meets it; nan where it misses."""
    n = len(zs)
    behind = np.column_stack([np.full(n, x), np.full(n, -200.0), zs])
    return -200.0 + ray_first_hit(mesh, behind, np.tile([0.0, 1.0, 0.0], (n, 1)), 300.0)


def _width(ssl, z: float) -> float:
    """Its width (left-right) at height ``z``."""
    return float(np.ptp(np.vstack(_loops(ssl, z))[:, 0]))


def test_supraspinous_ligament_is_wider_than_thick_along_its_length(model):
    """A band or a rounded cord lying on the tips, wider than thick, not a rod (Gray's; Bogduk
    ch. 4; blind review s37, 2/2: "a rod", "an extruded bar", its section about as deep as wide
    over the gaps): every 5 mm from 2 mm below its upper section to 3 mm above its lower end its
    width is at least 1.6 times its thickness (at its middle, square to its course), and it is
    nowhere more than 5 mm thick. (Stop 43 relaxed this from a flat strap, at least 2.5 times as
    wide as thick and at most 3.2 mm thick: Gray's Anatomy calls it "a strong fibrous cord ...
    thicker and broader in the lumbar region", thickest where it caps each tip; blind review
    s42, 2/2: "a strap with faint swellings", B asking for a thicker cord. It stays a flattened
    band on the sacrum: test_supraspinous_ligament_is_a_flattened_band_on_the_sacrum.)"""
    ssl = model.mesh(SSL)
    x = _tip(model)[0]
    lo, hi = ssl.bounds[0][2], ssl.bounds[1][2]
    zs = np.arange(hi - 2.0, lo + 3.0, -5.0)
    thick = _midline_thickness(ssl, x, zs)
    ratios = np.array([_width(ssl, z) for z in zs]) / thick
    assert np.isfinite(thick).all(), f"not one band along its midline: {thick.round(1)}"
    assert ratios.min() >= 1.6, f"width / thickness {ratios.round(2)} at z {zs.round(0)}"
    assert thick.max() <= 5.0, f"{thick.max():.1f} mm thick: {thick.round(1)}"


def test_supraspinous_ligament_is_moulded_to_the_tips_without_pits(model):
    """Its deep face lies on each tip in a shallow hollow, not a pit in a thick bar (blind review
    s37: "an extruded bar with dents", the imprints of the tips): from its upper section down
    to the S1 tubercle its thickness at its middle nowhere dips more than 1 mm below the
    thickest within 6 mm above and below it."""
    ssl = model.mesh(SSL)
    x = _tip(model)[0]
    tubercle = P.S1_TUBERCLE_TOP - P.S1_TUBERCLE_RADII[2]
    zs = np.arange(ssl.bounds[1][2] - 1.0, tubercle, -1.0)
    thick = _midline_thickness(ssl, x, zs)
    dips = [np.nanmax(thick[max(i - 6, 0) : i + 7]) - thick[i] for i in range(len(zs))]
    i = int(np.nanargmax(dips))
    assert dips[i] <= 1.0, f"dips {dips[i]:.1f} mm at z {zs[i]:.0f}: {thick.round(1)}"


def test_supraspinous_ligament_fans_out_thin_at_its_lower_end(model):
    """At its lower end it thins and fans out sideways, blending into the thoracolumbar fascia
    (Bogduk ch. 4; issue 8: "thin or fading out at L5-S1, where it blends with the
    thoracolumbar fascia"), not a strap cut square: where it is widest in its last 12 mm it is
    at least 10 % wider than its median width along its course, and 3 mm above its lower end at
    most 0.4 of its thickest. (Stop 44 moved the width from 3 mm above its lower end: its lower
    end now tapers to a rounded point, test_supraspinous_ligament_ends_in_a_section_above_and_
    fades_out_below; blind review s43, 2/2: "a ragged flat bottom end".)"""
    ssl = model.mesh(SSL)
    x = _tip(model)[0]
    lo, hi = ssl.bounds[0][2], ssl.bounds[1][2]
    widths = [_width(ssl, z) for z in np.arange(hi - 2.0, lo + 3.0, -2.0)]
    width = max(_width(ssl, z) for z in np.arange(lo + 1.0, lo + 12.01, 0.5))
    assert width >= 1.1 * np.median(widths), f"{width:.1f} wide, {np.median(widths):.1f} above"
    thick = _midline_thickness(ssl, x, np.array([lo + 3.0, *np.arange(hi - 2.0, lo, -2.0)]))
    assert thick[0] <= 0.4 * np.nanmax(thick), f"{thick[0]:.1f} thick, {np.nanmax(thick):.1f}"


def _tubercle_height() -> float:
    """The height of the S1 spinous tubercle's centre."""
    return P.S1_TUBERCLE_TOP - P.S1_TUBERCLE_RADII[2]


def test_supraspinous_ligament_spreads_into_a_cap_over_each_tip(model):
    """Over each tip it is attached to it spreads into a cap, broader than between the tips,
    where it narrows (Gray's Anatomy: attached to the tips, "thicker and broader" in the lumbar
    region where it meets them; Bogduk ch. 4: its fibres fixed to each tip, the deeper ones
    spanning the interspinous space; Heylings 1978): within 3 mm of the height of the L5 spinous
    tip and of the S1 tubercle it is at least 1.15 times as wide (left-right) as where it is
    narrowest between them (blind review s39, 2/2: "a featureless ribbon of constant width;
    nothing shows where it attaches"). Yet it widens gradually, no step or constriction (s30:
    "sausage-like constrictions"): its width changes by at most 0.75 mm per mm of height from
    its upper section to the start of its fade. (This replaces s30's test that its width be even,
    narrowing nowhere by more than 0.25 mm: the opposite of the caps the atlases show. Stop 43
    raised the limit from 0.5: its cap over each tip is a hood about 1.6 times as wide as the
    cord, its rim over the tip's upper and lower edges (Gray's: thicker and broader where it
    meets the tips; blind review s42, 2/2: "faint swellings, nothing shows where it caps the
    tips"), the cord between them of even width.)"""
    ssl = model.mesh(SSL)
    tip, tubercle = _tip(model)[2], _tubercle_height()
    zs = np.arange(tubercle - 3.0, tip + 3.01, 0.5)
    widths = np.array([_width(ssl, z) for z in zs])
    waist = widths[(zs > tubercle + 3.0) & (zs < tip - 3.0)].min()
    for name, at in (("L5 tip", tip), ("S1 tubercle", tubercle)):
        cap = widths[np.abs(zs - at) <= 3.0].max()
        assert cap >= 1.15 * waist, f"{cap:.1f} mm wide over the {name}, {waist:.1f} between"
    top = tip + P.SUPRASPINOUS_CAP_ABOVE_TIP
    zs = np.arange(top - 2.0, P.SUPRASPINOUS_END + P.SUPRASPINOUS_FADE, -1.0)
    steps = np.abs(np.diff([_width(ssl, z) for z in zs]))
    i = int(np.argmax(steps))
    assert steps[i] <= 0.75, f"its width jumps {steps[i]:.2f} mm at z {zs[i]:.0f}"


def _across(ssl, z: float, xs: np.ndarray) -> np.ndarray:
    """Its thickness front to back at height ``z`` at each ``x`` (rays from behind and in
    front; nan where they miss it)."""
    n = len(xs)
    behind = np.column_stack([xs, np.full(n, -200.0), np.full(n, z)])
    back = -200.0 + ray_first_hit(ssl, behind, np.tile([0.0, 1.0, 0.0], (n, 1)), 300.0)
    ahead = np.column_stack([xs, np.full(n, 100.0), np.full(n, z)])
    front = 100.0 - ray_first_hit(ssl, ahead, np.tile([0.0, -1.0, 0.0], (n, 1)), 300.0)
    return front - back


def _waist(ssl, tip: float, tubercle: float) -> float:
    """The height where it is narrowest between the L5 tip (at ``tip``) and the S1 tubercle (at
    ``tubercle``), more than 3 mm from each."""
    zs = np.arange(tubercle + 3.0, tip - 3.0, 0.5)
    return float(zs[np.argmin([_width(ssl, z) for z in zs])])


def test_supraspinous_ligament_is_a_rounded_cord_between_the_tips(model):
    """Between two tips it spans the gap as a rounded cord of real depth, oval in section (Gray's
    Anatomy: "a strong fibrous cord ... thicker and broader in the lumbar region"; Bogduk ch. 4):
    where it is narrowest between the L5 tip and the S1 tubercle, across it every 0.25 mm,
    3.0-4.5 mm thick in its middle, 5-7.5 mm wide, 1.4-2.5 times as wide as thick, its margins
    rounded and thinner than its middle (at 0.7 of its half-width 0.4-0.95 of its middle's
    thickness: an oval, neither a flat strip nor a bar with square sides) and no thicker
    anywhere than its middle. (This replaces stop 44's test of a flat band there, 1.2-2.2 mm
    thick and at least 3.5 times as wide: blind review s44, 2/2, its flat band 7.2 x 1.6 mm
    "needs a rounded cord with real depth"; what s43's reviewers faulted in its rounded cord,
    "a tube with round bulges", was the swellings over the tips, not the section:
    test_supraspinous_ligament_runs_smoothly_over_each_tip.)"""
    ssl = model.mesh(SSL)
    tip, tubercle = _tip(model)[2], _tubercle_height()
    x = _tip(model)[0]
    xs = np.arange(-8.0, 8.01, 0.25) + x
    z = _waist(ssl, tip, tubercle)
    t = _across(ssl, z, xs)
    on = np.isfinite(t)
    width = float(np.ptp(xs[on]))
    middle = float(np.nanmax(t[np.abs(xs - x) <= 1.0]))
    assert 3.0 <= middle <= 4.5, f"{middle:.1f} mm thick in its middle at z {z:.1f}"
    assert 5.0 <= width <= 7.5, f"{width:.1f} mm wide at z {z:.1f}"
    assert 1.4 <= width / middle <= 2.5, f"{width:.1f} mm wide, {middle:.1f} thick at z {z:.1f}"
    centre = 0.5 * (xs[on].min() + xs[on].max())
    margins = np.interp(centre + np.array([-0.35, 0.35]) * width, xs[on], t[on])
    share = margins / middle
    assert share.min() >= 0.4 and share.max() <= 0.95, f"its margins {share.round(2)} of its middle"
    assert np.nanmax(t) <= middle + 0.3, f"{np.nanmax(t):.1f} mm thick off its middle at z {z:.1f}"


def test_supraspinous_ligament_spreads_over_each_tip_without_a_swelling(model):
    """Over each of its two attachments, the L5 spinous tip and the S1 tubercle, it spreads
    thinly over the tip, wider than the cord between them but no thicker (Gray's: broader
    where it meets the tips; Bogduk ch. 4: its fibres fixed to each tip; blind review s42, 2/2:
    "nothing shows where it caps the tips"; s43, 2/2: its hoods, thicker over the tips, read
    as "a tube with round bulges"): within 3 mm of the height of each its width is at least 1.2
    times its width where it is narrowest between them, and within 3 mm of the L5 tip's height
    its thickness in its middle (square to its course) at most 0.3 mm more than the cord's
    there. (Stop 45 reversed this test's second clause, that over the L5 tip it be at least 1.3
    times as thick as between: a hood, the swelling both stop-43 reviewers faulted; stop 44
    had lowered the width ratio from 1.45: over the L5 tip it can be no wider than about 10 mm,
    the multifidus muscles either side: test_ligaments.)"""
    ssl, x, tip, tubercle, waist = _between_the_tips(model)
    cord = _width(ssl, waist)
    for name, _at, cap in _over_each_tip(ssl, _width, tip, tubercle):
        assert cap >= 1.2 * cord, f"{cap:.1f} mm wide over the {name}, the cord {cord:.1f}"
    zs = np.arange(tip - 3.0, tip + 3.01, 0.5)
    over = float(np.nanmax(_midline_thickness(ssl, x, zs)))
    thick = float(_midline_thickness(ssl, x, np.array([waist]))[0])
    assert over <= thick + 0.3, f"{over:.1f} mm thick over the L5 tip, the cord {thick:.1f}"


def _between_the_tips(model):
    """(its mesh, the midline's x, the L5 tip's and the S1 tubercle's heights, the height where
    it is narrowest between them)."""
    ssl = model.mesh(SSL)
    tip, tubercle = _tip(model)[2], _tubercle_height()
    return ssl, _tip(model)[0], tip, tubercle, _waist(ssl, tip, tubercle)


def _over_each_tip(ssl, measure, tip: float, tubercle: float) -> list[tuple[str, float, float]]:
    """(name, height, the greatest ``measure(ssl, z)`` within 3 mm of that height) for the L5
    tip and the S1 tubercle."""
    return [
        (name, at, max(measure(ssl, z) for z in np.arange(at - 3.0, at + 3.01, 0.5)))
        for name, at in (("L5 tip", tip), ("S1 tubercle", tubercle))
    ]


def _depth(ssl, z: float) -> float:
    """Its front-to-back extent at height ``z`` (its outline seen from the side)."""
    return float(np.ptp(np.vstack(_loops(ssl, z))[:, 1]))


def test_supraspinous_ligament_runs_smoothly_over_each_tip(model):
    """Seen from the side it runs on over each tip as a smooth cord, not a swelling (Gray's:
    a continuous cord joining the tips; Bogduk ch. 4; blind review s43, 2/2: its hoods read as
    "a tube with round bulges"): its front-to-back extent within 3 mm of the height of the L5
    tip and of the S1 tubercle at most 1.35 times its extent where it is narrowest between
    them (main, stop 44: 3.3 over L5, 1.9 over S1: its draped margins and a thicker hood), and
    its back in the midline, from there up to the L5 tip and down to the S1 tubercle, moving
    steadily backwards (every 0.5 mm at most 0.1 mm forward: no hump before the tip)."""
    ssl, x, tip, tubercle, waist = _between_the_tips(model)
    between = _depth(ssl, waist)
    for name, at, over in _over_each_tip(ssl, _depth, tip, tubercle):
        assert over <= 1.35 * between, f"{over:.1f} mm deep over the {name}, {between:.1f} between"
        zs = np.linspace(waist, at, max(int(abs(at - waist) / 0.5), 2) + 1)
        back = _back(ssl, x, zs)
        forward = float(np.diff(back).max())
        assert forward <= 0.1, f"its back turns {forward:.2f} mm forward towards the {name}"


def test_supraspinous_ligament_is_thin_over_a_tip_and_thinner_on_the_crest(model):
    """Applied over each tip, a few mm thick (Bogduk ch. 4): its midline depth behind the L5
    tip 1.8-5 mm; on the sacral crest (behind the crest) thinner than over the L5 tip. (Stop 43
    raised the upper bound from 3.5: a hood over the tip; stop 45's cord of real depth,
    spread thinly over the tip, keeps it, Gray's: "a strong fibrous cord". Stop 42 dropped
    this test's clause that it be at least 0.5 mm deeper in the L5-S1 gap than behind the tip;
    stop 45 wants it no thicker over a tip than between:
    test_supraspinous_ligament_spreads_over_each_tip_without_a_swelling.)"""
    ssl = model.mesh(SSL)
    v = ssl.vertices
    tip = _tip(model)
    col = _midline(v, tip[0], tip[2])
    over_tip = float(tip[1] - col[:, 1].min())
    assert 1.8 <= over_tip <= 5.0, f"{over_tip:.1f} mm deep behind the L5 tip"
    # (on the crest, like over the tip, from the bone's back to its own, square to its slope;
    # both backs where a ray from behind first meets them in the tip's sagittal plane: the
    # vertices of a 1.5 mm column of this decimated band were too few there, one at z -28 on
    # the integrated stop-43 build, its depth a deep-face vertex and its extent 0 mm: nan)
    zs = np.arange(-30.0, -14.0, 2.0)
    bone = _back(model.mesh("sacrum_lower"), tip[0], zs)
    back = _back(ssl, tip[0], np.concatenate([zs, zs - 2.0, zs + 2.0])).reshape(3, -1)
    slope = (back[2] - back[1]) / 4.0
    crest = float(np.median((bone - back[0]) / np.sqrt(1.0 + slope**2)))
    assert crest < over_tip - 0.25, f"{crest:.1f} mm thick on the crest, {over_tip:.1f} over L5"


def test_supraspinous_ligament_continues_into_the_interspinous_ligament(model):
    """Between the L5 tip and the S1 tubercle its deep fibres blend with the interspinous
    ligament (touching it over at least 5 mm of height)."""
    ssl = model.mesh(SSL)
    isl = model.mesh("interspinous_ligament")
    touch = isl.vertices[surface_distance(isl.vertices, [ssl]) <= 0.5]
    assert len(touch) and np.ptp(touch[:, 2]) >= 5.0, "does not blend with the interspinous lig."


def test_supraspinous_ligament_ends_in_a_section_above_and_fades_out_below(model):
    """Above the L5 tip it runs on to L4 (not modelled): it ends there in a section, a tagged
    flat cut square to it at its top, ``SUPRASPINOUS_CAP_ABOVE_TIP`` above the tip (a pointed or
    domed end read as a spindle or a nerve root, s28-s29). Below it fades out on the crest: its
    last 3 mm thin (at most 1.2 mm, square to its course), tapering to a blunt point seen from
    behind: 1 mm from its end at most 0.7 of its width 6 mm from its end, yet still at least
    three times as wide as thick (a thin tongue fading into the fascia, neither a spike nor a
    rounded cap, s30); and no wider there than ``SUPRASPINOUS_HALF_WIDTH`` allows. (Stop 44
    replaced the clause that it end broad, 1 mm from its end at least 0.85 of its median width:
    cut square there, its fibres a fringe, it read as "a ragged flat bottom end", blind review
    s43, 2/2; Bogduk ch. 4: it thins out and fades over the median sacral crest.)"""
    ssl = model.mesh(SSL)
    v = ssl.vertices
    tip = _tip(model)
    flags = section_caps.cut_flags(ssl)
    on = section_caps.cap_faces(ssl.faces, flags, ssl.face_normals)
    assert on.sum() >= 10, "no section at its upper end"
    cap = ssl.triangles_center[on]
    assert cap[:, 2].min() >= v[:, 2].max() - 1.5, "the section is not its upper end"
    assert abs(cap[:, 2].mean() - tip[2] - P.SUPRASPINOUS_CAP_ABOVE_TIP) <= 2.0
    assert ssl.face_normals[on].mean(axis=0)[2] >= 0.9, "not square to its upward course"
    lo = v[:, 2].min()
    end = v[v[:, 2] < lo + 3.0]
    col = end[np.abs(end[:, 0] - np.median(end[:, 0])) < 1.0][:, 1:]
    # (square to its course there: across the column's long axis in the sagittal plane)
    centred = col - col.mean(axis=0)
    across = np.linalg.svd(centred, full_matrices=False)[2][1]
    thick = float(np.ptp(centred @ across))
    near = v[np.abs(v[:, 2] - (lo + 1.0)) < 0.5]
    width = float(np.ptp(near[:, 0]))
    above = float(np.ptp(v[np.abs(v[:, 2] - (lo + 6.0)) < 0.5][:, 0]))
    assert thick <= 1.2 and width <= 0.7 * above and width >= 3.0 * thick, (
        f"{width:.1f} x {thick:.1f} mm ({above:.1f} wide 6 mm from its end)"
    )
    widest = max(np.ptp(v[np.abs(v[:, 2] - z) < 0.5][:, 0]) for z in np.arange(lo, 30.0, 1.0))
    assert widest <= 2 * max(P.SUPRASPINOUS_HALF_WIDTH) + 1.5, f"widest {widest:.1f} mm"


def test_supraspinous_ligament_sags_between_the_tips(model):
    """Its course undulates over the row of tips: it rises over each tip it is attached to and
    sags slightly forward between them (Gray's Anatomy; Bogduk ch. 4), not a straight strap
    (blind review s38: a straight strap named only as a guess). Its back in the midline, between
    the L5 spinous tip and the S1 tubercle, lies 1.5-3.5 mm in front of the straight line
    joining its back over the two."""
    ssl = model.mesh(SSL)
    tip = _tip(model)
    tubercle = P.S1_TUBERCLE_TOP - P.S1_TUBERCLE_RADII[2]
    zs = np.linspace(tubercle, tip[2], 21)
    n = len(zs)
    behind = np.column_stack([np.full(n, tip[0]), np.full(n, -200.0), zs])
    back = -200.0 + ray_first_hit(ssl, behind, np.tile([0.0, 1.0, 0.0], (n, 1)), 300.0)
    assert np.isfinite(back).all(), f"not one band between the tips: {back.round(1)}"
    chord = np.linspace(back[0], back[-1], n)
    sag = float((back - chord).max())
    assert 1.5 <= sag <= 3.5, f"sags {sag:.2f} mm between the tips: {(back - chord).round(1)}"


def _area(ssl, z: float) -> float:
    """The area of its horizontal section at height ``z``, mm²."""
    path = ssl.section(plane_origin=(0.0, 0.0, z), plane_normal=(0.0, 0.0, 1.0))
    if path is None:
        return 0.0
    loops = [np.asarray(d)[:, :2] for d in path.discrete]
    return float(sum(abs(0.5 * np.sum(p[:-1, 0] * p[1:, 1] - p[1:, 0] * p[:-1, 1])) for p in loops))


def test_supraspinous_ligament_keeps_its_bulk_over_the_tips(model):
    """Over each of its two attachments, the L5 spinous tip and the S1 tubercle, it spreads
    over the tip rather than swelling on it (Gray's: a continuous cord joining the tips;
    Bogduk ch. 4; blind review s43, 2/2: its hoods read as "a tube with round bulges"): its
    horizontal section within 3 mm of the height of each is at most 1.35 times the smallest
    between them (main, stop 44: 1.93 over L5, 1.83 over S1). (Stop 45 replaced this test's
    earlier demand of a saddle, at least 1.6 times the cord's section over each tip, blind
    review s41: "nothing tells which tips it covers": what tells them now is its widening
    and its margins draped down each tip's sides,
    test_supraspinous_ligament_spreads_over_each_tip_without_a_swelling,
    test_supraspinous_ligament_bears_the_imprint_of_each_tip.)"""
    ssl = model.mesh(SSL)
    tip, tubercle = _tip(model)[2], _tubercle_height()
    cord = min(_area(ssl, z) for z in np.arange(tubercle + 4.0, tip - 4.0, 1.0))
    for name, at in (("L5 tip", tip), ("S1 tubercle", tubercle)):
        over = max(_area(ssl, z) for z in np.arange(at - 3.0, at + 3.01, 1.0))
        assert over <= 1.35 * cord, f"{over:.1f} mm² over the {name}, {cord:.1f} between"


def test_supraspinous_ligament_is_even_down_the_crest(model):
    """Below the S1 tubercle's saddle it runs down the median crest as an even band, no bulge or
    waist over each of the crest's tubercles (s41: "random dents"): from 10 mm below the
    tubercle's centre to where it starts to fan out its
    width (every 1 mm) varies by at most
    0.4 mm (main, stop 41: 0.9)."""
    ssl = model.mesh(SSL)
    zs = np.arange(_tubercle_height() - 10.0, P.SUPRASPINOUS_END + P.SUPRASPINOUS_FADE, -1.0)
    widths = np.array([_width(ssl, z) for z in zs])
    assert np.ptp(widths) <= 0.4, f"its width {widths.round(1)} down the crest"
