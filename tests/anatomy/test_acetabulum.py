"""The acetabulum reads as a real one: a horseshoe lunate surface round a deeper fossa that runs
down into the notch, the lunate surface's inner margin a distinct step down to the fossa's dull
floor with its few vascular foramina (Gray's Anatomy, 42nd ed.; :mod:`viewer.anatomy.acetabulum`)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.test_pelvis import _femoral_head
from tests.anatomy.tissue_geometry import ray_first_hit
from viewer.anatomy import acetabulum
from viewer.anatomy import parameters as P
from viewer.anatomy.frame import side_sign
from viewer.vocabulary import SIDES

#: a direction of the socket belongs to the fossa when the bone lies this much further from the
#: head's centre than the lunate surface does (its median over the socket), mm
FOSSA_STEP = 2.5


def _floor(model, side):
    """Distances from the femoral head's centre to the socket's wall over directions sampled
    evenly within 80 deg of the socket's deepest point; returns (directions, distances, pole,
    notch)."""
    hip, femur = model.mesh(f"hip_bone_{side}"), model.mesh(f"femur_{side}")
    head, radius = _femoral_head(femur, side)
    _, opening, notch = acetabulum.socket_axes(hip, head, radius + 1.5)
    pole = -opening
    # the same directions for both sides, mirrored (the right hip bone is the left's mirror
    # image), and enough of them (about 75 in each 8 deg cone) that a cone's median is the
    # bone's, not the draw's: with 4,000 directions drawn afresh the two mirrored sockets read
    # 0.35 mm apart at the notch's 40 deg probe, a side failing or passing by the draw alone
    rng = np.random.default_rng(0)
    u = rng.normal(size=(16000, 3))
    u /= np.linalg.norm(u, axis=1)[:, None]
    u[:, 0] *= -side_sign(side)
    u = u[u @ pole > np.cos(np.radians(80))]
    dist = ray_first_hit(hip, np.repeat(head[None], len(u), 0), u, 60.0)
    keep = np.isfinite(dist)
    u, dist = u[keep], dist[keep]
    return u, dist, pole, notch


@pytest.fixture(scope="module", params=SIDES)
def floor(request, model):
    return _floor(model, request.param)


def _towards(pole, target, deg):
    t = target - (target @ pole) * pole
    t /= np.linalg.norm(t)
    return np.cos(np.radians(deg)) * pole + np.sin(np.radians(deg)) * t


def test_fossa_lies_deeper_than_the_lunate_surface_over_a_third_of_the_socket(floor):
    u, dist, _, _ = floor
    deep = dist > np.median(dist) + FOSSA_STEP
    assert 0.2 < deep.mean() < 0.5, deep.mean()


def test_lunate_surface_is_widest_above_and_the_fossa_runs_into_the_notch(floor):
    u, dist, pole, notch = floor
    lunate = np.median(dist)

    def depth_near(direction):
        near = u @ direction > np.cos(np.radians(8))
        return np.median(dist[near]) - lunate

    roof = _towards(pole, np.array([0.0, 0.0, 1.0]), 55)
    assert depth_near(roof) < 1.5  # the roof bears the head
    assert depth_near(_towards(pole, notch, 40)) > FOSSA_STEP  # the fossa, below the centre
    assert depth_near(_towards(pole, notch, 72)) > FOSSA_STEP  # on into the notch


#: the profile's step, deg
PROFILE_STEP = 0.25


def _roof_profile(model, side):
    """Distances from the femoral head's centre to the socket's wall along the great circle from
    the socket's deepest point up towards the roof (angles from that point, deg, positive
    upwards); returns (angles, distances, the lunate surface's distance: the socket's median)."""
    hip, femur = model.mesh(f"hip_bone_{side}"), model.mesh(f"femur_{side}")
    head, radius = _femoral_head(femur, side)
    u, dist, pole, _ = _floor(model, side)
    up = np.array([0.0, 0.0, 1.0]) - pole[2] * pole
    up /= np.linalg.norm(up)
    angles = np.arange(-40.0, 120.0, PROFILE_STEP)
    rad = np.radians(angles)[:, None]
    dirs = np.cos(rad) * pole + np.sin(rad) * up
    along = ray_first_hit(hip, np.repeat(head[None], len(dirs), 0), dirs, 60.0)
    return angles, along, np.median(dist)


@pytest.mark.parametrize("side", SIDES)
def test_the_lunate_surface_is_20_to_25_mm_broad_at_the_roof(model, side):
    """Above the fossa the horseshoe's roof, where the body weight passes, is about 20-25 mm broad
    from the fossa's upper margin to the rim (Gray's Anatomy, 42nd ed., the acetabulum): the fossa
    reaches above the socket's centre, the horns of the lunate surface either side of it. (Main's
    round fossa below the centre, stop 42, left a 42 mm roof: "a simple cup" to a blind
    reviewer.)"""
    angles, along, lunate = _roof_profile(model, side)
    fossa = (angles < 60.0) & (along > lunate + FOSSA_STEP)
    margin = angles[fossa].max()
    beyond = (angles > margin) & ~(along < lunate + 8.0)  # the ray leaves the socket: its rim
    rim = angles[beyond].min()
    broad = np.radians(rim - margin) * lunate
    assert 18.0 < broad < 28.0, (margin, rim, broad)


#: the arcs' step from the fossa's centre outwards, deg
ARC_STEP = 0.25


def _rotated(axis, vector, deg):
    a = np.radians(deg)
    return (
        vector * np.cos(a)
        + np.cross(axis, vector) * np.sin(a)
        + axis * (axis @ vector) * (1 - np.cos(a))
    )


def _arcs(model, side):
    """Distances from the femoral head's centre to the socket's wall along arcs running out from
    the fossa's centre at azimuths 10 deg apart, those towards the notch left out (the channel
    runs on there); returns (arcs: rows of distances, the arcs' angles from the fossa's centre in
    deg, the lunate sphere's radius)."""
    hip, femur = model.mesh(f"hip_bone_{side}"), model.mesh(f"femur_{side}")
    head, radius = _femoral_head(femur, side)
    _, opening, notch = acetabulum.socket_axes(hip, head, radius + 1.5)
    centre = acetabulum.fossa_frame(opening, notch)[0]
    steps = np.arange(10.0, 60.0, ARC_STEP)
    towards = notch - (notch @ centre) * centre
    rows = []
    for azimuth in range(70, 291, 10):
        start = _rotated(centre, towards / np.linalg.norm(towards), azimuth)
        axis = np.cross(centre, start)
        dirs = np.array([_rotated(axis, centre, s) for s in steps])
        rows.append(ray_first_hit(hip, np.repeat(head[None], len(dirs), 0), dirs, 60.0))
    return np.array(rows), steps, radius + 1.5


@pytest.fixture(scope="module", params=SIDES)
def arcs(request, model):
    return _arcs(model, request.param)


def _drop(arcs, mm):
    """The largest fall of the wall towards the head over any ``mm`` of arc, per arc, mm."""
    rows, _, radius = arcs
    w = int(round(np.degrees(mm / radius) / ARC_STEP))
    return np.nanmax(rows[:, :-w] - rows[:, w:], axis=1)


def test_the_lunate_surface_steps_down_to_the_fossa_at_a_distinct_edge(arcs):
    """All round the fossa but at the notch, the lunate surface's inner margin is a step of 2-4
    mm over about 1 mm (an edge that casts a shade line), not a slope that reads as a boss."""
    over_1mm, over_2mm = _drop(arcs, 1.0), _drop(arcs, 2.0)
    assert np.median(over_1mm) > 2.0, over_1mm.round(2)
    assert over_1mm.min() > 1.5, over_1mm.round(2)
    assert 2.5 < np.median(over_2mm) < 4.5, over_2mm.round(2)


#: the floor map's spacing, mm, and its reach from the fossa's centre, mm
MAP_STEP, MAP_REACH = 0.3, 11.0


def _floor_map(model, side):
    """The fossa's floor seen from the femoral head's centre: distances to the socket's wall over a
    square grid of directions ``MAP_STEP`` apart (on a plane square to the fossa's centre, at the
    floor's depth) within ``MAP_REACH`` of that centre; returns (grid points on the plane, mm;
    distances; which points lie on the floor 3 mm or more clear of its step)."""
    from scipy.spatial import cKDTree

    hip, femur = model.mesh(f"hip_bone_{side}"), model.mesh(f"femur_{side}")
    head, radius = _femoral_head(femur, side)
    _, opening, notch = acetabulum.socket_axes(hip, head, radius + 1.5)
    centre, towards, across = acetabulum.fossa_frame(opening, notch)
    ticks = np.arange(-MAP_REACH, MAP_REACH + 1e-9, MAP_STEP)
    xy = np.array([(x, y) for x in ticks for y in ticks])
    xy = xy[np.linalg.norm(xy, axis=1) <= MAP_REACH]
    depth = radius + 1.5 + P.ACETABULAR_FOSSA_DEPTH
    u = centre * depth + xy[:, :1] * towards + xy[:, 1:] * across
    u /= np.linalg.norm(u, axis=1)[:, None]
    dist = ray_first_hit(hip, np.repeat(head[None], len(u), 0), u, 60.0)
    deep = np.isfinite(dist) & (dist > radius + 1.5 + FOSSA_STEP)
    tree = cKDTree(xy)
    shallow = tree.query_ball_point(xy[~deep], 3.0)
    floor = deep.copy()
    for near in shallow:
        floor[near] = False
    return xy, dist, floor


@pytest.fixture(scope="module", params=SIDES)
def floor_map(request, model):
    return _floor_map(model, request.param)


def _fine_relief(xy, dist, floor, within):
    """Each floor point's departure from the mean of the floor points within ``within`` mm of it
    (on the map's plane), mm: deeper (positive) in a pit."""
    from scipy.spatial import cKDTree

    tree = cKDTree(xy[floor])
    near = tree.query_ball_point(xy[floor], within)
    d = dist[floor]
    return np.array([d[i] - d[n].mean() for i, n in enumerate(near)])


#: a pit (or a knob) of the floor: floor points lying this much deeper (or shallower) than the
#: floor within ``FEATURE_RING`` mm round them, mm; that ring's radius, mm
FEATURE_DEPTH, FEATURE_RING = 0.15, 2.0


def _features(xy, dist, floor):
    """The floor's pits and knobs: clusters (of a few of the map's points, or more) of floor
    points lying ``FEATURE_DEPTH`` deeper, or shallower, than the floor within ``FEATURE_RING``
    round them; returns (pits, knobs), counted."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    relief = _fine_relief(xy, dist, floor, FEATURE_RING)
    counts = []
    for points in (xy[floor][relief > FEATURE_DEPTH], xy[floor][relief < -FEATURE_DEPTH]):
        if len(points) == 0:
            counts.append(0)
            continue
        pairs = cKDTree(points).query_pairs(1.5 * MAP_STEP, output_type="ndarray")
        graph = coo_matrix(
            (np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(points), len(points))
        )
        _, labels = connected_components(graph, directed=False)
        counts.append(int((np.bincount(labels) >= 4).sum()))
    return counts[0], counts[1]


def test_the_fossa_floor_is_dull_bone_not_a_speckled_texture(floor_map):
    """The fossa's floor is rough non-articular bone that an atlas draws as a dull, smooth-ish
    recess (stop 32's seeded 1.8-3.5 mm relief read as "a speckled, noisy mesh texture" to two
    blind reviewers; it made 17 pits and 16 knobs of 0.15 mm within 2 mm): no knobs, and no more
    pits than a handful of vascular foramina."""
    xy, dist, floor = floor_map
    assert floor.sum() > 500, floor.sum()
    pits, knobs = _features(xy, dist, floor)
    assert knobs <= 2, knobs
    assert pits <= 8, pits


def test_the_fossa_floor_is_smooth_between_its_foramina(request, model, floor_map):
    """Away from its vascular foramina the fossa's floor is a smooth recess, not blotches (stop
    41's broad seeded undulations and the thickness clamp's streaks: 0.13-0.15 mm rms within 4 mm,
    "a blotchy floor" to a blind reviewer): under 0.11 mm rms from its mean within 4 mm."""
    from scipy.spatial import cKDTree

    xy, dist, floor = floor_map
    side = request.node.callspec.params["floor_map"]
    hip, femur = model.mesh(f"hip_bone_{side}"), model.mesh(f"femur_{side}")
    head, radius = _femoral_head(femur, side)
    _, opening, notch = acetabulum.socket_axes(hip, head, radius + 1.5)
    centre, towards, across = acetabulum.fossa_frame(opening, notch)
    q = acetabulum.foramina_centres(opening, notch)
    depth = radius + 1.5 + P.ACETABULAR_FOSSA_DEPTH
    pits = np.column_stack([q @ towards, q @ across]) / (q @ centre)[:, None] * depth
    # every third floor point 3 mm clear of the foramina, against the floor within 4 mm of it
    on = xy[floor]
    sample = np.flatnonzero(cKDTree(pits).query(on)[0] > 3.0)[::3]
    d = dist[floor]
    near = cKDTree(on).query_ball_point(on[sample], 4.0)
    relief = np.array([d[i] - d[n].mean() for i, n in zip(sample, near, strict=True)])
    assert len(sample) > 100, len(sample)
    assert np.sqrt((relief**2).mean()) < 0.11, np.sqrt((relief**2).mean())


def test_the_fossa_floor_has_a_handful_of_vascular_foramina(floor_map):
    """The floor is not a plain smooth bowl either: a handful of small round pits (vascular
    foramina; Gray's) lie in it (a plain floor has none)."""
    pits, _ = _features(*floor_map)
    assert pits >= 3, pits


def test_the_fossa_floor_is_never_thinner_than_its_minimum(model):
    """The floor's bone under the fossa's cap, from the socket into the pelvis, keeps
    ``ACETABULAR_FLOOR_MIN`` (less a tolerance for the smooth clamp and the sampling; at the
    notch the bone is LLP26's own)."""
    for side in SIDES:
        u, dist, pole, notch = _floor(model, side)
        hip, femur = model.mesh(f"hip_bone_{side}"), model.mesh(f"femur_{side}")
        head, _ = _femoral_head(femur, side)
        cap = acetabulum.fossa_angle(u, -pole, notch) < acetabulum.fossa_reach(u, -pole, notch) - 4
        deep = cap & (dist > np.median(dist) + FOSSA_STEP)
        inner = head + u[deep] * (dist[deep] + 0.02)[:, None]
        through = ray_first_hit(hip, inner, u[deep], 40.0)
        assert deep.sum() > 50, deep.sum()
        assert np.nanmin(through) > P.ACETABULAR_FLOOR_MIN - 0.3, np.nanmin(through)
