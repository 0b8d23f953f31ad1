"""The L5-S1 disc fills the wedge between the L5 and S1 endplates: its heights and wedge are the
published ones, it touches both endplates without entering them, and its nucleus sits inside,
slightly posterior, taking about 40-50 % of the cross-section.

Measured on the built meshes, along the L5 body axis (``test_vertebra.l5_frame``).
"""

from __future__ import annotations

import numpy as np
import pytest
import trimesh
from scipy.spatial import cKDTree

from tests.anatomy.test_vertebra import exits, l5_frame
from viewer.anatomy import parameters as P
from viewer.anatomy.geometry import joined

ANNULUS, NUCLEUS = "l5_s1_disc_annulus", "l5_s1_disc_nucleus"
BONES = ("l5_vertebra", "s1_segment")


@pytest.fixture(scope="module")
def disc(model):
    fr = l5_frame(model)
    local = {}
    for sid in (ANNULUS, NUCLEUS, "l5_vertebra", "s1_segment"):
        m = model.mesh(sid)
        local[sid] = trimesh.Trimesh(fr.to_local(m.vertices), m.faces, process=False)
    whole = joined([local[ANNULUS], local[NUCLEUS]])
    return fr, local, whole


def _disc_height(whole, y):
    """Height of the disc along the L5 axis at AP position y in the mid-sagittal plane: from its
    lowest to its highest surface crossing on that line."""
    t = exits(whole, (0.0, y, -40.0), (0.0, 0.0, 1.0))
    return t[-1] - t[0]


def _ap_extent(whole):
    v = whole.vertices[np.abs(whole.vertices[:, 0]) < 1.0]
    return v[:, 1].min(), v[:, 1].max()


def test_disc_heights_and_wedge(disc):
    _, _, whole = disc
    y0, y1 = _ap_extent(whole)
    front = _disc_height(whole, y1 - 3.0)
    back = _disc_height(whole, y0 + 3.0)
    mid = _disc_height(whole, 0.5 * (y0 + y1))
    wedge = np.degrees(np.arctan2(front - back, (y1 - 3.0) - (y0 + 3.0)))
    assert P.DISC_ANTERIOR_HEIGHT.accepts(front), f"anterior height {front:.1f}"
    assert P.DISC_POSTERIOR_HEIGHT.accepts(back), f"posterior height {back:.1f}"
    assert P.DISC_WEDGE.accepts(wedge), f"wedge {wedge:.1f}°"
    assert P.DISC_MID_HEIGHT_RANGE.accepts(mid), f"mid-sagittal height {mid:.1f}"


def _on_the_interface(local, whole, gap: float = 0.4):
    """Faces of ``whole`` (annulus then nucleus) lying on the other part: inside the disc."""
    n_annulus = len(local[ANNULUS].faces)
    near = np.zeros(len(whole.faces), bool)
    for sel, other in ((slice(0, n_annulus), NUCLEUS), (slice(n_annulus, None), ANNULUS)):
        pts = trimesh.sample.sample_surface(local[other], 100000, seed=0)[0]
        near[sel] = cKDTree(pts).query(whole.triangles_center[sel])[0] < gap
    return near


@pytest.mark.parametrize("bone", ["l5_vertebra", "s1_segment"])
def test_disc_touches_the_endplate_without_gap(disc, bone):
    """Over the endplate inside the disc's rim, the disc's face lies on the bone (within 0.5 mm)."""
    _, local, whole = disc
    faces = whole.triangles_center
    up = whole.face_normals[:, 2]
    facing = up > 0.7 if bone == "l5_vertebra" else up < -0.7
    # the disc's outer faces only: not the nucleus-annulus interface inside it
    facing &= ~_on_the_interface(local, whole)
    # the endplate inside its rounded rim: within 70 % of the disc's half-width and half-depth
    # from its centre (an ellipse: on this disc, 1.5 times as wide as deep, a circle of 70 % of
    # its radius reached past its front and back rims, onto the bulging wall under them)
    rel = faces[:, :2] - faces[:, :2].mean(axis=0)
    half = np.percentile(np.abs(rel), 95, axis=0)
    central = np.hypot(*(rel / half).T) < 0.7
    pts = faces[facing & central]
    assert len(pts) > 50
    bone_pts = trimesh.sample.sample_surface(local[bone], 200000, seed=0)[0]
    d = cKDTree(bone_pts).query(pts)[0]
    assert np.percentile(d, 95) <= 0.5, f"gap up to {np.percentile(d, 95):.2f} mm to {bone}"


@pytest.mark.parametrize("bone", ["l5_vertebra", "s1_segment"])
def test_nucleus_does_not_enter_bone(disc, bone):
    """No nucleus vertex lies more than 0.5 mm behind the bone surface nearest to it."""
    _, local, _ = disc
    pts, faces = trimesh.sample.sample_surface(local[bone], 200000, seed=0)
    normals = local[bone].face_normals[faces]
    v = local[NUCLEUS].vertices
    _, i = cKDTree(pts).query(v)
    depth = -np.einsum("ij,ij->i", v - pts[i], normals[i])
    assert depth.max() <= 0.5, f"nucleus enters {bone} by {depth.max():.2f} mm"


def _outline_area(mesh, z):
    """Area inside the outermost loop of the mesh's section at height z (holes not subtracted)."""
    s = mesh.section(plane_origin=(0, 0, z), plane_normal=(0, 0, 1))
    areas = []
    for loop in s.discrete:
        x, y = np.asarray(loop)[:, 0], np.asarray(loop)[:, 1]
        areas.append(0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
    return max(areas)


def test_nucleus_share_and_position(disc):
    """Mid-height cross-section: the nucleus is 40-50 % of the disc, lies inside the annulus, and
    its centre is posterior to the disc's."""
    _, local, whole = disc
    z = float(np.median(local[NUCLEUS].vertices[:, 2]))
    share = _outline_area(local[NUCLEUS], z) / _outline_area(local[ANNULUS], z)
    assert P.DISC_NUCLEUS_AREA_FRACTION.accepts(share), f"nucleus share {share:.2f}"
    annulus_outline = local[ANNULUS].vertices
    assert np.all(np.abs(local[NUCLEUS].vertices[:, 0]) < np.abs(annulus_outline[:, 0]).max() - 3.0)
    c_n = local[NUCLEUS].vertices[:, 1].mean()
    y0, y1 = _ap_extent(whole)
    assert c_n < 0.5 * (y0 + y1), "the nucleus should sit slightly posterior"


def test_disc_within_triangle_budgets(model):
    assert len(model.mesh(ANNULUS).faces) <= 8000
    assert len(model.mesh(NUCLEUS).faces) <= 4000


def _mid_section(local):
    """The annulus's outer loop and the nucleus's loop at the nucleus's mid-height, (x, y)."""
    z = float(np.median(local[NUCLEUS].vertices[:, 2]))
    loops = {}
    for sid in (ANNULUS, NUCLEUS):
        s = local[sid].section(plane_origin=(0, 0, z), plane_normal=(0, 0, 1))
        loops[sid] = max((np.asarray(c)[:, :2] for c in s.discrete), key=lambda c: np.ptp(c[:, 0]))
    return loops


def _reach(loop, direction, through=(0.0, 0.0)):
    """How far ``loop`` reaches from ``through`` along the unit (x, y) ``direction`` (the loop
    resampled every 0.2 mm first: a section's long straight segments have no vertex near the
    line)."""
    loop = np.asarray(loop, float)
    seg = np.diff(loop, axis=0)
    n = np.maximum(np.ceil(np.linalg.norm(seg, axis=1) / 0.2), 1).astype(int)
    loop = np.vstack(
        [
            a + np.linspace(0.0, 1.0, k, endpoint=False)[:, None] * d
            for a, d, k in zip(loop[:-1], seg, n, strict=True)
        ]
        + [loop[-1:]]
    )
    rel = loop - np.asarray(through)
    d = np.asarray(direction, float)
    across = np.abs(rel @ np.array([-d[1], d[0]]))
    near = across < 1.5
    return float((rel[near] @ d).max())


def annulus_thickness(local):
    """Annulus wall thickness at the nucleus's mid-height: in front, behind and at the sides,
    along lines through the nucleus's centre."""
    loops = _mid_section(local)
    c = loops[NUCLEUS].mean(axis=0)
    out = {}
    for name, d in (("front", (0, 1)), ("back", (0, -1)), ("right", (1, 0)), ("left", (-1, 0))):
        out[name] = _reach(loops[ANNULUS], d, c) - _reach(loops[NUCLEUS], d, c)
    return out


def test_annulus_is_thinnest_behind(disc):
    """The annulus is thinnest behind (Bogduk ch. 2; the nucleus lies slightly posterior, A.4):
    its back wall is no thicker than its front wall and thinner than its side walls. At L5/S1
    front and back walls are nearly equal on mid-sagittal MRI (14.1 % and 13.6 % of the disc's
    depth, Medicine (Baltimore) 2014;93(28):e333), so the front is at most 2.5 times the back.
    (This replaced "thickest in front, 1.3 times the back and 1.1 times the sides", which held
    only for a nucleus about 2:1 wide, too wide for its depth: blind review s22.)"""
    t = annulus_thickness(disc[1])
    assert t["back"] <= t["front"] <= 2.5 * t["back"], t
    assert t["back"] < min(t["left"], t["right"]), t
    assert min(t.values()) > 2.0, t


def test_disc_outline_dips_in_at_the_back(disc):
    """Kidney-shaped: in the mid-height section the back of the disc is further forward at the
    midline than 12 mm to either side of it."""
    loop = _mid_section(disc[1])[ANNULUS]
    back = {x: -_reach(loop, (0, -1), (x, 0.0)) for x in (-12.0, 0.0, 12.0)}
    assert back[0.0] > max(back[-12.0], back[12.0]) + 1.0, back


def test_nucleus_bulges_into_both_endplates(disc):
    """The nucleus touches both endplates in its middle and is taller there than at its rim (its
    faces are convex, filling the endplates' dishes). (Taller by 1.5 mm before s44, a lens
    tapering to its rim under the annulus's overhanging inner wall, which blind reviews s40-s43
    found the nucleus could not fit; since s44 the nucleus is bounded round its periphery by the
    annulus's straight inner wall and above and below by the endplates, Bogduk ch. 2, so it is
    taller in the middle by the dishes' depth, L5's about 1 mm over it, and its rounded edge.)"""
    _, local, _ = disc
    v = local[NUCLEUS].vertices
    c = v.mean(axis=0)
    r = np.hypot(*(v[:, :2] - c[:2]).T)
    centre = r < 4.0
    rim = (r > 0.8 * r.max()) & (r < 0.9 * r.max())
    height = np.ptp(v[centre, 2])
    rim_height = np.ptp(v[rim, 2])
    assert height > rim_height + 0.2, (height, rim_height)
    for bone in ("l5_vertebra", "s1_segment"):
        pts = trimesh.sample.sample_surface(local[bone], 200000, seed=0)[0]
        d = cKDTree(pts).query(v[centre])[0]
        assert d.min() < 0.5, f"the nucleus does not reach {bone}"


def test_disc_back_is_concave_between_its_posterolateral_corners(disc):
    """Kidney-shaped: at mid-height the back of the disc at the midline lies at least 1.5 mm in
    front of the line joining its posterolateral corners (its most posterior points left and
    right), a concavity facing the canal (Bogduk ch. 2)."""
    loop = _mid_section(disc[1])[ANNULUS]
    left, right = loop[loop[:, 0] < -5.0], loop[loop[:, 0] > 5.0]
    lc, rc = left[np.argmin(left[:, 1])], right[np.argmin(right[:, 1])]
    assert lc[0] < -5.0 and rc[0] > 5.0, (lc, rc)
    chord_y = lc[1] + (rc[1] - lc[1]) * (0.0 - lc[0]) / (rc[0] - lc[0])
    midline = -_reach(loop, (0, -1), (0.0, 0.0))
    assert midline - chord_y >= 1.5, f"posterior concavity {midline - chord_y:.2f} mm"


def test_nucleus_is_centred_or_slightly_posterior(disc):
    """The nucleus's outline is centred 1-3 mm behind the disc's AP centre (A.4; Bogduk ch. 2: in
    the centre of the disc, slightly posterior)."""
    _, local, whole = disc
    v = local[NUCLEUS].vertices
    y0, y1 = _ap_extent(whole)
    behind = 0.5 * (y0 + y1) - 0.5 * (v[:, 1].min() + v[:, 1].max())
    assert 1.0 <= behind <= 3.0, f"nucleus centre {behind:.2f} mm behind the disc's"


def _thickness(mesh, x, y):
    """Height of ``mesh`` along the L5 axis through (x, y): 0 where the line misses it."""
    t = exits(mesh, (x, y, -40.0), (0.0, 0.0, 1.0))
    return t[-1] - t[0] if len(t) >= 2 else 0.0


def test_nucleus_is_a_convex_lens(disc):
    """The nucleus is thickest at its centre and thins smoothly to a rounded rim (its faces are
    convex, no flat-cut face meeting the side in a sharp edge): across its width its height
    falls steadily, to under 90 % of the central height at 95 % of its half-width, and near its
    rim its upper and lower faces are tilted (mean |normal.z| under 1). (Under 50 % before s44,
    40 % before s40: a lens tapering from its centre, its rim under the annulus's overhanging
    inner wall, which left the annulus's opening 0.48-0.76 of the nucleus's width, blind reviews
    s27, s40-s43: "the nucleus cannot fit the annulus's opening". Since s44 the nucleus is bounded
    round its periphery by the annulus's straight inner wall and above and below by the
    endplates, Bogduk ch. 2: full-sided, its edge rounded.)"""
    _, local, _ = disc
    m = local[NUCLEUS]
    v = m.vertices
    c = 0.5 * (v.min(axis=0) + v.max(axis=0))
    half = 0.5 * np.ptp(v, axis=0)
    for sx in (-1.0, 1.0):
        h = [_thickness(m, c[0] + sx * f * half[0], c[1]) for f in (0.0, 0.5, 0.85, 0.95)]
        assert np.all(np.diff(h) < 0.0), h
        assert h[-1] < 0.9 * h[0], h
    fc, nz = m.triangles_center, m.face_normals[:, 2]
    rho = np.hypot((fc[:, 0] - c[0]) / half[0], (fc[:, 1] - c[1]) / half[1])
    rim = (rho > 0.8) & (rho < 0.95)
    top, bottom = nz[rim & (nz > 0)].mean(), -nz[rim & (nz < 0)].mean()
    # (below, its face lies on S1's plate, flatter than L5's dish and tilted by the disc's wedge:
    # the smooth ellipsoid of issue 8 measures about 0.86 there; above, 0.8 before s44, when the
    # lens's rim curved away from L5's dish under the annulus's overhanging wall)
    assert top < 0.9 and bottom < 0.87, (top, bottom)


def test_nucleus_is_a_compact_core_not_a_small_disc(disc):
    """The nucleus is a plump core, not a scaled-down disc: for its width it is at least 1.4 times
    as tall as the whole disc is for its width (the disc is a flat pad; the flat nucleus this
    replaced measured 1.3), and it spans under 75 % of the disc's width (it spanned 76 %)."""
    _, local, whole = disc
    n, w = local[NUCLEUS].vertices, whole.vertices
    n_width, w_width = np.ptp(n[:, 0]), np.ptp(w[:, 0])
    n_c = 0.5 * (n.min(axis=0) + n.max(axis=0))
    n_ratio = _thickness(local[NUCLEUS], n_c[0], n_c[1]) / n_width
    w_ratio = _disc_height(whole, n_c[1]) / w_width
    assert n_ratio > 1.4 * w_ratio, (n_ratio, w_ratio)
    assert n_width < 0.75 * w_width, (n_width, w_width)


def test_roomiest_point_does_not_jump_between_near_equal_maxima():
    """The foramen and lateral-recess landmarks are soft argmaxes (``routing.roomiest``): with two
    near-equal maxima far apart, a change of the clearances in their last bits (a retriangulated
    mesh) moves the landmark by as little, where an argmax would jump from one to the other."""
    from viewer.anatomy.routing import roomiest

    pts = np.array([[0.0, 0.0, 0.0], [0.0, 10.0, 0.0], [0.0, 20.0, 0.0]])
    a = roomiest(pts, np.array([5.0, 1.0, 5.0 + 1e-9]))
    b = roomiest(pts, np.array([5.0 + 1e-9, 1.0, 5.0]))
    assert np.linalg.norm(a - b) < 1e-6
    assert abs(a[1] - 10.0) < 0.01  # between the two maxima
    # and still the roomiest point where one clearly is
    c = roomiest(pts, np.array([5.0, 1.0, 7.0]))
    assert np.linalg.norm(c - pts[2]) < 0.01


def _section_fill(mesh, origin, normal):
    """Area of ``mesh``'s largest section by a plane over its convex hull's (in the plane)."""
    from scipy.spatial import ConvexHull

    s = mesh.section(plane_origin=origin, plane_normal=normal)
    assert s is not None
    planar, _ = s.to_2D()
    loop = max(planar.discrete, key=len)
    x, y = loop[:, 0], loop[:, 1]
    area = 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
    return area / ConvexHull(loop).volume


def test_nucleus_is_a_smooth_lens_without_plateau(disc):
    """The nucleus is one gel mass, no raised plateau inside a ring step and no hollow: its
    mid-sagittal and coronal sections through its centre fill over 98 % of their convex hulls
    (both faces convex; the plateau and its step cost 1.1 % of its volume; its faces pressed on
    the endplates, which are not perfectly flat, fill 98.4 %), the whole fills over
    93 % of its hull (``test_nucleus_is_a_convex_gel_mass`` asks more), and its centroid lies
    behind the whole
    disc's (the annulus is thinner behind). (This replaced "within 1 % of its convex hull",
    which held only for the perfect ellipsoid the review rejected.)"""
    _, local, whole = disc
    m = local[NUCLEUS]
    assert m.is_watertight
    c = 0.5 * (m.vertices.min(axis=0) + m.vertices.max(axis=0))
    for normal in ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0)):
        fill = _section_fill(m, c, normal)
        assert fill > 0.98, f"section normal to {normal} fills {fill:.3f} of its hull"
    ratio = m.volume / m.convex_hull.volume
    assert ratio > 0.93, f"nucleus fills {ratio:.3f} of its convex hull"
    behind = whole.center_mass[1] - m.center_mass[1]
    assert behind > 1.0, f"nucleus centroid {behind:.2f} mm behind the disc's"


def _ellipse_departure(loop):
    """Largest distance (mm, to first order) of the points of ``loop`` from the ellipse fitted to
    them (the least-squares conic through them)."""
    c = loop.mean(axis=0)
    x, y = (loop - c).T
    design = np.column_stack([x * x, x * y, y * y, x, y, np.ones_like(x)])
    q = np.linalg.svd(design, full_matrices=False)[2][-1]
    value = design @ q
    grad = np.column_stack([2 * q[0] * x + q[1] * y + q[3], q[1] * x + 2 * q[2] * y + q[4]])
    return float(np.abs(value / np.linalg.norm(grad, axis=1)).max())


def test_nucleus_is_a_smooth_convex_oval_not_the_disc_s_kidney(disc):
    """Seen from above the nucleus is a smooth convex oval, not a copy of the disc's kidney
    outline (Bogduk ch. 2: an oval mass in the centre of the disc, slightly posterior; blind
    review s40-s41: "the nucleus ... copies the disc's kidney outline", the bean of s37-s41): at
    its mid-height the back of its outline at the midline lies behind the line joining its most
    posterior points left and right (convex; the bean's back was dented 0.42 mm in front of it),
    and its outline departs from the ellipse fitted to it by under
    ``DISC_NUCLEUS_OUTLINE_SMOOTHNESS`` mm (the bean 1.8). (This replaced "a shallow bean, not a
    pebble nor lobulated", which asked for the dent and a departure over 1 mm.)"""
    loop = _mid_section(disc[1])[NUCLEUS]
    c = 0.5 * (loop.min(axis=0) + loop.max(axis=0))
    left, right = loop[loop[:, 0] < c[0] - 3.0], loop[loop[:, 0] > c[0] + 3.0]
    lc, rc = left[np.argmin(left[:, 1])], right[np.argmin(right[:, 1])]
    chord_y = lc[1] + (rc[1] - lc[1]) * (c[0] - lc[0]) / (rc[0] - lc[0])
    midline = -_reach(loop, (0, -1), (c[0], c[1])) + c[1]
    dent = midline - chord_y
    assert dent <= 0.0, f"its back dented {dent:.2f} mm in at the midline (a bean)"
    departure = _ellipse_departure(loop)
    limit = P.DISC_NUCLEUS_OUTLINE_SMOOTHNESS
    assert departure < limit, f"outline departs {departure:.2f} mm from an ellipse"


def test_nucleus_is_a_convex_gel_mass(disc):
    """The nucleus is one convex gel mass (issue 8): it fills over ``DISC_NUCLEUS_CONVEXITY`` of
    its convex hull (the lobulated bean filled 0.979)."""
    m = disc[1][NUCLEUS]
    ratio = m.volume / m.convex_hull.volume
    assert ratio > P.DISC_NUCLEUS_CONVEXITY, f"nucleus fills {ratio:.3f} of its convex hull"


def test_nucleus_is_an_oval_not_a_flattened_band(disc):
    """Seen from above the nucleus is a central oval at most 1.6 times as wide as deep at its
    equator (it measured 2.3 when the blind review called it "too elongated, about 2.5:1", and
    about 2:1 when it called it "too wide for its front-to-back depth"; a nucleus is nearer
    1.5:1, issue 8), and at least 55 % of the disc's depth at the nucleus's mid-height (at L5/S1
    it is 72 % of the disc's mid-sagittal depth, in vivo MRI, Medicine (Baltimore) 2014)."""
    loops = _mid_section(disc[1])
    n, a = loops[NUCLEUS], loops[ANNULUS]
    ratio = np.ptp(n[:, 0]) / np.ptp(n[:, 1])
    assert ratio <= 1.6, f"nucleus {np.ptp(n[:, 0]):.1f} x {np.ptp(n[:, 1]):.1f} mm ({ratio:.2f}:1)"
    assert np.ptp(n[:, 1]) >= 0.55 * np.ptp(a[:, 1]), (np.ptp(n[:, 1]), np.ptp(a[:, 1]))


def test_nucleus_takes_a_third_of_the_disc_volume(disc):
    """The nucleus is the disc's central core, not most of it: about a third of the disc's volume
    (annulus + nucleus; ``DISC_NUCLEUS_VOLUME_FRACTION``, derived from its share of the
    cross-section, about 40 %, and its lens shape; Bogduk ch. 2)."""
    _, local, _ = disc
    n, a = local[NUCLEUS].volume, local[ANNULUS].volume
    share = n / (n + a)
    assert P.DISC_NUCLEUS_VOLUME_FRACTION.accepts(share), f"nucleus {share:.3f} of the disc volume"


def _opening(annulus, centre, axis):
    """Width (mm) of the hole through ``annulus`` seen along the L5 axis: the run of vertical
    lines through ``centre``, stepped along ``axis`` (0: x, 1: y), that miss it."""
    steps = np.arange(-30.0, 30.0, 0.25)
    hits = []
    for s in steps:
        o = np.array(centre, float)
        o[axis] += s
        hits.append(len(exits(annulus, (o[0], o[1], -40.0), (0.0, 0.0, 1.0))))
    miss = np.array(hits) == 0
    i = lo = hi = int(np.argmin(np.abs(steps)))
    if not miss[i]:
        return 0.0
    while lo > 0 and miss[lo - 1]:
        lo -= 1
    while hi < len(steps) - 1 and miss[hi + 1]:
        hi += 1
    return float(steps[hi] - steps[lo])


def test_annulus_opening_shows_the_nucleus(disc):
    """Seen from above, the annulus's opening onto the endplates is the nucleus's outline: the
    shares ``DISC_NUCLEUS_OPENING_SHARE`` of its width and depth, 0.95-1.1 since s44 (Bogduk ch. 2:
    the nucleus is bounded round its periphery by the annulus; blind review s43, both reviewers:
    the nucleus, 26.4 mm wide, "cannot fit" the 20 mm opening, 0.76 of it). Before s44: (blind
    review s27: the nucleus "about twice as wide as the nucleus cavity in the annulus, so
    the two would not fit if they belong to the same disc"; the opening then measured 0.48 of the
    nucleus's width and 0.44 of its depth; 0.57 in s40-s41, "the nucleus cannot fit the annulus's
    opening"): the shares ``DISC_NUCLEUS_OPENING_SHARE`` of its width and depth (the nucleus lies
    on both endplates over about three quarters of its width, the annulus's inner lamellae
    curving over its rounded rim onto them: Bogduk ch. 2; the cavity's wall curves out round the
    nucleus below its faces: a graded wall, not a straight hole). (50-80 % in s40-s41; 65-95 %
    before s40: a nucleus pressed flat on both endplates out to 0.8 of its half-width, "a flat
    top", blind review s39;
    ``test_disc_nucleus.test_annulus_opening_is_the_nucleus_s_outline``.)"""
    _, local, _ = disc
    v = local[NUCLEUS].vertices
    c = 0.5 * (v.min(axis=0) + v.max(axis=0))
    for axis in (0, 1):
        share = _opening(local[ANNULUS], c, axis) / np.ptp(v[:, axis])
        least, most = P.DISC_NUCLEUS_OPENING_SHARE
        assert least < share < most, f"opening {share:.2f} of the nucleus along axis {axis}"


def test_annulus_cavity_is_the_nucleus(disc):
    """The annulus's cavity is exactly the nucleus's shape: every point of the nucleus's surface
    not on an endplate lies within 1.25 mm of the annulus's inner wall (the nucleus fills the
    cavity, no gap and no overlap), and the cavity's wall is the nucleus's: the annulus's
    surface within 3 mm of the nucleus lies within 1 mm of it. (1 mm before s44: since then the
    annulus's inner wall stands straight at the nucleus's widest outline, Bogduk ch. 2, and the
    nucleus's edge is rounded where its faces meet its side, leaving a crease about 1 mm across
    against each endplate.)"""
    _, local, _ = disc
    n_pts = trimesh.sample.sample_surface(local[NUCLEUS], 20000, seed=1)[0]
    a_pts = trimesh.sample.sample_surface(local[ANNULUS], 60000, seed=1)[0]
    bone = np.vstack([trimesh.sample.sample_surface(local[b], 200000, seed=0)[0] for b in BONES])
    free = cKDTree(bone).query(n_pts)[0] > 0.8
    assert free.sum() > 1000
    d = cKDTree(a_pts).query(n_pts[free])[0]
    assert np.percentile(d, 99) < 1.25, f"nucleus {np.percentile(d, 99):.2f} mm from the annulus"
    d_a = cKDTree(n_pts).query(a_pts)[0]
    wall = d_a[(d_a < 3.0) & (cKDTree(bone).query(a_pts)[0] > 0.8)]
    assert np.percentile(wall, 95) < 1.0, f"cavity wall {np.percentile(wall, 95):.2f} mm off"


def test_disc_front_is_convex(disc):
    """The disc's front is convex, bulging most at the midline (blind review s27: "the anterior
    margin is almost straight; it should be convex"; Bogduk ch. 2: the disc is kidney-shaped,
    convex in front): at mid-height the front at the midline reaches at least 1.3 mm in front of
    the line joining the front 10 mm to either side (1.18 mm when it was read as straight)."""
    loop = _mid_section(disc[1])[ANNULUS]
    front = {x: _reach(loop, (0, 1), (x, 0.0)) for x in (-10.0, 0.0, 10.0)}
    sag = front[0.0] - 0.5 * (front[-10.0] + front[10.0])
    assert sag >= 1.3, f"front bulges {sag:.2f} mm at the midline"


def test_disc_is_widest_near_its_middle(disc):
    """Seen from above the disc is widest near the middle of its depth, not at its posterolateral
    corners (blind review s27): its widest points lie between 38 % and 62 % of its depth from
    the back (36.9 % when the review saw it widest at the corners). The median over five sections
    0.5 mm apart round the disc's mid-height over the nucleus's centre (since s44; before, one
    section at the nucleus's median vertex height, which moved 0.7 mm down when the nucleus
    became full-sided: the outer wall's lamellar grooves move one section's widest point by up
    to 0.09 of the depth from one to the next)."""
    _, local, whole = disc
    c = 0.5 * (local[NUCLEUS].vertices.min(axis=0) + local[NUCLEUS].vertices.max(axis=0))
    t = exits(whole, (c[0], c[1], -40.0), (0.0, 0.0, 1.0)) - 40.0
    mid = 0.5 * (t[0] + t[-1])
    at = []
    for z in mid + np.arange(-1.0, 1.01, 0.5):
        s = local[ANNULUS].section(plane_origin=(0, 0, z), plane_normal=(0, 0, 1))
        loop = max((np.asarray(c)[:, :2] for c in s.discrete), key=lambda c: np.ptp(c[:, 0]))
        y0, y1 = loop[:, 1].min(), loop[:, 1].max()
        for sel in (loop[:, 0] < 0.0, loop[:, 0] > 0.0):
            p = loop[sel]
            at.append((p[np.argmax(np.abs(p[:, 0])), 1] - y0) / (y1 - y0))
    for side in (at[0::2], at[1::2]):
        median = float(np.median(side))
        assert 0.38 <= median <= 0.62, f"widest at {median:.2f} of the depth from the back"


def _front_profile(whole, x, z):
    """How far forward the disc's front wall reaches at (x, z), along -y from in front."""
    out = []
    for zi in z:
        t = exits(whole, (x, 80.0, zi), (0.0, -1.0, 0.0))
        out.append(80.0 - t[0] if len(t) else np.nan)
    return np.array(out)


def test_annulus_front_wall_shows_faint_lamellar_rings(disc):
    """Annulus fibrosus: its lamellae show on its outer surface as faint rings parallel to the
    endplates (Bogduk ch. 2; blind review s23: "no lamellar texture"): up the middle half of the
    front wall (2 mm inside its front at each x) the wall's reach forward, less its smooth bulge
    (a cubic), rises and falls at least twice, 0.05-0.4 mm trough to crest (faint: no ridges a
    finger would catch)."""
    _, _, whole = disc
    front = whole.vertices[:, 1]
    for x in (-8.0, 0.0, 8.0):
        # 2 mm inside the wall's own front at x (the front is convex: behind the disc's foremost)
        y1 = front[np.abs(whole.vertices[:, 0] - x) < 1.0].max()
        hits = exits(whole, (x, y1 - 2.0, -40.0), (0.0, 0.0, 1.0)) - 40.0
        lo, hi = hits[0], hits[-1]
        z = np.linspace(lo + 0.25 * (hi - lo), hi - 0.25 * (hi - lo), 60)
        y = _front_profile(whole, x, z)
        assert not np.isnan(y).any()
        resid = y - np.polyval(np.polyfit(z, y, 3), z)
        crests = np.sum((resid[1:-1] > resid[:-2]) & (resid[1:-1] > resid[2:]) & (resid[1:-1] > 0))
        relief = np.ptp(resid)
        assert crests >= 2 and 0.05 <= relief <= 0.4, (x, int(crests), round(relief, 3))
