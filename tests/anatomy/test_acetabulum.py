"""The acetabulum reads as a real one: a horseshoe lunate surface round a deeper fossa that runs
down into the notch, the lunate surface's inner margin a distinct step down to the fossa's rough
floor (Gray's Anatomy, 42nd ed.; :mod:`viewer.anatomy.acetabulum`)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.test_pelvis import _femoral_head
from tests.anatomy.tissue_geometry import ray_first_hit
from viewer.anatomy import acetabulum
from viewer.anatomy import parameters as P
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
    rng = np.random.default_rng(0)
    u = rng.normal(size=(4000, 3))
    u /= np.linalg.norm(u, axis=1)[:, None]
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
    tilt = np.radians(P.ACETABULAR_FOSSA_TILT)
    centre = -np.cos(tilt) * opening + np.sin(tilt) * notch
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


def _roughness(arcs):
    """The wall's fine relief along the arcs: the spread (mm) of its departure from its own
    mean over 1.2 mm of arc, on the fossa's floor (1.5 mm or more clear of its step) and on the
    lunate surface round it."""
    rows, steps, radius = arcs
    k = int(round(np.degrees(0.6 / radius) / ARC_STEP))
    box = np.ones(2 * k + 1) / (2 * k + 1)
    inside, outside = [], []
    for row in rows:
        fine = (row - np.convolve(row, box, mode="same"))[k:-k]
        deep = row > radius + 2.5
        wide = 2 * k
        floor = np.array([deep[max(i - wide, 0) : i + wide + 1].all() for i in range(len(row))])
        angle = steps[k:-k]
        lunate = (angle > P.ACETABULAR_FOSSA_RADIUS + 6) & (angle < P.ACETABULAR_FOSSA_RADIUS + 20)
        inside.append(np.nanstd(fine[floor[k:-k]]))
        outside.append(np.nanstd(fine[lunate & ~deep[k:-k]]))
    return np.nanmedian(inside), np.nanmedian(outside)


def test_the_fossa_floor_is_rough_and_the_lunate_surface_smooth(arcs):
    """The fossa's floor is rough, pitted non-articular bone; the articular lunate surface round
    it is smooth: the fine relief is on the floor only."""
    inside, outside = _roughness(arcs)
    assert inside > 0.025, inside
    assert outside < 0.015, outside
    assert inside > 3 * outside, (inside, outside)


def test_the_fossa_floor_is_never_thinner_than_its_minimum(model):
    """The floor's bone under the fossa's cap, from the socket into the pelvis, keeps
    ``ACETABULAR_FLOOR_MIN`` (less a tolerance for the smooth clamp and the sampling; at the
    notch the bone is LLP26's own)."""
    tilt = np.radians(P.ACETABULAR_FOSSA_TILT)
    for side in SIDES:
        u, dist, pole, notch = _floor(model, side)
        hip, femur = model.mesh(f"hip_bone_{side}"), model.mesh(f"femur_{side}")
        head, _ = _femoral_head(femur, side)
        centre = np.cos(tilt) * pole + np.sin(tilt) * notch
        cap = np.degrees(np.arccos(np.clip(u @ centre, -1, 1))) < P.ACETABULAR_FOSSA_RADIUS - 4
        deep = cap & (dist > np.median(dist) + FOSSA_STEP)
        inner = head + u[deep] * (dist[deep] + 0.02)[:, None]
        through = ray_first_hit(hip, inner, u[deep], 40.0)
        assert deep.sum() > 50, deep.sum()
        assert np.nanmin(through) > P.ACETABULAR_FLOOR_MIN - 0.3, np.nanmin(through)
