"""The derived bones as built: S1 segment and lower sacrum, hip bones, proximal femurs.

Everything is measured on the built meshes; the published landmarks only say
where to look (which foramen, along which axis).
"""

from __future__ import annotations

import numpy as np
import pytest
from trimesh.proximity import signed_distance

from tests.anatomy.tissue_geometry import inside
from viewer.anatomy import frame, pelvis_landmarks, section_caps
from viewer.anatomy import parameters as P
from viewer.anatomy.frame import side_sign
from viewer.anatomy.geometry import joined, to_manifold
from viewer.vocabulary import SIDES

BUDGET = {
    # with the broad laminae grown out of the bone and the superior articular processes
    # with their concave facets (stop 24: 26,698 triangles); with the endplate's fillet into the
    # alae (stop 37: 27,890, 28,050 on a perturbed build: the count comes from the booleans'
    # seams, so it varies by a few hundred between machines)
    "s1_segment": 29_000,
    # with the S3/S4 foramina, the median crest, the coccyx and the evenly triangulated S1/S2
    # section (about 1,400 triangles where the boolean left a 300-triangle fan); with the
    # pelvic surface's transverse ridges and the ventral rami's grooves (stop 41: 27,592; the
    # model's total stays under the 450,000)
    "sacrum_lower": 28_500,
    "hip_bone_left": 30_000,
    "hip_bone_right": 30_000,
    "femur_left": 15_000,
    "femur_right": 15_000,
}


@pytest.fixture(scope="module")
def sacrum(model):
    return joined([model.mesh("s1_segment"), model.mesh("sacrum_lower")])


def _sphere(points):
    A = np.column_stack([2 * points, np.ones(len(points))])
    sol = np.linalg.lstsq(A, (points**2).sum(1), rcond=None)[0]
    return sol[:3], float(np.sqrt(sol[3] + sol[:3] @ sol[:3]))


def _femoral_head(femur, side):
    """Sphere fitted to the femoral head of a built femur: start at its top, keep the points that
    lie on the sphere."""
    v = femur.vertices
    medial = -side_sign(side)
    top = v[np.argmax(v[:, 2] + 0.6 * medial * v[:, 0])]
    c, r = top - np.array([0.0, 0.0, 20.0]), 20.0
    for _ in range(10):
        d = np.linalg.norm(v - c, axis=1)
        c, r = _sphere(v[(d < 1.25 * r) & (np.abs(d - r) < max(2.0, 0.15 * r))])
    return c, r


#: the articular (lunate) surface lies within this of the femoral head's sphere, mm: the joint
#: space and the two cartilages (the acetabular fossa lies ACETABULAR_FOSSA_DEPTH deeper still)
LUNATE_REACH = 3.0


def _acetabulum(hip, near, radius):
    """Sphere fitted to the hip bone's articular (lunate) surface facing the head: the socket's
    surface facing the head's centre ``near`` and lying within ``LUNATE_REACH`` of its sphere.

    The head articulates with the lunate surface only (Gray's Anatomy, 42nd ed., the hip joint):
    the acetabular fossa inside the horseshoe lies a few millimetres deeper, filled by the fat
    pad and the ligament of the head. Its floor and the upper part of its step are left out of
    every round of the fit (a fit free to take whatever lay within 3 mm of its own last sphere
    crept onto the step's finely triangulated wall and drifted 2.8-7.5 mm off the head once the
    fossa was made as large as the bone's, stop 42-43)."""
    v, n = hip.vertices, hip.vertex_normals
    articular = np.linalg.norm(v - near, axis=1) - radius < LUNATE_REACH
    c, r = near, radius
    for _ in range(10):
        d = np.linalg.norm(v - c, axis=1)
        facing = (n * (c - v)).sum(1) > 0.6 * d
        c, r = _sphere(v[articular & facing & (np.abs(d - r) < 3.0)])
    return c, r


def _inside(poly, p):
    x, y = poly[:, 0], poly[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    cross = ((y > p[1]) != (y2 > p[1])) & (p[0] < (x2 - x) * (p[1] - y) / (y2 - y + 1e-300) + x)
    return cross.sum() % 2 == 1


def _hole(mesh, centre, axis, up):
    """The foramen's own outline: the smallest closed section loop around the foramen's axis, in
    the plane normal to the axis just inside the opening. Returns (height, width, centre)."""
    u = up - (up @ axis) * axis
    u /= np.linalg.norm(u)
    w = np.cross(axis, u)
    for inset in np.arange(0.25, 4.0, 0.25):
        o = centre - inset * axis
        sec = mesh.section(plane_normal=axis, plane_origin=o)
        if sec is None:
            continue
        loops = []
        for loop in sec.discrete:
            q = np.c_[(loop - o) @ u, (loop - o) @ w]
            area = abs(np.sum(q[:, 0] * np.roll(q[:, 1], -1) - np.roll(q[:, 0], -1) * q[:, 1])) / 2
            if _inside(q, (0.0, 0.0)) and area < 400.0:
                loops.append((area, np.ptp(q[:, 0]), np.ptp(q[:, 1]), loop.mean(0)))
        if loops:
            return min(loops, key=lambda t: t[0])[1:]
    return None


# ---------------------------------------------------------------- meshes
@pytest.mark.parametrize("sid", sorted(BUDGET))
def test_derived_bone_is_a_closed_solid_within_budget(model, sid):
    mesh = model.mesh(sid)
    assert mesh.is_watertight and mesh.is_winding_consistent
    assert mesh.volume > 0
    assert len(mesh.faces) <= BUDGET[sid]
    assert len(mesh.split(only_watertight=False)) == 1


def test_s1_segment_and_lower_sacrum_touch_without_overlapping(model):
    a, b = to_manifold(model.mesh("s1_segment")), to_manifold(model.mesh("sacrum_lower"))
    assert (a ^ b).volume() < 1.0  # mm^3: no overlap
    assert a.min_gap(b, 1.0) < 0.01  # they meet along the cut
    # one piece above the other along the sacrum
    n = np.array(
        [0.0, np.sin(np.radians(P.SACRAL_SLOPE.value)), np.cos(np.radians(P.SACRAL_SLOPE.value))]
    )
    assert (model.mesh("s1_segment").centroid - model.mesh("sacrum_lower").centroid) @ n > 20.0


# ---------------------------------------------------------------- sacrum
def test_sacral_length(sacrum, model, lm):
    """Promontory (front edge of the S1 endplate in the midline) to apex (the sacrum's lowest
    point, where the coccyx joins it: the lowest point of the built sacrum above the coccyx)."""
    s1 = model.mesh("s1_segment")
    v = s1.vertices
    mid = v[(np.abs(v[:, 0]) < 3.0) & (np.linalg.norm(v, axis=1) < 40.0)]
    promontory = mid[np.argmax(mid[:, 1])]
    above_coccyx = sacrum.vertices[sacrum.vertices[:, 2] > lm["sacral_apex"][2] - 0.5]
    apex = above_coccyx[np.argmin(above_coccyx[:, 2])]
    length = np.linalg.norm(promontory - apex)
    assert P.SACRAL_LENGTH.accepts(float(length)), length


def test_sacral_width(sacrum):
    """Maximum width across the alae. The LLP26 mean (117 mm) is wider than the 30 Indian dry
    sacra of the A.3 series (103.6 +- 6.8): it lies within 1 SD of the inter-auricular width of
    the Oman series and within 2 SD of the dry-sacra mean."""
    width = np.ptp(sacrum.vertices[:, 0])
    assert P.SACRAL_INTERAURICULAR_WIDTH.accepts(width), width
    sd = P.SACRAL_WIDTH.sd
    assert sd is not None
    assert abs(width - P.SACRAL_WIDTH.value) <= 2 * sd, width


def test_sacral_slope_of_the_built_endplate(model):
    """Plane fitted to the upward-facing surface of S1 around the origin (the endplate)."""
    s1 = model.mesh("s1_segment")
    c, n, a = s1.triangles_center, s1.face_normals, s1.area_faces
    sel = (np.linalg.norm(c, axis=1) < 16.0) & (n[:, 2] > 0.3)
    centroid = (c[sel] * a[sel, None]).sum(0) / a[sel].sum()
    normal = np.linalg.svd((c[sel] - centroid) * np.sqrt(a[sel])[:, None])[2][2]
    normal *= np.sign(normal[2])
    slope = np.degrees(np.arccos(normal[2]))
    assert P.SACRAL_SLOPE.accepts(slope), slope
    assert normal[1] > 0  # the endplate faces forwards
    assert np.linalg.norm(centroid) < 3.0  # the origin is the endplate's centre


@pytest.mark.parametrize("side", SIDES)
def test_s1_foramina_openings_have_published_size(model, lm, side):
    s1 = model.mesh("s1_segment")
    up = lm["s1_endplate_normal"]
    for kind, h_ref, w_ref in (
        ("s1_anterior", P.S1_ANTERIOR_FORAMEN_HEIGHT, P.S1_ANTERIOR_FORAMEN_WIDTH),
        ("s1_posterior", P.S1_POSTERIOR_FORAMEN_HEIGHT, P.S1_POSTERIOR_FORAMEN_WIDTH),
    ):
        hole = _hole(s1, lm[f"{kind}_foramen_{side}"], lm[f"{kind}_foramen_axis_{side}"], up)
        assert hole is not None, f"{kind} {side}: no opening"
        height, width, _ = hole
        assert h_ref.accepts(height), (kind, height)
        assert w_ref.accepts(width), (kind, width)


@pytest.mark.parametrize("side", SIDES)
def test_s1_posterior_foramen_distance_from_midline(model, lm, side):
    hole = _hole(
        model.mesh("s1_segment"),
        lm[f"s1_posterior_foramen_{side}"],
        lm[f"s1_posterior_foramen_axis_{side}"],
        lm["s1_endplate_normal"],
    )
    assert hole is not None
    assert P.S1_POSTERIOR_FORAMEN_LATERAL.accepts(abs(hole[2][0])), hole[2]


@pytest.mark.parametrize("side", SIDES)
def test_foramina_are_through_holes(model, lm, side):
    """A straight line through each opening along its axis meets no bone."""
    for kind, sid in (
        ("s1_anterior", "s1_segment"),
        ("s1_posterior", "s1_segment"),
        ("s2_anterior", "sacrum_lower"),
        ("s2_posterior", "sacrum_lower"),
    ):
        mesh = model.mesh(sid)
        c, axis = lm[f"{kind}_foramen_{side}"], lm[f"{kind}_foramen_axis_{side}"]
        start = c - 5.0 * axis
        assert not inside(mesh, [start])[0], kind
        locs, _, _ = mesh.ray.intersects_location([start], [axis])
        assert len(locs) == 0, kind
    # the canal and the four S1 tunnels give the S1 segment handles (genus > 0)
    assert 1 - model.mesh("s1_segment").euler_number // 2 >= 3


@pytest.mark.parametrize("side", SIDES)
def test_s1_root_runs_from_the_canal_through_the_anterior_foramen_without_touching_bone(
    model, lm, side
):
    path = lm[f"s1_anterior_foramen_path_{side}"]
    pts = np.vstack([np.linspace(a, b, 12) for a, b in zip(path[:-1], path[1:], strict=True)])
    radius = (P.S1_ROOT_THICKNESS.value + P.S1_ROOT_THICKNESS.tolerance()) / 2
    for sid in ("s1_segment", "sacrum_lower"):
        clearance = -signed_distance(model.mesh(sid), pts)  # trimesh: positive inside
        assert clearance.min() > radius, (sid, clearance.min())
    # it starts in the canal (the S1 body in front, the sacral roof behind, near the midline)
    # and ends in the pelvis, in front of the sacrum
    sacrum = joined([model.mesh("s1_segment"), model.mesh("sacrum_lower")])
    start, end = path[0], path[-1]
    assert abs(start[0]) < P.SACRAL_CANAL_TOP_WIDTH / 2
    assert len(sacrum.ray.intersects_location([start], [lm["s1_endplate_anterior"]])[0])
    assert len(sacrum.ray.intersects_location([start], [-frame.ANTERIOR])[0])
    assert (end - start) @ lm["s1_endplate_anterior"] > 10.0


# ---------------------------------------------------------------- hip
@pytest.mark.parametrize("side", SIDES)
def test_femoral_head_sits_in_the_acetabulum(model, side):
    femur, hip = model.mesh(f"femur_{side}"), model.mesh(f"hip_bone_{side}")
    head, r = _femoral_head(femur, side)
    socket, R = _acetabulum(hip, head, r)
    assert 19.0 < r < 28.0  # adult femoral head radius
    assert np.linalg.norm(head - socket) < 2.0
    assert r < R < r + 4.0  # a thin joint space all round
    overlap = (to_manifold(femur) ^ to_manifold(hip)).volume()
    assert overlap < 0.01 * 4 / 3 * np.pi * r**3, overlap


def _isb_pelvis_axes(lm):
    """ISB pelvis frame of the built pelvis: origin between the ASIS, Z to the right ASIS, X
    anterior in the plane of the ASIS and the PSIS midpoint, Y up."""
    origin = (lm["asis_left"] + lm["asis_right"]) / 2
    z = lm["asis_right"] - lm["asis_left"]
    width = np.linalg.norm(z)
    z = z / width
    x = origin - (lm["psis_left"] + lm["psis_right"]) / 2
    x = x - (x @ z) * z
    x /= np.linalg.norm(x)
    return origin, np.column_stack([x, np.cross(z, x), z]), width


def test_hip_joint_centre_against_published_predictions(model, lm):
    """Hip centre (sphere fitted to the built femoral head) in the ISB pelvis frame of the built
    pelvis (ASIS and PSIS landmarks of the built hip bones).

    Against the Tylkowski-Bell prediction from the inter-ASIS distance: within its 95 % error.
    Against the two OpenSim pelvis models (scaled to our inter-ASIS width): within 20 mm of the
    nearer one (the two models themselves are 20 mm apart), lateral offset within 10 % of
    gait2392's. (gait2392's "lumbosacral" back joint sits at the iliac-crest level, about L4-L5,
    not at the S1 endplate, so a comparison relative to it would measure that offset instead.)"""
    origin, axes, width = _isb_pelvis_axes(lm)
    scale = width / P.OPENSIM_INTER_ASIS
    for side in SIDES:
        sign = side_sign(side)
        head, _ = _femoral_head(model.mesh(f"femur_{side}"), side)
        ours = (head - origin) @ axes
        ours[2] *= sign
        bell = (
            np.array(
                [
                    -P.HIP_CENTER_POSTERIOR_OF_ASIS.value,
                    -P.HIP_CENTER_DISTAL_OF_ASIS.value,
                    0.5 - P.HIP_CENTER_MEDIAL_OF_ASIS.value,
                ]
            )
            * width
        )
        assert np.linalg.norm(ours - bell) < P.HIP_CENTER_PREDICTION_ERROR_95, (ours, bell)
        models = [
            scale * np.array(P.OPENSIM_HIP_CENTER_RIGHT),
            scale * np.array(P.RAJAGOPAL_HIP_CENTER_RIGHT),
        ]
        assert min(np.linalg.norm(ours - m) for m in models) < 20.0, ours
        assert abs(ours[2] - models[0][2]) < 0.10 * models[0][2]


def test_opensim_points_land_on_our_pelvis(model, lm):
    """Mapped OpenSim pelvis points fall on or near our bones: the right ASIS onto our right ASIS,
    the hip centre into our acetabulum, gait2392's piriformis origin onto the front of the
    sacrum."""
    asis = frame.opensim_pelvis_to_model([0.0, 0.0, P.OPENSIM_INTER_ASIS / 2], lm)
    assert np.linalg.norm(asis - lm["asis_right"]) < 1.0
    hip = frame.opensim_pelvis_to_model(P.OPENSIM_HIP_CENTER_RIGHT, lm)
    head, r = _femoral_head(model.mesh("femur_right"), "right")
    assert np.linalg.norm(hip - head) < r / 2
    left_hip = frame.opensim_pelvis_to_model(np.array(P.OPENSIM_HIP_CENTER_RIGHT) * [1, 1, -1], lm)
    assert np.linalg.norm(left_hip - _femoral_head(model.mesh("femur_left"), "left")[0]) < r / 2
    sacrum = joined([model.mesh("s1_segment"), model.mesh("sacrum_lower")])
    piriformis = frame.opensim_pelvis_to_model([-139.6, 0.3, 23.5], lm)
    assert abs(signed_distance(sacrum, [piriformis])[0]) < 5.0


# ---------------------------------------------------------------- landmarks
def test_landmarks_sit_where_anatomy_puts_them(lm):
    """Left-right pairs mirror each other; the spines, crests and the hip lie where a student
    expects them relative to S1."""
    for name in ("asis", "psis", "acetabulum_center", "greater_trochanter", "ischial_tuberosity"):
        left, right = lm[f"{name}_left"], lm[f"{name}_right"]
        assert left[0] < 0 < right[0], name
        assert np.allclose(frame.mirror_points(left), right, atol=1e-6), name
    r = {k[:-6]: v for k, v in lm.items() if k.endswith("_right") and v.shape == (3,)}
    assert r["asis"][1] > r["acetabulum_center"][1] > r["psis"][1]  # front to back
    assert r["iliac_crest_top"][2] > 0 > r["acetabulum_center"][2] > r["ischial_tuberosity"][2]
    assert r["greater_trochanter_lateral"][0] > r["femoral_head_center"][0]
    assert lm["sacral_promontory"][1] > lm["sacral_canal_top_center"][1]
    assert np.isclose(np.linalg.norm(lm["s1_endplate_normal"]), 1.0)
    assert lm["s1_anterior_foramen_right"][0] > 0 > lm["s1_anterior_foramen_left"][0]
    assert r["s1_anterior_foramen"][2] > r["s2_anterior_foramen"][2]


def test_every_published_landmark_is_documented_and_every_documented_one_published(lm):
    """Other builders code against the names in pelvis_landmarks.py's docstring table."""
    import re

    documented = set()
    assert pelvis_landmarks.__doc__
    for line in pelvis_landmarks.__doc__.splitlines():
        m = re.match(r"^([a-z0-9]+_[a-z0-9_{}]+(?:, [a-z0-9_{}]+)*)(?:\s{2,}|$)", line)
        if m:
            for name in m.group(1).split(", "):
                documented |= (
                    {name.replace("{side}", s) for s in SIDES} if "{side}" in name else {name}
                )
    assert documented == set(lm)


def test_the_s1_segment_and_the_lower_sacrum_meet_at_a_section_cap(model):
    """Where the sacrum is divided below S1, each part ends in a flat section (drawn in the cut
    colour when a part is seen alone): one plane, the two faces the same size and facing each
    other, as large as the bone's cross-section there; triangulated evenly, not as a fan of long
    thin triangles from the rim (they shade as radiating streaks): no cap triangle's longest
    edge longer than 4 mm, 95 % of them at most 4 times as elongated as an equilateral one, and
    slivers (over 8 times) under 1 % of its area."""
    caps = {}
    for sid in ("s1_segment", "sacrum_lower"):
        mesh = model.mesh(sid)
        on = section_caps.cap_faces(mesh.faces, section_caps.cut_flags(mesh), mesh.face_normals)
        area = mesh.area_faces[on]
        normal = (mesh.face_normals[on] * area[:, None]).sum(axis=0)
        normal /= np.linalg.norm(normal)
        assert area.sum() > 1000.0, (sid, area.sum())
        # flat: every cap face turned the cap's way
        assert np.degrees(np.arccos(np.clip(mesh.face_normals[on] @ normal, -1, 1))).max() < 2.0
        tri = mesh.vertices[mesh.faces[on]]
        edges = np.linalg.norm(tri - np.roll(tri, 1, axis=1), axis=2).max(axis=1)
        assert edges.max() < 4.0, (sid, edges.max())
        # longest edge squared over twice the area, 1 for an equilateral triangle
        aspect = edges**2 / (2.0 * area) * np.sqrt(3.0) / 2.0
        assert np.percentile(aspect, 95) < 4.0, (sid, np.percentile(aspect, 95))
        # (slivers only where the rim's own vertices crowd: a speck of the section's area)
        sliver = area[aspect > 8.0].sum() / area.sum()
        assert sliver < 0.01, (sid, sliver)
        caps[sid] = (area.sum(), normal, mesh.triangles_center[on].mean(axis=0))
    (a1, n1, c1), (a2, n2, c2) = caps["s1_segment"], caps["sacrum_lower"]
    assert abs(a1 - a2) < 0.02 * a1
    assert float(n1 @ n2) < -0.999
    assert abs(float((c2 - c1) @ n1)) < 0.1  # one plane
    assert n1[2] < 0, "the S1 segment's section faces down (towards S2)"


@pytest.mark.parametrize("sid", ["s1_segment", "sacrum_lower"])
def test_the_sacral_cut_edge_shades_as_one_even_line(model, sid):
    """The edge where the S1/S2 section meets the bone's surface is a clean line, not a
    saw-tooth ("a jagged cut edge", blind review s34). A renderer shades each rim vertex by the
    mean of its triangles' normals, the wall's and the cap's: where the boolean left fans of
    thin wall triangles, a different number at each vertex, that normal swung by 9-12 degrees
    (median; 22-33 at the 90th percentile) from one rim vertex to the next; along an even rim
    it turns smoothly (90 % of the steps under 8 degrees, the median under 3)."""
    mesh = model.mesh(sid)
    on = section_caps.cap_faces(mesh.faces, section_caps.cut_flags(mesh), mesh.face_normals)
    cap_normal = (mesh.face_normals[on] * mesh.area_faces[on, None]).sum(axis=0)
    cap_normal /= np.linalg.norm(cap_normal)
    on_cap = np.zeros(len(mesh.vertices), bool)
    on_cap[mesh.faces[on]] = True
    on_wall = np.zeros(len(mesh.vertices), bool)
    on_wall[mesh.faces[~on]] = True
    rim = on_cap & on_wall
    # the shading normal: the plain mean of the unit normals of the vertex's triangles
    total = np.zeros((len(mesh.vertices), 3))
    np.add.at(total, mesh.faces.ravel(), np.repeat(mesh.face_normals, 3, axis=0))
    shade = total / np.maximum(np.linalg.norm(total, axis=1, keepdims=True), 1e-12)
    tilt = np.degrees(np.arccos(np.clip(shade @ cap_normal, -1.0, 1.0)))
    edges = mesh.edges_unique[rim[mesh.edges_unique].all(axis=1)]
    assert len(edges) > 100, (sid, len(edges))
    step = np.abs(tilt[edges[:, 0]] - tilt[edges[:, 1]])
    assert np.percentile(step, 50) < 3.0, (sid, np.percentile(step, 50))
    assert np.percentile(step, 90) < 8.0, (sid, np.percentile(step, 90))
