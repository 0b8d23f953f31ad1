"""The details a student names L5 by (issue 8 part 2), measured on the built L5.

Massive cone-shaped transverse processes rooted on the pedicle and the side of the body; concave
superior facets facing back and in, inferior facets facing forward and out, each a distinct joint
surface; mammillary processes on the back of the superior articular processes; a pars
interarticularis that narrows the arch between the two facets; and the raised rim of each
endplate (the ring apophysis).

Everything is read off the built mesh in the L5 frame (where ``vertebra.l5_pose`` puts it on
S1: origin at the inferior endplate's centre, +z up the body, +y anterior, +x right); rays and
sections are aimed with the model's own facet geometry (where the facets are meant to be), then
measure what is there.
"""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from tests.anatomy.test_vertebra import exits, measure_l5
from viewer.anatomy import parameters as P
from viewer.anatomy import vertebra
from viewer.anatomy.build import BuildContext
from viewer.anatomy.vertebra_shape import facet_geometry

SIDES = {"right": 1.0, "left": -1.0}


@pytest.fixture(scope="module")
def l5(model, lm):
    """(measures, the L5 in its own frame)."""
    measures = measure_l5(model)[0]
    ctx = BuildContext()
    ctx.landmarks.update(lm)
    local = model.mesh("l5_vertebra").copy()
    local.apply_transform(np.linalg.inv(vertebra.l5_pose(ctx)))
    return measures, local


def _mirrored(p, sx: float) -> np.ndarray:
    q = np.array(p, float)
    q[..., 0] *= sx
    return q


def _first_hit(mesh: trimesh.Trimesh, origin, direction) -> tuple[float, np.ndarray] | None:
    """Distance to and face normal at the first surface a ray meets (None when it misses)."""
    loc, _, tri = mesh.ray.intersects_location([origin], [direction])
    if len(loc) == 0:
        return None
    t = (loc - np.asarray(origin, float)) @ np.asarray(direction, float)
    ahead = np.nonzero(t > 1e-6)[0]
    if len(ahead) == 0:
        return None
    k = ahead[np.argmin(t[ahead])]
    return float(t[k]), mesh.face_normals[tri[k]]


def _section_area(mesh: trimesh.Trimesh, x: float) -> float:
    """Area of the bone's cross-section by the sagittal plane at ``x`` (all loops; shoelace in
    the y-z plane)."""
    s = mesh.section([1.0, 0.0, 0.0], [x, 0.0, 0.0])
    if s is None:
        return 0.0
    return float(
        sum(
            abs(
                0.5
                * np.sum(
                    loop[:, 1] * np.roll(loop[:, 2], -1) - np.roll(loop[:, 1], -1) * loop[:, 2]
                )
            )
            for loop in s.discrete
        )
    )


# ---------------------------------------------------------------- transverse processes
@pytest.mark.parametrize("side", SIDES)
def test_transverse_process_is_a_massive_cone(l5, side):
    """Lateral to the pedicle, the transverse process's cross-section is large (over 2 cm² at
    its root, still over 1 cm² near the tip: not a stick) and shrinks steadily towards the tip."""
    _, mesh = l5
    sx = SIDES[side]
    xs = sx * np.array([30.0, 34.0, 38.0, 42.0])
    areas = [_section_area(mesh, x) for x in xs]
    assert areas[0] > 200.0, areas
    assert areas[-1] > 100.0, areas
    assert all(a > b for a, b in zip(areas, areas[1:], strict=False)), areas


@pytest.mark.parametrize("side", SIDES)
def test_transverse_process_is_rooted_on_the_pedicle_and_the_side_of_the_body(l5, side):
    """Just lateral to the pedicle (x = 30 mm) the process's root spans from behind the pedicle
    to in front of the back of the body; and 8 mm in front of the body's back, below the
    process's axis, bone runs on without a break from inside the body to beyond x = 28.5 mm:
    the root reaches forwards onto the side of the body, as at L5 only (without that root, the
    side of the body and the pedicle's root end there at about 26.5 mm)."""
    _, mesh = l5
    sx = SIDES[side]
    body_back = -exits(mesh, (0.0, 0.0, 4.0), (0.0, -1.0, 0.0))[0]
    s = mesh.section([1.0, 0.0, 0.0], [sx * 30.0, 0.0, 0.0])
    assert s is not None
    y = s.vertices[:, 1]
    assert y.max() > body_back + 5.0, (y.max(), body_back)
    assert y.min() < body_back - 8.0, (y.min(), body_back)
    z = P.L5_SHAPE.tp_base[2] - 4.0
    out = exits(mesh, (0.0, body_back + 8.0, z), (sx, 0.0, 0.0))[0]
    assert out > 28.5, out


def _process_height(mesh: trimesh.Trimesh, x: float) -> float:
    """Cranio-caudal height of the transverse process's section by the sagittal plane at ``x``
    (the bone behind the body's front and in front of the articular pillar)."""
    s = mesh.section([1.0, 0.0, 0.0], [x, 0.0, 0.0])
    assert s is not None, x
    v = s.vertices
    v = v[(v[:, 1] < 5.0) & (v[:, 1] > -34.0) & (v[:, 2] > 0.0)]
    return float(np.ptp(v[:, 2]))


@pytest.mark.parametrize("side", SIDES)
def test_transverse_process_tapers_from_a_tall_root_to_a_blunt_tip(l5, side):
    """Seen from the front, L5's transverse process is a thick wedge, a truncated cone: its root
    beside the body at least 17.5 mm tall (Bogduk ch. 1-3: 15-20 mm, the widest cranio-caudally
    there) and at least 1.75 times as tall as the process 45 mm out, whose blunt tip is still
    8 mm tall (stop 40's: 17.0 and 11.0 mm, 1.55 times, a strut of even thickness; blind review
    s40: "slender transverse processes ... L5's are stubby, conical, massive")."""
    _, mesh = l5
    sx = SIDES[side]
    root, tip = _process_height(mesh, sx * 30.0), _process_height(mesh, sx * 45.0)
    assert root > 17.5, (root, tip)
    assert root > 1.75 * tip, (root, tip)
    assert tip > 8.0, (root, tip)


@pytest.mark.parametrize("side", SIDES)
def test_transverse_process_root_spreads_onto_the_side_of_the_body(l5, side):
    """Beside the body (x = 29 mm), 9 mm in front of its back wall, the process's root still
    stands at least 10 mm tall: its broad base runs forward from the pedicle onto the
    posterolateral side of the body (Gray's; Bogduk ch. 1), not off the pedicle alone (stop
    40's: 7.2 mm there)."""
    _, mesh = l5
    sx = SIDES[side]
    body_back = -exits(mesh, (0.0, 0.0, 4.0), (0.0, -1.0, 0.0))[0]
    t = exits(mesh, (sx * 29.0, body_back + 9.0, -20.0), (0.0, 0.0, 1.0))
    assert len(t) >= 2, t
    assert t[1] - t[0] > 10.0, t


def _rectangle_fill(loop: np.ndarray, i: int, j: int) -> float:
    """Area of a closed section loop in the (i, j) coordinate plane over that of its bounding
    rectangle: pi/4 = 0.785 for an ellipse, 1 for a rectangle."""
    u, v = loop[:, i], loop[:, j]
    area = abs(0.5 * np.sum(u * np.roll(v, -1) - np.roll(u, -1) * v))
    return float(area / ((u.max() - u.min()) * (v.max() - v.min())))


@pytest.mark.parametrize("side", SIDES)
def test_transverse_process_is_flat_faced_not_a_sausage(l5, side):
    """Towards its tip (x = 39-43 mm) the transverse process's section is a rounded rectangle,
    flat in front and behind (Gray's: flattened from before backwards), not an ellipse: it fills
    over 0.8 of its bounding rectangle (an ellipse fills 0.785; the elliptic cones of stop 34
    0.78; blind review s34: "processes tubular like sausages")."""
    _, mesh = l5
    sx = SIDES[side]
    for x in (39.0, 40.0, 41.0, 42.0, 43.0):
        s = mesh.section([1.0, 0.0, 0.0], [sx * x, 0.0, 0.0])
        assert s is not None, x
        fill = max(_rectangle_fill(loop, 1, 2) for loop in s.discrete)
        assert fill > 0.8, (x, fill)


# ---------------------------------------------------------------- facets
def _facet_rays(mesh, centre, normal, offsets=(-4.0, -2.0, 0.0, 2.0, 4.0), heights=(-3, 0, 3)):
    """Rays shot at the facet along -normal from 10 mm out, spread across it (along the axial
    tangent) and up and down: {(offset, height): (depth, face normal)}."""
    t = np.cross((0.0, 0.0, 1.0), normal)
    out = {}
    for o in offsets:
        for h in heights:
            start = centre + 10.0 * normal + o * t + (0.0, 0.0, h)
            hit = _first_hit(mesh, start, -normal)
            assert hit is not None, f"no bone at the facet ({o}, {h})"
            out[(o, h)] = hit
    return out


@pytest.mark.parametrize("side", SIDES)
def test_superior_facet_faces_back_and_in_and_is_concave(l5, side):
    _, mesh = l5
    sx = SIDES[side]
    c, n = facet_geometry(P.L5_SHAPE)["superior"]
    c, n = _mirrored(c, sx), _mirrored(n, sx)
    # facing back (-y) and towards the midline
    assert n[1] < -0.5 and n[0] * sx < -0.5
    hits = _facet_rays(mesh, c, n)
    for key, (_, normal) in hits.items():
        assert normal @ n > 0.8, (key, normal @ n)
    depth = {o: np.mean([hits[(o, h)][0] for h in (-3, 0, 3)]) for o in (-4.0, 0.0, 4.0)}
    # concave: the middle of the surface lies deeper than its two edges
    assert depth[0.0] - 0.5 * (depth[-4.0] + depth[4.0]) > 0.5, depth


@pytest.mark.parametrize("side", SIDES)
def test_inferior_facet_faces_forward_and_out(l5, side):
    _, mesh = l5
    sx = SIDES[side]
    c, n = facet_geometry(P.L5_SHAPE)["inferior"]
    c, n = _mirrored(c, sx), _mirrored(n, sx)
    assert n[1] > 0.5 and n[0] * sx > 0.3
    hits = _facet_rays(mesh, c, n)
    for key, (_, normal) in hits.items():
        assert normal @ n > 0.7, (key, normal @ n)


@pytest.mark.parametrize("kind", ["superior", "inferior"])
def test_facets_are_distinct_joint_surfaces(l5, kind):
    """Each facet is a smooth articular area of 0.8-2.5 cm² (A.1: 0.8-2.2 cm² observed) whose
    normals stay within 35° of the facet's direction, bounded by an edge where the surface turns
    away (the area stops growing well before the process's far side)."""
    _, mesh = l5
    c, n = facet_geometry(P.L5_SHAPE)[kind]
    near = np.linalg.norm(mesh.triangles_center - c, axis=1) < 14.0
    facing = (mesh.face_normals @ n) > np.cos(np.radians(35.0))
    seed = np.nonzero(near & facing)[0]
    assert len(seed), "no surface faces the way the facet should"
    start = seed[np.argmin(np.linalg.norm(mesh.triangles_center[seed] - c, axis=1))]
    # the connected patch of facing triangles around the facet's middle
    ok = near & facing
    adj = mesh.face_adjacency[ok[mesh.face_adjacency].all(axis=1)]
    graph = trimesh.graph.connected_components(adj, nodes=np.nonzero(ok)[0])
    patch = next(g for g in graph if start in g)
    area = float(mesh.area_faces[patch].sum())
    assert 80.0 < area < 250.0, area


# ---------------------------------------------------------------- tubercles, pars, rims
@pytest.mark.parametrize("side", SIDES)
def test_mammillary_process_bulges_from_the_back_of_the_superior_articular_process(l5, side):
    """Seen from behind, just below the superior articular process's middle, the bone's back
    surface stands out in a tubercle at least 4 mm further back than the surface 6 mm to either
    side (the process alone, without the tubercle, stands out under 2 mm there)."""
    _, mesh = l5
    sx = SIDES[side]
    cx, _, cz = P.L5_SHAPE.mammillary_center
    z = cz - 3.0

    def back(x):
        hit = _first_hit(mesh, (sx * x, -80.0, z), (0.0, 1.0, 0.0))
        assert hit is not None
        return -80.0 + hit[0]

    peak = min(back(x) for x in np.arange(cx - 2.0, cx + 2.5, 0.5))
    assert back(cx - 6.0) - peak > 4.0, (back(cx - 6.0), peak)
    assert back(cx + 6.0) - peak > 4.0, (back(cx + 6.0), peak)


@pytest.mark.parametrize("side", SIDES)
def test_pars_interarticularis_narrows_the_arch_between_the_facets(l5, side):
    """Behind the transverse process, the arch's lateral outline narrows between the superior
    and the inferior articular processes: the pars is at least 3.25 mm narrower than both, a
    waist that shows from behind (stop 40's: 2.2 mm at this height, 2.8 mm at its deepest;
    blind review s40: "pars interarticularis not visible")."""
    _, mesh = l5
    sx = SIDES[side]
    v = mesh.vertices
    behind = (v[:, 1] < -31.0) & (v[:, 1] > -42.0) & (v[:, 0] * sx > 0.0)

    def reach(z_lo, z_hi):
        sel = behind & (v[:, 2] > z_lo) & (v[:, 2] < z_hi)
        return float((v[sel, 0] * sx).max())

    s = P.L5_SHAPE
    sap = reach(s.sap_center[2] - 4.0, s.sap_center[2] + 4.0)
    iap = reach(s.iap_center[2] - 4.0, s.iap_center[2] + 4.0)
    pars_z = s.pars_notch_center[2]
    pars = reach(pars_z - 1.0, pars_z + 1.0)
    assert pars < min(sap, iap) - 3.25, (pars, sap, iap)


@pytest.mark.parametrize("face", ["superior", "inferior"])
def test_endplates_have_a_raised_rim(l5, face):
    """Along the mid-sagittal line, the endplate's rim (the ring apophysis, 2 mm inside the front
    edge) stands at least 0.6 mm proud of the endplate 8 mm further in."""
    m, mesh = l5
    front = exits(mesh, (0.0, 0.0, 4.0), (0.0, 1.0, 0.0))[0]
    down = face == "superior"
    z0, d = (80.0, (0.0, 0.0, -1.0)) if down else (-80.0, (0.0, 0.0, 1.0))

    def level(y):
        hit = _first_hit(mesh, (0.0, y, z0), d)
        assert hit is not None
        return z0 - hit[0] if down else z0 + hit[0]

    rim, inner = level(front - 2.0), level(front - 10.0)
    # the superior endplate is wedged (rises forwards about 0.17 mm per mm): compare with it
    wedge = (m.height_anterior - m.height_posterior) / m.body_depth_inferior * 8.0
    proud = (rim - inner - wedge) if down else (inner - rim)
    assert proud > 0.6, (face, rim, inner, wedge)


@pytest.mark.parametrize(
    ("direction", "proud"),
    [((0.0, 1.0, 0.0), 2.0), ((1.0, 0.0, 0.0), 3.0), ((-1.0, 0.0, 0.0), 3.0)],
)
def test_body_is_a_spool_between_lipped_rims(l5, direction, proud):
    """Seen from the side and from the front, the body is a spool: its wall is concave between
    the raised rims of its endplates (the ring apophyses, Gray's Anatomy 42nd ed., "Vertebral
    column"; Bogduk 5th ed. ch. 1), so the wall in the lowest and in the highest quarter of the
    body stands proud of the waist in its middle third: at least 2 mm in front and 3 mm on
    each side (the sides more hollowed than the front). The mean L5 (A.1, aligned as in
    test_reference_shapes_l5) stands 1.5-2.5 mm further out than stop 42's model just above and
    below its rims in front and 0.5 mm at mid-height; stop 42's lips stood 0.9-1.4 mm proud in
    front and 2.1 mm at the sides (blind review s42: the body not waisted)."""
    _, mesh = l5
    d = np.asarray(direction)
    origin_y = -1.0  # the body's middle, in front of the canal

    def wall(z: float) -> float:
        t = exits(mesh, (0.0, origin_y, z), d)
        assert len(t), z
        return float(t[0])

    # the superior endplate's height 3 mm inside the wall at mid-height
    w_mid = wall(14.0)
    top = 80.0 - exits(mesh, np.array((0.0, origin_y, 80.0)) + (w_mid - 3.0) * d, (0, 0, -1))[0]
    zs = np.arange(1.0, top - 0.5, 0.5)
    walls = np.array([wall(z) for z in zs])
    u = (zs - zs[0]) / (zs[-1] - zs[0])
    waist = walls[(u > 1 / 3) & (u < 2 / 3)].min()
    low, high = walls[u < 0.25].max(), walls[u > 0.75].max()
    assert min(low, high) - waist > proud, (low, waist, high)


# ---------------------------------------------------------------- spinous process
def _spinous_sections(local: trimesh.Trimesh, depths) -> list[tuple[float, float]]:
    """(span along the body axis, lateral thickness at the span's middle) of the midline bone,
    ``depth`` mm in front of the spinous process's posterior end."""
    end = local.vertices[:, 1].min()
    out = []
    for d in depths:
        y = end + d
        t = exits(local, (0.0, y, -40.0), (0.0, 0.0, 1.0))
        assert len(t) >= 2, f"no spinous process {d} mm in front of its end"
        zc = -40.0 + 0.5 * (t[0] + t[1])
        w = exits(local, (-20.0, y, zc), (1.0, 0.0, 0.0))
        out.append((float(t[1] - t[0]), float(w[1] - w[0])))
    return out


def test_spinous_process_is_a_tall_thin_plate_not_a_rod(l5):
    """The spinous process is a flat, quadrilateral ("hatchet") plate in the sagittal plane
    (Gray's; Bogduk ch. 1): full height right up to its posterior border (a rod ending in a knob
    rounds off there: the previous model spanned 7.6 mm 1 mm in from its end), at least as tall
    at its free end as further in, and thin (about 7 mm near the tip in the mean L5, A.1)."""
    sections = _spinous_sections(l5[1], (1.0, 3.0, 7.0, 11.0, 15.0))
    heights = [h for h, _ in sections]
    thick = [w for _, w in sections]
    assert heights[0] > 14.0, sections
    assert heights[1] >= heights[-1], sections
    assert all(3.5 < w < 8.0 for w in thick[1:4]), sections


def test_spinous_process_is_a_hatchet_deepest_at_its_posterior_border(l5):
    """Seen from the side the spinous process is a hatchet: quadrilateral, deepest at its
    thickened posterior border, 3 mm in from its end at least 1.15 times as tall as 19 mm in,
    where it narrows forwards to the laminae (Bogduk ch. 1; stop 40's: 1.08, a plate of even
    height; blind review s40: "should be a short hatchet ... here a thin rod")."""
    (end, _), (root, _) = _spinous_sections(l5[1], (3.0, 19.0))
    assert end > 1.15 * root, (end, root)


def _spinous_thickness_profile(local: trimesh.Trimesh, depth: float, levels) -> list[float]:
    """Lateral thickness of the midline bone ``depth`` mm in front of the spinous process's
    posterior end, at the given relative heights (0: its lower border, 1: its upper border)."""
    y = local.vertices[:, 1].min() + depth
    t = exits(local, (0.0, y, -40.0), (0.0, 0.0, 1.0))
    out = []
    for level in levels:
        z = -40.0 + t[0] + level * (t[1] - t[0])
        w = exits(local, (-20.0, y, z), (1.0, 0.0, 0.0))
        out.append(float(w[1] - w[0]))
    return out


def test_spinous_posterior_border_is_an_oblong_seen_from_behind(l5):
    """The process ends in a thickened, oblong posterior border (Gray's: "thick and broad ...
    ending in a thickened border"; Bogduk ch. 1): seen from behind, a rounded rectangle about
    7 mm thick over most of its height, not a lens pointed at its top and bottom. 3 mm in from
    the end, the bone is at least 75 % as thick a sixth of the way in from its upper and lower
    borders as at mid-height (the mean L5, A.1, aligned as in test_reference_shapes_l5: 0.77 and
    0.78, 6.6 mm at mid-height; the previous model's: 0.70 and 0.61, pointed)."""
    low, mid, high = _spinous_thickness_profile(l5[1], 3.0, (1.0 / 6.0, 0.5, 5.0 / 6.0))
    assert 6.0 < mid < 8.5, (low, mid, high)
    assert min(low, high) >= 0.75 * mid, (low, mid, high)


def test_spinous_process_is_no_taller_than_the_mean_l5(l5):
    """Between 7 and 15 mm in front of its end the spinous process of the mean L5 (A.1, aligned
    as in test_reference_shapes_l5) stands 17.6-19.4 mm tall: the model's, nowhere taller than
    that by more than the 1.2 mm mean distance the whole bone may stray from the mean (the
    previous model's stood 21.2-22.1 mm tall, too bulky a plate for the smallest lumbar
    spinous process, Gray's)."""
    heights = [h for h, _ in _spinous_sections(l5[1], (1.0, 3.0, 7.0, 11.0, 15.0))]
    assert max(heights) <= 19.4 + 1.2, heights
