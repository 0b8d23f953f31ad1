"""The sciatic nerve's shape as an atlas draws it (issue 8): the sacral plexus the lumbosacral
trunk and the S1-S3 rami converging as separate cords on a broad band facing forwards, the nerve
a flat band over the hip and the upper thigh (flat faces, rounded edges) that grows rounder down
the thigh, its tibial and common fibular divisions side by side from the notch."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from tests.anatomy.nerve_geometry import arc_length, below_piriformis, section, tangent
from viewer.anatomy import parameters as P
from viewer.anatomy import section_caps
from viewer.vocabulary import SIDES


def _profile(model, side: str, at: float) -> tuple[np.ndarray, np.ndarray]:
    """The section ``at`` mm along the sciatic centreline in its principal axes (width, thickness)."""
    cl = model.centerline(f"sciatic_nerve_{side}")
    i = int(np.argmin(np.abs(arc_length(cl) - at)))
    loop = _dense(section(model.mesh(f"sciatic_nerve_{side}"), cl[i], tangent(cl, i)))
    c = loop - loop.mean(0)
    axes = np.linalg.svd(c, full_matrices=False)[2]
    return c @ axes[0], c @ axes[1]


def _dense(loop: np.ndarray, step: float = 0.1) -> np.ndarray:
    """The section's outline (a closed polygon) sampled every ``step`` mm along its edges: a flat
    face decimated into long triangles is crossed by the plane at few points, far apart."""
    a, b = loop, np.roll(loop, -1, axis=0)
    out = []
    for p, q in zip(a, b, strict=True):
        n = max(int(np.ceil(np.linalg.norm(q - p) / step)), 1)
        out.append(p + np.linspace(0.0, 1.0, n, endpoint=False)[:, None] * (q - p))
    return np.vstack(out)


def _thickness(x: np.ndarray, y: np.ndarray, at: float, window: float = 0.8) -> float:
    near = np.abs(x - at) < window
    assert near.sum() >= 2, f"no section {at:.1f} mm from the middle"
    return float(y[near].max() - y[near].min())


def _ratio(model, side: str, at: float) -> float:
    x, y = _profile(model, side, at)
    return float((x.max() - x.min()) / (y.max() - y.min()))


def _exit(model, lm, side: str) -> float:
    cl, k = below_piriformis(model, lm, side)
    return float(arc_length(cl)[k])


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_is_a_flat_band_over_the_hip_and_upper_thigh(model, lm, side):
    """Width 2-3.5 x thickness all the way from below piriformis to 80 mm down the thigh."""
    s0 = _exit(model, lm, side)
    lo, hi = P.SCIATIC_BUTTOCK_FLATTENING
    for at in np.arange(s0, s0 + 80.0, 8.0):
        ratio = _ratio(model, side, at)
        assert lo <= ratio <= hi, f"{at - s0:.0f} mm below piriformis: {ratio:.2f} : 1"


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_has_flat_faces(model, lm, side):
    """Its section is a flattened band with a clear flat middle, not an ellipse: at 0.6 of the
    half-width out to each edge it is still at least 0.93 of its full thickness (an ellipse:
    0.8, read over this window 0.86; a stadium at 2.5 : 1 about 0.9)."""
    s0 = _exit(model, lm, side)
    for at in (s0 + 10.0, s0 + 40.0):
        x, y = _profile(model, side, at)
        x = x - 0.5 * (x.max() + x.min())
        a, full = 0.5 * (x.max() - x.min()), float(y.max() - y.min())
        for edge in (-0.6 * a, 0.6 * a):
            t = _thickness(x, y, edge)
            assert t >= 0.93 * full, f"{at - s0:.0f} mm below piriformis: {t:.1f} of {full:.1f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_grows_rounder_down_the_thigh(model, lm, side):
    """Flat below piriformis, an oval (still wider than thick) at the lower end of the model."""
    cl = model.centerline(f"sciatic_nerve_{side}")
    top = _ratio(model, side, _exit(model, lm, side) + 10.0)
    low = _ratio(model, side, float(arc_length(cl)[-1]) - 15.0)
    assert 1.2 <= low <= top - 0.5, f"{top:.2f} : 1 below piriformis, {low:.2f} : 1 low down"


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_shows_its_two_divisions_down_the_thigh(model, side):
    """A shallow groove down the middle of the band in the thigh between the tibial and the common
    fibular divisions: at least 0.5 mm thinner in the middle than halfway out to either edge."""
    cl = model.centerline(f"sciatic_nerve_{side}")
    x, y = _profile(model, side, float(arc_length(cl)[-1]) - 30.0)
    x = x - 0.5 * (x.max() + x.min())
    a = 0.5 * (x.max() - x.min())
    middle = _thickness(x, y, 0.0)
    sides = min(_thickness(x, y, -0.45 * a), _thickness(x, y, 0.45 * a))
    assert middle <= sides - 0.5, f"{middle:.1f} mm in the middle, {sides:.1f}"


def _plexus(model, side: str) -> tuple[trimesh.Trimesh, np.ndarray, np.ndarray]:
    """The sciatic mesh, its centreline and its surface points within ``SCIATIC_PLEXUS_REACH``
    of the plexus point (its centreline's start)."""
    mesh: trimesh.Trimesh = model.mesh(f"sciatic_nerve_{side}")
    cl = model.centerline(f"sciatic_nerve_{side}")
    pts = trimesh.sample.sample_surface(mesh, 60000, seed=3)[0]
    return mesh, cl, pts[np.linalg.norm(pts - cl[0], axis=1) < P.SCIATIC_PLEXUS_REACH]


def _direction(cl: np.ndarray, a: float, b: float) -> np.ndarray:
    """Unit chord of the centreline ``cl`` from arc length ``a`` to ``b``."""
    s = arc_length(cl)
    pa, pb = (np.array([np.interp(x, s, cl[:, k]) for k in range(3)]) for x in (a, b))
    return (pb - pa) / np.linalg.norm(pb - pa)


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_is_a_thin_flat_band(model, side):
    """The sacral plexus is a flat band on the front of piriformis (issue 8): where the roots
    converge it is no thicker than ``SCIATIC_PLEXUS_MAX_THICKNESS`` across its plane (no root or
    ramus curling out of it like a claw), and several times as wide as it is thick."""
    _, _, pts = _plexus(model, side)
    c = pts - pts.mean(0)
    axes = np.linalg.svd(c, full_matrices=False)[2]
    across = c @ axes[2]
    thick = float(np.percentile(across, 95) - np.percentile(across, 5))
    wide = float(np.percentile(c @ axes[1], 95) - np.percentile(c @ axes[1], 5))
    assert thick <= P.SCIATIC_PLEXUS_MAX_THICKNESS, f"{thick:.1f} mm thick"
    assert wide >= 2.0 * thick, f"{wide:.1f} mm wide, {thick:.1f} mm thick"


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_has_no_knob_where_its_cords_meet(model, lm, side):
    """Where the cords meet (the band's first 6 mm) the plexus is a flat sheet, no thicker than
    ``SCIATIC_PLEXUS_KNOB`` times the band 10 mm below piriformis and wider than it ("the rami
    meet in a round knob", blind review s33: 11 mm thick on a 6 mm band, 19 mm wide)."""
    band = _profile(model, side, _exit(model, lm, side) + 10.0)
    below = float(np.ptp(band[1]))
    for at in (2.0, 5.0):
        x, y = _profile(model, side, at)
        assert np.ptp(y) <= P.SCIATIC_PLEXUS_KNOB * below, f"{np.ptp(y):.1f} mm thick at {at} mm"
        assert np.ptp(x) >= np.ptp(band[0]) + 3.0, f"{np.ptp(x):.1f} mm wide at {at} mm"


@pytest.mark.parametrize("side", SIDES)
def test_roots_converge_on_the_sciatic_nerve_without_a_hook(model, side):
    """The lumbosacral trunk and S1 run into the plexus converging on the nerve's own course
    (their last 15 mm within ``PLEXUS_ROOT_MAX_ANGLE`` of its first 15 mm), not hooking into it
    (turning at most ``PLEXUS_ROOT_MAX_TURN`` over their last 30 mm)."""
    axis = _direction(model.centerline(f"sciatic_nerve_{side}"), 0.0, 15.0)
    for root in (f"l5_nerve_root_{side}", f"s1_nerve_root_{side}"):
        cl = model.centerline(root)
        end = arc_length(cl)[-1]
        last = _direction(cl, end - 15.0, end)
        before = _direction(cl, end - 30.0, end - 15.0)
        angle = np.degrees(np.arccos(np.clip(last @ axis, -1.0, 1.0)))
        turn = np.degrees(np.arccos(np.clip(last @ before, -1.0, 1.0)))
        assert angle <= P.PLEXUS_ROOT_MAX_ANGLE, f"{root} arrives {angle:.0f} deg off the nerve"
        assert turn <= P.PLEXUS_ROOT_MAX_TURN, f"{root} hooks {turn:.0f} deg into the plexus"


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_joins_are_smooth(model, side):
    """Where the cords join the plexus the surface has no crease: away from the cut ends of the
    cords (section caps) hardly any two neighbouring faces there (``PLEXUS_MAX_CREASE_SHARE`` of
    them: a sliver or two at a cut's rim) meet at more than ``PLEXUS_MAX_CREASE`` degrees."""
    mesh, cl, _ = _plexus(model, side)
    cap = section_caps.cap_faces(mesh.faces, section_caps.cut_flags(mesh), mesh.face_normals)
    # faces sharing a vertex with a cap face are its rim
    rim = np.zeros(len(mesh.vertices), bool)
    rim[mesh.faces[cap].ravel()] = True
    near = np.linalg.norm(mesh.triangles_center - cl[0], axis=1) < P.SCIATIC_PLEXUS_REACH
    keep = near & ~rim[mesh.faces].any(axis=1)
    pairs = mesh.face_adjacency
    both = keep[pairs[:, 0]] & keep[pairs[:, 1]]
    angles = np.degrees(mesh.face_adjacency_angles[both])
    share = float((angles > P.PLEXUS_MAX_CREASE).mean())
    assert share <= P.PLEXUS_MAX_CREASE_SHARE, f"{share:.1%} of its edges creased"


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_cords_end_in_flat_cuts(model, lm, side):
    """The sacral rami that form the plexus end where the model leaves them in flat cuts (section
    caps), as an atlas draws a plexus lifted out, not in rounded fingers (a claw): the S2 ventral
    ramus just out of its foramen (the roots' stubs are hidden in the roots)."""
    mesh: trimesh.Trimesh = model.mesh(f"sciatic_nerve_{side}")
    cap = section_caps.cap_faces(mesh.faces, section_caps.cut_flags(mesh), mesh.face_normals)
    centres, areas = mesh.triangles_center[cap], mesh.area_faces[cap]
    near = np.linalg.norm(centres - lm[f"s2_anterior_foramen_{side}"], axis=1) < 5.0
    s2 = float(areas[near].sum())
    assert s2 >= 0.4 * np.pi * (P.S2_VENTRAL_RAMUS_THICKNESS / 2.0) ** 2, f"S2 cut {s2:.1f} mm2"


def _widths(model, lm, side: str, offsets) -> np.ndarray:
    """The band's width (along its section's principal axis) this many mm below piriformis."""
    s0 = _exit(model, lm, side)
    return np.array([np.ptp(_profile(model, side, s0 + d)[0]) for d in offsets])


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_is_widest_below_piriformis_and_varies_gently(model, lm, side):
    """Below piriformis the band is as wide as issue 8 asks (``SCIATIC_WIDTH_RANGE``) and its
    width changes down the thigh as a nerve's does (it narrows and swells again before it narrows
    into the thigh), not a ribbon of one width: somewhere on its way down it grows again by at
    least ``SCIATIC_WIDTH_SWELL`` mm after narrowing."""
    offsets = np.arange(0.0, 150.0, 5.0)
    w = _widths(model, lm, side, offsets)
    lo, hi = P.SCIATIC_WIDTH_RANGE
    assert lo <= w[0] <= hi, f"{w[0]:.1f} mm wide below piriformis"
    assert w[0] >= w.max() - 0.5, f"{w[0]:.1f} mm below piriformis, {w.max():.1f} further down"
    swell = max(float(w[i:].max() - w[i]) for i in range(len(w)))
    assert swell >= P.SCIATIC_WIDTH_SWELL, f"never grows again: {np.round(w, 1)}"


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_faces_forwards(model, side):
    """The sacral plexus lies face-on on the front of piriformis: seen from the front its face is
    seen, the roots converging on it (its plane's normal within ``SCIATIC_PLEXUS_MAX_TILT``
    degrees of the front-to-back axis), not its edge (the normal pointing sideways)."""
    _, _, pts = _plexus(model, side)
    c = pts - pts.mean(0)
    normal = np.linalg.svd(c, full_matrices=False)[2][2]
    tilt = np.degrees(np.arccos(abs(normal[1])))
    assert tilt <= P.SCIATIC_PLEXUS_MAX_TILT, f"faces {tilt:.0f} deg off forwards: {normal}"


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_turns_down_beneath_piriformis(model, lm, side):
    """Out of the pelvis through the greater sciatic foramen the nerve turns down sharply
    beneath piriformis: its course over the 20 mm before the notch and the 25 mm after it differ
    by at least ``SCIATIC_NOTCH_TURN`` degrees (not one long gentle curve), and after it it runs
    down."""
    cl = model.centerline(f"sciatic_nerve_{side}")
    s0 = _exit(model, lm, side)
    before = _direction(cl, max(s0 - 22.0, 0.0), s0 - 2.0)
    after = _direction(cl, s0 + 5.0, s0 + 30.0)
    turn = np.degrees(np.arccos(np.clip(before @ after, -1.0, 1.0)))
    assert turn >= P.SCIATIC_NOTCH_TURN, f"turns {turn:.0f} deg at the notch"
    assert after[2] < -0.6, f"does not run down beyond it: {after}"


def _loops(mesh: trimesh.Trimesh, point, normal, reach: float) -> list[np.ndarray]:
    """The separate outlines where the plane through ``point`` (normal ``normal``) cuts ``mesh``
    within ``reach`` mm of ``point``."""
    sec = mesh.section(plane_origin=point, plane_normal=normal)
    if sec is None:
        return []
    loops = [np.asarray(d) for d in sec.discrete]
    return [lp for lp in loops if np.linalg.norm(lp - point, axis=1).min() < reach]


def _s2_cut(mesh: trimesh.Trimesh, foramen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The S2 ventral ramus's cut end at its foramen: the area-weighted centre of the section-cap
    faces within 5 mm of the foramen and their mean outward normal (a unit vector)."""
    cap = section_caps.cap_faces(mesh.faces, section_caps.cut_flags(mesh), mesh.face_normals)
    near = cap & (np.linalg.norm(mesh.triangles_center - foramen, axis=1) < 5.0)
    assert near.any(), "no cut end at the S2 foramen"
    w = mesh.area_faces[near]
    centre = (mesh.triangles_center[near] * w[:, None]).sum(0) / w.sum()
    out = (mesh.face_normals[near] * w[:, None]).sum(0)
    return centre, out / np.linalg.norm(out)


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_shows_its_roots_as_separate_cords(model, lm, side):
    """The sacral plexus's rami leave their foramina as separate, distinct cords before they fuse
    into its sheet (Gray's Anatomy 42nd ed.; Netter: they fuse within 1-2 cm of the foramina),
    not one webbed lump: ``SCIATIC_PLEXUS_SECTION`` mm along the S2 ventral ramus from its cut
    end at its foramen a plane across it meets a cord no wider than ``SCIATIC_FREE_CORD_WIDTH``
    times the ramus's thickness (the web between it and its neighbours begins further on)."""
    mesh: trimesh.Trimesh = model.mesh(f"sciatic_nerve_{side}")
    centre, out = _s2_cut(mesh, lm[f"s2_anterior_foramen_{side}"])
    point = centre - P.SCIATIC_PLEXUS_SECTION * out
    loop = min(
        _loops(mesh, point, out, 15.0),
        key=lambda lp: float(np.linalg.norm(lp - point, axis=1).min()),
    )
    wide = float(np.ptp(_dense(loop) @ np.linalg.svd(loop - loop.mean(0))[2][0]))
    most = P.SCIATIC_FREE_CORD_WIDTH * P.S2_VENTRAL_RAMUS_THICKNESS
    assert wide <= most, f"{wide:.1f} mm wide {P.SCIATIC_PLEXUS_SECTION} mm out of its cut"


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_band_is_widest_where_the_rami_merge_and_faces_forwards(model, lm, side):
    """From where the cords merge down to the greater sciatic notch the band is seen face-on from
    the front (its extent across the nerve, square to the front-to-back axis) and never narrower
    there than the nerve is below piriformis (Gray's: the sciatic nerve is about 2 cm wide at
    its origin): no thin or twisted neck between the plexus and the nerve."""
    mesh = model.mesh(f"sciatic_nerve_{side}")
    cl = model.centerline(f"sciatic_nerve_{side}")
    s0 = _exit(model, lm, side)
    below = max(np.ptp(_profile(model, side, s0 + d)[0]) for d in (5.0, 15.0, 25.0))
    s = arc_length(cl)
    for at in np.arange(4.0, s0 - 2.0, 3.0):
        i = int(np.argmin(np.abs(s - at)))
        t = tangent(cl, i)
        across = np.cross(t, [0.0, 1.0, 0.0])
        across /= np.linalg.norm(across)
        loop = section(mesh, cl[i], t)
        seen = float(np.ptp(loop @ across))
        assert seen >= below - 1.0, f"{at:.0f} mm down: {seen:.1f} mm seen from the front"


@pytest.mark.parametrize("side", SIDES)
def test_sciatic_nerve_divisions_show_from_the_notch(model, lm, side):
    """The groove between the tibial and the common fibular divisions runs from the greater
    sciatic notch on (the two are bound in one sheath from the plexus), deepening over its first
    15 mm: 20 mm below piriformis, over the hip, the band is at least 0.5 mm thinner in the
    middle than halfway out to either edge."""
    x, y = _profile(model, side, _exit(model, lm, side) + 20.0)
    x = x - 0.5 * (x.max() + x.min())
    a = 0.5 * (x.max() - x.min())
    middle = _thickness(x, y, 0.0)
    sides = min(_thickness(x, y, -0.45 * a), _thickness(x, y, 0.45 * a))
    assert middle <= sides - 0.5, f"{middle:.1f} mm in the middle, {sides:.1f}"


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_s2_ramus_is_a_thick_cord(model, lm, side):
    """The sacral plexus's cords are thick (the trunk and S1 the thickest, S2 a little thinner:
    Gray's Anatomy 42nd ed.), not thin fingers splayed from a palm ("thin splayed cords", blind
    review s34): 5 mm into the S2 ventral ramus from its cut out of its foramen its section is at
    least ``SCIATIC_S2_CORD_MIN_DIAMETER`` across (as a circle of its area)."""
    mesh: trimesh.Trimesh = model.mesh(f"sciatic_nerve_{side}")
    centre, out = _s2_cut(mesh, lm[f"s2_anterior_foramen_{side}"])
    point = centre - 5.0 * out
    loop = min(
        _loops(mesh, point, out, 10.0),
        key=lambda lp: float(np.linalg.norm(lp.mean(0) - point)),
    )
    c = loop - loop.mean(0)
    xy = c @ np.linalg.svd(c, full_matrices=False)[2][:2].T
    area = 0.5 * abs(
        np.dot(xy[:, 0], np.roll(xy[:, 1], 1)) - np.dot(xy[:, 1], np.roll(xy[:, 0], 1))
    )
    across = 2.0 * np.sqrt(area / np.pi)
    assert across >= P.SCIATIC_S2_CORD_MIN_DIAMETER, f"S2 ramus {across:.2f} mm across"


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_narrows_straight_to_the_nerve(model, lm, side):
    """The sacral plexus is a triangle whose apex is the nerve below piriformis (Gray's Anatomy
    42nd ed.: a flattened triangular band; Netter): from the plexus point to the greater sciatic
    notch its width across the nerve narrows steadily (never widening by more than
    ``SCIATIC_SHEET_WIDENING_SLACK``) along straight sides (never narrower than the straight line
    from its width at the plexus point to its width at the notch by more than
    ``SCIATIC_SHEET_STRAIGHTNESS``), not a round palm on a wrist of the nerve's width ("fingers
    from a knot", blind review s36).

    (s45: from 2 mm beyond the lumbosacral trunk's join (``TRUNK_JOIN``), the last of the roots
    to reach the band, no longer from the plexus point: Gray's Anatomy 42nd ed. (the sacral
    plexus): the trunk and the S1-S3 rami converge as separate cords and unite only near the
    lower part of the greater sciatic foramen, so that a section at the plexus point crosses
    the cords' converging ends, 33 mm apart, not the band's sides; its width there is theirs.)

    (s46: from 2 mm beyond the S3 ramus's join (``S3_RAMUS_JOIN``), the last of the rami to
    unite with the band, no longer from the trunk's: the S2 and S3 rami now unite with it only
    at the notch (Gray's Anatomy 42nd ed.: near the lower part of the greater sciatic foramen),
    so that above their joins the band is the trunk and S1 alone, narrower than the triangle
    the united cords make; s46 found it 17.5-18.8 mm wide there, 2.7-2.8 mm inside the straight
    line from the trunk's join.)"""
    s0 = _exit(model, lm, side)
    at = np.arange(P.S3_RAMUS_JOIN[0] + 2.0, s0, 3.0)
    widths = np.array([np.ptp(_profile(model, side, a)[0]) for a in at])
    line = widths[0] + (np.ptp(_profile(model, side, s0)[0]) - widths[0]) * (at - at[0]) / (
        s0 - at[0]
    )
    rise = float(np.diff(widths).max())
    assert rise <= P.SCIATIC_SHEET_WIDENING_SLACK, f"widens by {rise:.1f} mm: {widths.round(1)}"
    short = float((line - widths).max())
    assert short <= P.SCIATIC_SHEET_STRAIGHTNESS, f"{short:.1f} mm in: {widths.round(1)}"
